import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  VOICE_PATHS,
  type VoiceCallEvent,
  VoiceCallEventSchema,
  type VoiceRouteAnswer,
  type VoiceRouteRequest,
  VoiceRouteRequestSchema,
} from '../../../shared/protocol/voice';
import { presentedVoiceKey } from '../../../hub/voice/voice-key';

/**
 * A stand-in for the hub's two voice endpoints that answers route requests
 * from a script, so the Kamailio config's own logic (ring, next agent, wait,
 * release, reject, events) is tested on its own. Every request is parsed
 * with the contract's schemas: a malformed one fails the test. Answers come
 * in the hub's `{ ok, data }` envelope.
 */

export type ScriptedHub = {
  url: string;
  key: string;
  routeRequests: VoiceRouteRequest[];
  events: VoiceCallEvent[];
  /** Anything the contract refuses (bad key, bad JSON), as text. */
  refused: string[];
  /** Answer route requests this much later (0 by default): a slow hub, for races with the caller. */
  setRouteDelay(ms: number): void;
  /** Resolves once an event of this kind has arrived for the call. */
  eventArrived(callId: string, kind: VoiceCallEvent['kind']): Promise<void>;
  close(): Promise<void>;
};

export type RouteScript = (request: VoiceRouteRequest) => VoiceRouteAnswer;

export async function startScriptedHub(script: RouteScript): Promise<ScriptedHub> {
  const key = 'interop-voice-key-0123456789abcdefghij';
  const routeRequests: VoiceRouteRequest[] = [];
  const events: VoiceCallEvent[] = [];
  const refused: string[] = [];
  const waiters: { callId: string; kind: VoiceCallEvent['kind']; resolve: () => void }[] = [];
  let routeDelayMs = 0;

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const answer = (status: number, json: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      if (presentedVoiceKey(request.headers) !== key) {
        refused.push(`bad key on ${request.url}`);
        return answer(403, { ok: false });
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        refused.push(`not JSON on ${request.url}: ${body}`);
        return answer(400, { ok: false });
      }
      if (request.url === VOICE_PATHS.route) {
        const parsed = VoiceRouteRequestSchema.safeParse(json);
        if (!parsed.success) {
          refused.push(`route request ${body}: ${parsed.error.message}`);
          return answer(400, { ok: false });
        }
        routeRequests.push(parsed.data);
        const data = script(parsed.data);
        if (routeDelayMs === 0) return answer(200, { ok: true, data });
        setTimeout(() => answer(200, { ok: true, data }), routeDelayMs);
        return;
      }
      if (request.url === VOICE_PATHS.event) {
        const parsed = VoiceCallEventSchema.safeParse(json);
        if (!parsed.success) {
          refused.push(`event ${body}: ${parsed.error.message}`);
          return answer(400, { ok: false });
        }
        events.push(parsed.data);
        for (const waiter of waiters.filter((w) => w.callId === parsed.data.callId && w.kind === parsed.data.kind)) waiter.resolve();
        return answer(200, { ok: true, data: {} });
      }
      refused.push(`unknown path ${request.url}`);
      answer(404, { ok: false });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    key,
    routeRequests,
    events,
    refused,
    setRouteDelay: (ms) => {
      routeDelayMs = ms;
    },
    eventArrived: (callId, kind) =>
      new Promise((resolve) => {
        if (events.some((event) => event.callId === callId && event.kind === kind)) resolve();
        else waiters.push({ callId, kind, resolve });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { HubError } from '../../shared/protocol/errors';
import { VOICE_PATHS, VoiceCallEventSchema, VoiceRouteRequestSchema } from '../../shared/protocol/voice';
import { HTTP_STATUS } from '../http/error-status';
import { BodyError, readJsonBody, sendJson } from '../http/json-body';
import { invalidPayload } from '../sync/payload-issues';
import { Refusal } from '../sync/refusal';
import type { VoiceService } from './voice-service';
import { presentedVoiceKey, voiceKeyMatches } from './voice-key';

export type VoiceHttp = ReturnType<typeof createVoiceHttp>;

const PATHS: ReadonlySet<string> = new Set(Object.values(VOICE_PATHS));

const answerError = (response: ServerResponse, error: HubError, headers: Record<string, string> = {}) =>
  sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, headers);

function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new Refusal(invalidPayload(result.error, what));
  return result.data;
}

/**
 * The SIP server's door into the hub: only Kamailio, holding the shared
 * key, asks who to ring and reports what happened. No CORS: no browser has
 * any business here.
 */
export function createVoiceHttp(deps: { key: string; voice: () => VoiceService }) {
  async function work(pathname: string, body: unknown): Promise<unknown> {
    if (pathname === VOICE_PATHS.route) return deps.voice().route(parsed(VoiceRouteRequestSchema, body, 'The route request'));
    return deps.voice().event(parsed(VoiceCallEventSchema, body, 'The call event'));
  }

  return {
    handles: (pathname: string): boolean => PATHS.has(pathname),

    async handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
      if (request.method !== 'POST') return answerError(response, { code: 'invalid-payload', message: `${pathname} takes POST.` }, { Allow: 'POST' });
      const given = presentedVoiceKey(request.headers);
      if (given === null || !voiceKeyMatches(given, deps.key)) {
        // Unread, the body is not worth receiving: close so the sender stops.
        return answerError(response, { code: 'forbidden', message: 'Wrong or missing voice key.' }, { Connection: 'close' });
      }
      try {
        sendJson(response, 200, { ok: true, data: await work(pathname, await readJsonBody(request)) });
      } catch (error) {
        if (error instanceof BodyError) return answerError(response, error.error, { Connection: 'close' });
        if (error instanceof Refusal) return answerError(response, error.error);
        throw error;
      }
    },
  };
}

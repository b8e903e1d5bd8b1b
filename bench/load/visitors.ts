import { request } from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import type { Response } from '../../shared/protocol';
import { type HubToVisitorEvents, VISITOR_NAMESPACE, VISITOR_PATHS, type VisitorSession, type VisitorToHubEvents } from '../../shared/protocol/visitor';
import { sleep } from '../pool';

/**
 * Web chat visitors, one starting every so often: each opens the demo widget's
 * chat, asks one question, waits for the agent's answer (or gives up), and
 * leaves. Each visitor starts from its own loopback address (127.1.x.y): the
 * hub limits chat starts per address, and real visitors come from many.
 */

type Visitor = Socket<HubToVisitorEvents, VisitorToHubEvents>;

/** A visitor waits this long in the queue for an answer before leaving (the chat's task is then abandoned, with that reason). */
const PATIENCE_MS = 60_000;

export type ChatCounts = { started: number; startRefused: number; answered: number; gaveUp: number; errors: number };

export function sourceAddress(index: number): string {
  return `127.1.${(Math.floor(index / 250) % 250) + 1}.${(index % 250) + 1}`;
}

function startChat(hubUrl: string, index: number): Promise<Response<VisitorSession>> {
  const url = new URL(VISITOR_PATHS.start, hubUrl);
  const body = JSON.stringify({ widgetId: 'demo', name: `Load visitor ${index}` });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress: sourceAddress(index), headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        try {
          resolve(JSON.parse(text) as Response<VisitorSession>);
        } catch (error) {
          reject(error);
        }
      });
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** One visitor's whole chat. */
async function visit(hubUrl: string, index: number, counts: ChatCounts): Promise<void> {
  const started = await startChat(hubUrl, index);
  if (!started.ok) {
    counts.startRefused += 1;
    return;
  }
  counts.started += 1;
  const visitor: Visitor = connect(`${hubUrl}${VISITOR_NAMESPACE}`, { auth: { token: started.data.token }, transports: ['websocket'], forceNew: true });
  try {
    const answered = new Promise<boolean>((resolve) => {
      visitor.on('chat:line', (line) => {
        if (line.from === 'agent') resolve(true);
      });
      setTimeout(() => resolve(false), PATIENCE_MS);
    });
    await new Promise<void>((resolve, reject) => {
      visitor.once('connect', () => resolve());
      visitor.once('connect_error', reject);
    });
    const sent = await visitor.timeout(30_000).emitWithAck('chat:send', { clientId: `load-${index}`, text: `Question ${index}: where is my order?` });
    if (!sent.ok) throw new Error(`chat:send refused: ${sent.error.code}`);
    if (await answered) counts.answered += 1;
    else counts.gaveUp += 1;
    // Long enough for the agent to read the visitor is done, short enough that the agent's own "complete" usually comes first.
    await sleep(2_000);
    await visitor.timeout(30_000).emitWithAck('chat:leave', {});
  } finally {
    visitor.disconnect();
  }
}

export type ChatLoad = { counts: ChatCounts; finish(): Promise<ChatCounts> };

/** `perMin` visitors a minute, evenly spaced, for `durationMs`; visitor i opens the widget on hub node `nodeUrl(i)`. */
export function startChatLoad(nodeUrl: (index: number) => string, perMin: number, durationMs: number): ChatLoad {
  const counts: ChatCounts = { started: 0, startRefused: 0, answered: 0, gaveUp: 0, errors: 0 };
  const visits: Promise<void>[] = [];
  const total = Math.floor((perMin * durationMs) / 60_000);
  const paced = (async () => {
    const began = performance.now();
    for (let i = 0; i < total; i += 1) {
      const wait = began + (i * 60_000) / perMin - performance.now();
      if (wait > 0) await sleep(wait);
      visits.push(
        visit(nodeUrl(i), i, counts).catch(() => {
          counts.errors += 1;
        }),
      );
    }
  })();
  return {
    counts,
    finish: async () => {
      await paced;
      await Promise.all(visits);
      return counts;
    },
  };
}

import { io as connect, type Socket } from 'socket.io-client';
import { DEMO_PASSWORD } from '../shared/demo';
import type { ClientToHubEvents, HubToClientEvents, Session } from '../shared/protocol';
import type { Change } from '../shared/protocol/changes';

export type HubClient = Socket<HubToClientEvents, ClientToHubEvents>;

export async function loginDemo(hubUrl: string, username: string): Promise<Session> {
  const res = await fetch(`${hubUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { ok: true; data: Session } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`login ${username}: ${body.error.message}`);
  return body.data;
}

export function openHubClient(hubUrl: string, token: string): Promise<HubClient> {
  const socket: HubClient = connect(hubUrl, { auth: { token }, transports: ['websocket'], forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Every page from `since` to the hub's head, in change-log order, exactly as a desktop pulls them. */
export async function* pullPages(socket: HubClient, interactionsSince: number, limit = 5_000): AsyncGenerator<Change[]> {
  let since = 0;
  for (;;) {
    const ack = await socket.timeout(60_000).emitWithAck('sync:pull', { since, limit, interactionsSince });
    if (!ack.ok) throw new Error(`sync:pull refused: ${ack.error.code} ${ack.error.message}`);
    yield ack.data.changes;
    if (!ack.data.more) return;
    since = ack.data.cursor;
  }
}

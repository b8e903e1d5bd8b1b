import { type Socket as ClientSocket, io } from 'socket.io-client';
import { loadConfig } from '../../../hub/config';
import { createLogger } from '../../../hub/log';
import { type RunningHub, type StartOptions, startHub } from '../../../hub/server';
import type { Session } from '../../../shared/protocol/auth';
import type { Change, PullResult } from '../../../shared/protocol/changes';
import { ChangeSchema } from '../../../shared/protocol/changes';
import { type HubError, HubErrorSchema, type Response } from '../../../shared/protocol/errors';
import type { ClientToHubEvents, HubToClientEvents } from '../../../shared/protocol/events';
import type { TestStore } from './test-stores';

export type Desktop = ClientSocket<HubToClientEvents, ClientToHubEvents>;

/** The hub's clock, movable: tests expire tokens and rate limits without waiting. */
export type TestClock = { offsetMs: number; now(): number };

export type TestHub = {
  hub: RunningHub;
  clock: TestClock;
  post(path: string, body: unknown): Promise<{ status: number; headers: Headers; json: unknown }>;
  login(username: string, password?: string): Promise<Session>;
  connect(token: string): Promise<Desktop>;
  /** Signs in and connects. */
  desktop(username: string): Promise<Desktop>;
  close(): Promise<void>;
};

/** A small demo keeps the suite fast: 12 customers, C000001 with 60 interactions. */
export const SMALL_SEED = { SEED_CUSTOMERS: '12', SEED_HEAVY_INTERACTIONS: '60', SEED_MAX_INTERACTIONS: '6' };

export async function startTestHub(store: TestStore, env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestHub> {
  const clock: TestClock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
  // SMTP_PORT 0: no SMTP listener unless a test asks for one (hubs started side by side would fight over 2525).
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SMTP_PORT: '0', ...SMALL_SEED, ...store.env, ...env });
  const hub = await startHub(config, { clock: clock.now, log: createLogger('silent'), ...options });
  const desktops: Desktop[] = [];

  const post: TestHub['post'] = async (path, body) => {
    const response = await fetch(`${hub.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, json: await response.json() };
  };

  const login: TestHub['login'] = async (username, password = 'demo1234') => {
    const { status, json } = await post('/api/login', { username, password });
    const answer = json as Response<Session>;
    if (status !== 200 || !answer.ok) throw new Error(`login ${username} failed: ${status} ${JSON.stringify(json)}`);
    return answer.data;
  };

  const connect: TestHub['connect'] = (token) =>
    new Promise((resolve, reject) => {
      const socket: Desktop = io(hub.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      desktops.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => reject(error));
    });

  return {
    hub,
    clock,
    post,
    login,
    connect,
    desktop: async (username) => connect((await login(username)).accessToken),
    close: async () => {
      for (const socket of desktops) socket.disconnect();
      await hub.close();
    },
  };
}

/** What a refused handshake hands the client: `err.message` is the code, `err.data` the HubError. */
export async function refusedHandshake(connecting: Promise<Desktop>): Promise<{ message: string; data: HubError }> {
  try {
    const socket = await connecting;
    socket.disconnect();
  } catch (error) {
    if (error instanceof Error && 'data' in error) return { message: error.message, data: HubErrorSchema.parse(error.data) };
    throw error;
  }
  throw new Error('the handshake was accepted');
}

export function expectOk<T>(response: Response<T>): T {
  if (!response.ok) throw new Error(`expected ok, got ${JSON.stringify(response.error)}`);
  return response.data;
}

export function expectError<T>(response: Response<T>): HubError {
  if (response.ok) throw new Error(`expected an error, got ${JSON.stringify(response.data)}`);
  return response.error;
}

/** Pulls the whole log page by page, checking each page's shape against the contract. */
export async function pullAll(desktop: Desktop, request: { since?: number; limit?: number; interactionsSince?: number } = {}) {
  const changes: Change[] = [];
  const pages: PullResult[] = [];
  let since = request.since ?? 0;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const page = expectOk(await desktop.emitWithAck('sync:pull', { ...request, since }));
    for (const change of page.changes) changes.push(ChangeSchema.parse(change));
    pages.push(page);
    since = page.cursor;
    if (!page.more) return { changes, pages, cursor: since, head: page.head };
  }
  throw new Error('pull did not finish');
}

/**
 * Collects `sync:changes` broadcasts until `count` changes past `after` have
 * arrived. Changes at or below `after` are dropped as a desktop drops them
 * (renderer/sync/cursor.ts): broadcasts go out in short batches, so a desktop
 * that just pulled up to the head can still receive the batch holding it.
 */
export function collectBroadcasts(desktop: Desktop, count: number, after: number, timeoutMs = 10_000): Promise<Change[][]> {
  return new Promise((resolve, reject) => {
    const batches: Change[][] = [];
    let seen = 0;
    const timer = setTimeout(() => {
      desktop.off('sync:changes', listener);
      reject(new Error(`only ${seen} of ${count} changes arrived`));
    }, timeoutMs);
    const listener = (batch: Change[]) => {
      const changes = batch.filter((change) => change.seq > after);
      if (changes.length === 0) return;
      batches.push(changes);
      seen += changes.length;
      if (seen >= count) {
        clearTimeout(timer);
        desktop.off('sync:changes', listener);
        resolve(batches);
      }
    };
    desktop.on('sync:changes', listener);
  });
}

import { io } from 'socket.io-client';
import { type ClusterNode, startClusterNode } from '../../../hub/cluster/cluster-node';
import { loadConfig } from '../../../hub/config';
import { createLogger } from '../../../hub/log';
import type { Session } from '../../../shared/protocol/auth';
import type { Response } from '../../../shared/protocol/errors';
import { type Desktop, SMALL_SEED } from './test-hub';
import type { TestStore } from './test-stores';

/** One cluster node in this process, on the test's Postgres schema and Redis; a lost lock is recorded, not fatal. */
export async function startTestNode(store: TestStore, redisUrl: string, nodeId: string, lost: string[] = []): Promise<ClusterNode> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SMTP_PORT: '0', ...SMALL_SEED, ...store.env, REDIS_URL: redisUrl, NODE_ID: nodeId });
  if (!config.cluster || config.store.kind !== 'postgres') throw new Error('a cluster node needs REDIS_URL and DATABASE_URL');
  return startClusterNode(
    { ...config, cluster: config.cluster, store: config.store },
    { log: createLogger('silent'), leadershipLost: (reason) => lost.push(`${nodeId}: ${reason}`) },
  );
}

export async function signIn(url: string, username: string, password = 'demo1234'): Promise<Session> {
  const response = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const answer = (await response.json()) as Response<Session>;
  if (!answer.ok) throw new Error(`login ${username} at ${url}: ${response.status} ${answer.error.code}`);
  return answer.data;
}

export function connectDesktop(url: string, token: string): Promise<Desktop> {
  return new Promise((resolve, reject) => {
    const socket: Desktop = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Polls until `check` holds (cluster effects cross Redis and timers), failing with `what` after `boundMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | null | false> | T | null | false, boundMs = 15_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

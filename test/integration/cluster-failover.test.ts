import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from '../../shared/protocol/errors';
import type { ClientToHubEvents } from '../../shared/protocol/events';
import type { TaskOffer } from '../../shared/protocol/routing';
import { haproxyConfig } from '../../scripts/haproxy-config';
import { eventually, signIn } from './helpers/cluster-nodes';
import { startTestRedis, type TestRedis } from './helpers/redis-server';
import type { Desktop } from './helpers/test-hub';
import { postgresTestStore, type TestStore } from './helpers/test-stores';

const AGENTS = ['agent1', 'agent2', 'agent3', 'agent4', 'agent5'];
const TASKS = 120;
/** The leader is killed once this many tasks have been created. */
const KILL_AFTER = 50;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** An event re-sent while the hub answers "try again" (a failover) or not at all, as the desktop does. */
async function persist<E extends keyof ClientToHubEvents>(desktop: Desktop, event: E, payload: Parameters<ClientToHubEvents[E]>[0]): Promise<Response<unknown>> {
  for (;;) {
    // biome-ignore lint/suspicious/noExplicitAny: the event's own ack type is not needed here.
    const answer = (await (desktop.timeout(5_000) as any).emitWithAck(event, payload).catch(() => null)) as Response<unknown> | null;
    if (answer && (answer.ok || answer.error.code !== 'rate-limited')) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A hub node as a separate process (`npm run hub` with cluster settings),
 * so the test can kill it outright: no close, no lock released politely.
 */
function startNodeProcess(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', () => undefined);
  return child;
}

/**
 * Kill the leading hub node in the middle of load (issue 8): desktops reach
 * the nodes through a real HAProxy, agents take tasks as a supervisor opens
 * them; the leader dies by SIGKILL half-way. Afterwards every task opened
 * was taken by exactly one agent and finished: none lost, none offered to
 * two agents at once, none assigned twice.
 */
describe('hub cluster: the leader killed under load', () => {
  let redis: TestRedis;
  let store: TestStore;
  let dataDir: string;
  let balancer: ChildProcess;
  const nodes = new Map<string, ChildProcess>();
  const ports = { hub1: 0, hub2: 0, balancer: 0, balancerSmtp: 0 };
  const desktops: Desktop[] = [];
  let url = '';

  const nodeEnv = (name: 'hub1' | 'hub2'): Record<string, string> => ({
    ...store.env,
    SWITCHBOARD_DATA: dataDir,
    REDIS_URL: redis.url,
    NODE_ID: name,
    PORT: String(ports[name]),
    SMTP_PORT: '0',
    SEED_CUSTOMERS: '12',
    SEED_HEAVY_INTERACTIONS: '20',
    SEED_MAX_INTERACTIONS: '3',
    LOG_LEVEL: 'warn',
  });
  const health = async (port: number): Promise<{ role: string } | null> => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    return response?.ok ? ((await response.json()) as { role: string }) : null;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    store = await postgresTestStore();
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-cluster-'));
    for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
    nodes.set('hub1', startNodeProcess(nodeEnv('hub1')));
    await eventually('hub1 to lead', async () => (await health(ports.hub1))?.role === 'leader', 60_000);
    nodes.set('hub2', startNodeProcess(nodeEnv('hub2')));
    await eventually('hub2 to follow', async () => (await health(ports.hub2))?.role === 'follower', 60_000);
    const config = join(dataDir, 'haproxy.cfg');
    writeFileSync(
      config,
      haproxyConfig({
        listen: { host: '127.0.0.1', httpPort: ports.balancer, smtpPort: ports.balancerSmtp },
        nodes: [
          { name: 'hub1', host: '127.0.0.1', httpPort: ports.hub1, smtpPort: 1 },
          { name: 'hub2', host: '127.0.0.1', httpPort: ports.hub2, smtpPort: 2 },
        ],
        checkIntervalMs: 300,
      }),
    );
    balancer = spawn('haproxy', ['-db', '-f', config], { stdio: 'ignore' });
    url = `http://127.0.0.1:${ports.balancer}`;
    await eventually('HAProxy to pass requests', async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, 20_000);
  }, 120_000);

  afterAll(async () => {
    for (const desktop of desktops) desktop.disconnect();
    balancer?.kill('SIGKILL');
    for (const child of nodes.values()) child.kill('SIGKILL');
    await redis?.stop();
    await store?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A desktop through the balancer that reconnects by itself, as the real one does. */
  const desktopFor = async (username: string): Promise<Desktop> => {
    const session = await signIn(url, username);
    const desktop: Desktop = io(url, { auth: { token: session.accessToken }, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 1_000, forceNew: true });
    desktops.push(desktop);
    await new Promise((resolve, reject) => {
      desktop.once('connect', () => resolve(null));
      desktop.once('connect_error', reject);
    });
    return desktop;
  };

  it('loses no task and assigns none twice when the leading node is killed mid-load', async () => {
    const supervisor = await desktopFor('supervisor');
    const accepted = new Map<string, string[]>();
    const listed = await persist(supervisor, 'admin:queue:list', {});
    if (!listed.ok) throw new Error('no queues');
    const queue = (listed.data as { id: string; channels: string[]; dispositions: string[] }[]).find((candidate) => candidate.channels.includes('chat'));
    if (!queue) throw new Error('no chat queue');
    const disposition = queue.dispositions[0] ?? 'Resolved';
    for (const username of AGENTS) {
      const agent = await desktopFor(username);
      // An offer is taken, finished and wrapped up; any step that meets the failover is re-sent.
      agent.on('task:offer', (offer: TaskOffer) => {
        void (async () => {
          const taken = await persist(agent, 'task:accept', { taskId: offer.task.id });
          if (!taken.ok) return; // the offer moved on (timed out during the failover): it will ring again
          accepted.set(offer.task.id, [...(accepted.get(offer.task.id) ?? []), username]);
          await persist(agent, 'task:complete', { taskId: offer.task.id });
          await persist(agent, 'task:wrapup', { taskId: offer.task.id, disposition });
        })();
      });
      await persist(agent, 'agent:state:set', { status: 'available' });
    }

    const created: string[] = [];
    let killedAt = 0;
    for (let i = 0; i < TASKS; i += 1) {
      if (i === KILL_AFTER) {
        nodes.get('hub1')?.kill('SIGKILL');
        killedAt = Date.now();
      }
      const answer = await persist(supervisor, 'task:create', { channel: 'chat', queueId: queue.id, customerId: null, priority: 50, subject: `load ${i}` });
      if (!answer.ok) throw new Error(`task:create refused: ${answer.error.code}`);
      created.push((answer.data as { id: string }).id);
      // A figure for the record, not a bound: how long the first task opened after the kill waited.
      if (i === KILL_AFTER) console.log(JSON.stringify({ figure: 'cluster-failover', firstTaskAfterKillMs: Date.now() - killedAt }));
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect((await health(ports.hub2))?.role).toBe('leader');

    const db = new pg.Client({ connectionString: store.env.DATABASE_URL });
    await db.connect();
    try {
      // Every task in the store finishes (a create whose answer died with the node may have made one more: it counts too).
      const all = await eventually(
        'every task done',
        async () => {
          const { rows } = await db.query<{ id: string; status: string }>("select id, status from tasks where data::json->>'subject' like 'load %'");
          return rows.length >= TASKS && rows.every((row) => row.status === 'done') ? rows : null;
        },
        120_000,
      );
      for (const id of created) expect(all.map((row) => row.id)).toContain(id);

      const { rows: events } = await db.query<{ task_id: string; kind: string }>(
        "select task_id, kind from task_events where task_id = any($1) order by id",
        [all.map((row) => row.id)],
      );
      for (const row of all) {
        const own = events.filter((event) => event.task_id === row.id).map((event) => event.kind);
        // Taken once; offers one at a time (each ended before the next).
        expect(own.filter((kind) => kind === 'accepted'), row.id).toHaveLength(1);
        let ringing = 0;
        for (const kind of own) {
          if (kind === 'offered') ringing += 1;
          if (['accepted', 'declined', 'offer-timed-out'].includes(kind)) ringing -= 1;
          expect(ringing, `${row.id}: ${own.join(' → ')}`).toBeLessThanOrEqual(1);
        }
      }
      for (const [taskId, takers] of accepted) expect(takers, taskId).toHaveLength(1);
    } finally {
      await db.end();
    }

    // The killed node, restarted by its service manager, comes back as a follower.
    nodes.set('hub1', startNodeProcess(nodeEnv('hub1')));
    await eventually('hub1 back as a follower', async () => (await health(ports.hub1))?.role === 'follower', 60_000);
  }, 300_000);
});

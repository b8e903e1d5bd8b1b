import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { ulid } from 'ulid';
import type { ClientToHubEvents, HubToClientEvents, Session } from '../shared/protocol';
import { loadConfig } from '../hub/config';
import { startHub } from '../hub/server';
import { rawFanoutLatencies } from './raw-socketio-fanout';
import { report, round, summary } from './stats';

type Desktop = Socket<HubToClientEvents, ClientToHubEvents>;

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);

async function login(url: string, username: string): Promise<Session> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const body = (await res.json()) as { ok: true; data: Session } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`login ${username}: ${body.error.message}`);
  return body.data;
}

function openDesktop(url: string, token: string): Promise<Desktop> {
  const socket: Desktop = connect(url, { auth: { token }, transports: ['websocket'], forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/**
 * Desktop A adds a note; desktop B (one of N connected desktops) sees it.
 * Timed from A's push to the change arriving at B: validation, the database
 * transaction, the change log and the broadcast to every desktop.
 */
async function hubFanoutLatencies(): Promise<{ samples: number[]; customerId: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-fanout-'));
  const config = loadConfig({ SWITCHBOARD_DATA: dataDir, PORT: '0', SMTP_PORT: '0', SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '0', LOG_LEVEL: 'warn' });
  const hub = await startHub(config);
  const desktops: Desktop[] = [];
  try {
    const [a, b] = [await login(hub.url, 'agent1'), await login(hub.url, 'agent2')];
    const writer = await openDesktop(hub.url, a.accessToken);
    for (let i = 1; i < CLIENTS; i += 1) desktops.push(await openDesktop(hub.url, b.accessToken));
    const observer = desktops[desktops.length - 1] as Desktop;
    const customer = await hub.db.selectFrom('customers').select('id').orderBy('number').executeTakeFirstOrThrow();
    const samples: number[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const interactionId = ulid();
      const seen = new Promise<number>((resolve) => {
        const onChanges: HubToClientEvents['sync:changes'] = (changes) => {
          if (changes.some((c) => c.data.id === interactionId)) {
            observer.off('sync:changes', onChanges);
            resolve(performance.now());
          }
        };
        observer.on('sync:changes', onChanges);
      });
      const sentAt = performance.now();
      writer.emit(
        'mutation:push',
        {
          mutations: [
            {
              id: ulid(),
              name: 'interaction.addNote',
              args: { interactionId, customerId: customer.id, text: `bench note ${r}`, occurredAt: Date.now() },
              createdAt: Date.now(),
            },
          ],
        },
        () => {},
      );
      samples.push((await seen) - sentAt);
    }
    writer.disconnect();
    return { samples, customerId: customer.id };
  } finally {
    for (const d of desktops) d.disconnect();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchFanout(): Promise<void> {
  const raw = summary(await rawFanoutLatencies(CLIENTS, ROUNDS));
  const hub = summary((await hubFanoutLatencies()).samples);
  report('mutation-fanout', {
    clients: CLIENTS,
    rounds: ROUNDS,
    unit: 'ms',
    hub,
    rawSocketIoBroadcast: raw,
    p95OverRaw: round(hub.p95 / raw.p95),
    goalP95Ms: 25,
    meetsGoal: hub.p95 <= 25,
  });
}

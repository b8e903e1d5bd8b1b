import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../hub/config';
import { startHub } from '../hub/server';
import { type HubClient, loginDemo, openHubClient } from './hub-client';
import { log } from './log';
import { scaled } from './scale';
import { report, round, summary } from './stats';
import { pool, sleep, unwrap } from './pool';
import { createBenchAgents } from './bench-agents';

/**
 * Issue 3's goals under load, each beside a raw socket.io baseline run now:
 *  - task created → offer ringing on one of N available desktops, p99 ≤ 25 ms at 50 tasks/s;
 *  - hub RSS with 1,000 idle authenticated desktops ≤ 200 MB (hub in a child process).
 * Everything else (the desktops, the supervisor) lives in this process.
 */
const AGENTS = scaled(500, 20);
const RATE_PER_S = 50;
const DURATION_S = scaled(60, 5);
const RAW_DURATION_S = scaled(20, 5);
/** Tasks created one at a time before the load: the cost of one routing step with nothing queued. */
const SERIAL_PROBES = 30;
const IDLE_DESKTOPS = scaled(1_000, 50);
const GOAL_P99_MS = 25;
const GOAL_RSS_MB = 200;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

// ── goal 1: task created → offer at the desktop ─────────────────────────────

async function hubOfferLatencies() {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-routing-'));
  const config = loadConfig({ SWITCHBOARD_DATA: dataDir, PORT: '0', SMTP_PORT: '0', SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '0', LOG_LEVEL: 'warn' });
  const hub = await startHub(config);
  const sockets: HubClient[] = [];
  try {
    const admin = await openHubClient(hub.url, (await loginDemo(hub.url, 'admin')).accessToken);
    sockets.push(admin);
    const queues = unwrap(await admin.emitWithAck('admin:queue:list', {}), 'admin:queue:list');
    const queue = queues.find((q) => q.channels.includes('chat') && Object.keys(q.requiredSkills).length === 0);
    if (!queue) throw new Error('no chat queue without required skills in the demo seed');
    const disposition = queue.dispositions[0];

    let at = performance.now();
    const users = await createBenchAgents(hub.db, admin, AGENTS, queue.id, { chat: 3, email: 5, sms: 3 });
    log(`routing-load: ${AGENTS} agents and profiles in ${Math.round(performance.now() - at)} ms`);

    at = performance.now();
    const sessions = await pool(users, 4, (user) => loginDemo(hub.url, user.username));
    log(`routing-load: ${AGENTS} logins in ${Math.round(performance.now() - at)} ms`);

    const createdAt = new Map<string, number>();
    const offeredAt = new Map<string, number>();
    let reOffers = 0;
    let workErrors = 0;
    let completed = 0;
    const work = async (desk: HubClient, taskId: string) => {
      try {
        unwrap(await desk.timeout(30_000).emitWithAck('task:accept', { taskId }), 'task:accept');
        await sleep(200 + Math.random() * 800);
        unwrap(await desk.timeout(30_000).emitWithAck('task:complete', { taskId }), 'task:complete');
        unwrap(await desk.timeout(30_000).emitWithAck('task:wrapup', { taskId, disposition }), 'task:wrapup');
        completed += 1;
      } catch (error) {
        if (workErrors++ < 5) log(`routing-load: desktop work failed: ${String(error)}`);
      }
    };

    at = performance.now();
    const desktops = await pool(sessions, 50, async (session) => {
      const desk = await openHubClient(hub.url, session.accessToken);
      sockets.push(desk);
      desk.on('task:offer', (offer) => {
        const now = performance.now();
        if (offeredAt.has(offer.task.subject)) reOffers += 1;
        else offeredAt.set(offer.task.subject, now);
        void work(desk, offer.task.id);
      });
      return desk;
    });
    await pool(desktops, 50, async (desk) => unwrap(await desk.timeout(60_000).emitWithAck('agent:state:set', { status: 'available' }), 'agent:state:set'));
    log(`routing-load: ${AGENTS} desktops connected and available in ${Math.round(performance.now() - at)} ms`);

    const supervisor = await openHubClient(hub.url, (await loginDemo(hub.url, 'supervisor')).accessToken);
    sockets.push(supervisor);
    const createTask = (subject: string) =>
      supervisor.timeout(30_000).emitWithAck('task:create', { channel: 'chat', queueId: queue.id, customerId: null, priority: 50, subject });

    const serialAcks: number[] = [];
    const serialOffers: number[] = [];
    for (let i = 0; i < SERIAL_PROBES; i += 1) {
      const subject = `bench probe ${i}`;
      const sentAt = performance.now();
      unwrap(await createTask(subject), 'task:create');
      serialAcks.push(performance.now() - sentAt);
      for (let waited = 0; !offeredAt.has(subject) && waited < 5_000; waited += 5) await sleep(5);
      const got = offeredAt.get(subject);
      if (got !== undefined) serialOffers.push(got - sentAt);
      await sleep(50);
    }
    await sleep(1_500);

    const total = RATE_PER_S * DURATION_S;
    const createAcks: number[] = [];
    const lateStarts: number[] = [];
    let createFailures = 0;
    const pending: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / RATE_PER_S;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const subject = `bench task ${i}`;
      const sentAt = performance.now();
      lateStarts.push(sentAt - due);
      createdAt.set(subject, sentAt);
      pending.push(
        createTask(subject).then(
            (response) => {
              if (response.ok) createAcks.push(performance.now() - sentAt);
              else if (createFailures++ < 5) log(`routing-load: task:create refused: ${response.error.message}`);
            },
            () => {
              createFailures += 1;
            },
          ),
      );
    }
    const createSeconds = (performance.now() - started) / 1000;
    await Promise.all(pending);
    const offeredLoad = () => [...createdAt.keys()].filter((subject) => offeredAt.has(subject)).length;
    for (let waited = 0; offeredLoad() < createdAt.size && waited < 10_000; waited += 250) await sleep(250);
    // Let the last handle times finish so the hub is quiet when it closes.
    for (let waited = 0; completed + workErrors < offeredAt.size && waited < 5_000; waited += 100) await sleep(100);

    const samples: number[] = [];
    for (const [subject, sent] of createdAt) {
      const got = offeredAt.get(subject);
      if (got !== undefined) samples.push(got - sent);
    }
    return {
      tasks: createdAt.size,
      achievedRatePerS: round(createdAt.size / createSeconds, 1),
      offered: samples.length,
      notOffered: createdAt.size - samples.length,
      reOffers,
      completed,
      workErrors,
      createFailures,
      offerLatency: summary(samples),
      createAck: summary(createAcks),
      schedulerLateMs: summary(lateStarts),
      serialProbe: { createAck: summary(serialAcks), offerLatency: summary(serialOffers) },
    };
  } finally {
    for (const s of sockets) s.disconnect();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same shape on bare socket.io: one emit to one client's room at 50/s; the client answers with an ack. */
async function rawOfferLatencies() {
  const http = createServer();
  const server = new Server(http);
  server.on('connection', (socket) => {
    socket.join(`agent:${String(socket.handshake.auth.id)}`);
    socket.on('accept', (_seq: number, ack: (ok: boolean) => void) => ack(true));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const clients: Socket[] = [];
  const emitSamples: number[] = [];
  const ackSamples: number[] = [];
  try {
    await pool(
      Array.from({ length: AGENTS }, (_, i) => i),
      50,
      (id) =>
        new Promise<void>((resolve, reject) => {
          const socket = connect(`http://127.0.0.1:${port}`, { auth: { id }, transports: ['websocket'], forceNew: true });
          clients.push(socket);
          socket.on('offer', (_seq: number, sentAt: number) => {
            emitSamples.push(performance.now() - sentAt);
            const ackAt = performance.now();
            socket
              .timeout(30_000)
              .emitWithAck('accept', _seq)
              .then(
                () => ackSamples.push(performance.now() - ackAt),
                () => {},
              );
          });
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        }),
    );
    const total = RATE_PER_S * RAW_DURATION_S;
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const wait = started + (i * 1000) / RATE_PER_S - performance.now();
      if (wait > 0) await sleep(wait);
      server.to(`agent:${Math.floor(Math.random() * AGENTS)}`).emit('offer', i, performance.now());
    }
    for (let waited = 0; ackSamples.length < total && waited < 5_000; waited += 50) await sleep(50);
    return { messages: total, received: emitSamples.length, emitToReceipt: summary(emitSamples), ackRoundTrip: summary(ackSamples) };
  } finally {
    for (const s of clients) s.disconnect();
    server.close();
    http.close();
  }
}

// ── goal 2: hub memory with 1,000 idle desktops, hub in its own process ─────

function vmRssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return round(Number(kb) / 1024, 1);
}

/** Starts `script` under tsx and waits for the line that says it listens; answers the line's match. */
function spawnReady(script: string, env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${out}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** RSS of a server child process before and after `IDLE_DESKTOPS` clients connect and settle. */
async function idleRss(child: ChildProcess, open: (i: number) => Promise<Socket>) {
  const pid = child.pid as number;
  await sleep(2_000);
  const before = vmRssMb(pid);
  const sockets = await pool(
    Array.from({ length: IDLE_DESKTOPS }, (_, i) => i),
    100,
    open,
  );
  try {
    let after = 0;
    for (let i = 0; i < 5; i += 1) {
      await sleep(1_000);
      after = vmRssMb(pid);
    }
    const connected = sockets.filter((s) => s.connected).length;
    return { connected, rssBeforeMB: before, rssAfterMB: after, perDesktopKB: round(((after - before) * 1024) / IDLE_DESKTOPS, 1) };
  } finally {
    for (const s of sockets) s.disconnect();
  }
}

async function hubIdleRss() {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-rss-'));
  const { child, match } = await spawnReady(
    'hub/main.ts',
    { PORT: '0', SMTP_PORT: '0', SWITCHBOARD_DATA: dataDir, SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '0', LOG_LEVEL: 'warn' },
    /hub ready at (http:\/\/\S+)/,
  );
  try {
    const url = match[1] as string;
    const tokens = await Promise.all(
      ['agent1', 'agent2', 'agent3', 'agent4', 'agent5', 'supervisor'].map(async (name) => (await loginDemo(url, name)).accessToken),
    );
    return await idleRss(child, (i) => openHubClient(url, tokens[i % tokens.length] as string));
  } finally {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function rawIdleRss() {
  const { child, match } = await spawnReady('bench/raw-socketio-server.ts', {}, /ready on (\d+)/);
  try {
    const url = `http://127.0.0.1:${match[1]}`;
    return await idleRss(
      child,
      (id) =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect(url, { auth: { id }, transports: ['websocket'], forceNew: true });
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    );
  } finally {
    await stopChild(child);
  }
}

export async function benchRoutingLoad(): Promise<void> {
  log(`routing-load: raw socket.io baseline, ${AGENTS} clients, ${RATE_PER_S}/s for ${RAW_DURATION_S} s`);
  const raw = await rawOfferLatencies();
  log(`routing-load: hub, ${AGENTS} agents, ${RATE_PER_S} tasks/s for ${DURATION_S} s`);
  const hub = await hubOfferLatencies();
  report('routing-load', {
    agents: AGENTS,
    ratePerS: RATE_PER_S,
    durationS: DURATION_S,
    unit: 'ms',
    hub,
    rawSocketIo: { durationS: RAW_DURATION_S, ...raw },
    p99OverRaw: round(hub.offerLatency.p99 / raw.emitToReceipt.p99),
    goalP99Ms: GOAL_P99_MS,
    meetsGoal: hub.notOffered === 0 && hub.offerLatency.p99 <= GOAL_P99_MS,
  });

  log(`routing-load: memory, ${IDLE_DESKTOPS} idle desktops against a hub child process, then a bare socket.io child`);
  const hubRss = await hubIdleRss();
  const rawRss = await rawIdleRss();
  report('routing-load-memory', {
    desktops: IDLE_DESKTOPS,
    unit: 'MB',
    hub: hubRss,
    rawSocketIo: rawRss,
    goalRssMB: GOAL_RSS_MB,
    meetsGoal: hubRss.connected === IDLE_DESKTOPS && hubRss.rssAfterMB <= GOAL_RSS_MB,
  });
}

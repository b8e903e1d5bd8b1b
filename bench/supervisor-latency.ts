import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { Server } from 'socket.io';
import { loadConfig } from '../hub/config';
import { startHub } from '../hub/server';
import { DEMO_PASSWORD } from '../shared/demo';
import type { SupervisorBoard } from '../shared/protocol/supervisor';
import { launchChromium } from '../test/e2e/harness';
import { type HubClient, loginDemo, openHubClient } from './hub-client';
import { log } from './log';
import { scaled } from './scale';
import { report, round, summary } from './stats';
import { pool, sleep, unwrap } from './pool';
import { createBenchAgents } from './bench-agents';

/**
 * Issue 6: supervisor view update latency, task event → figure updated on
 * screen, p95, with 500 agents working and 50 new tasks a second.
 *
 * Every routing commit that stored task events is timed (wall clock, in the
 * hub's process: this one). The supervisor's page in headless Chromium marks
 * the frame in which `data-board-at` on the live view changes; a commit's
 * latency is the paint of the first board built at or after it. Beside it,
 * the same commits to the board arriving at a plain socket.io client (the
 * hub's share), and the baseline: the same board payloads emitted on bare
 * socket.io to a plain page that only sets the attribute.
 */
const AGENTS = scaled(500, 20);
const RATE_PER_S = 50;
const DURATION_S = scaled(60, 5);
/** Boards kept for the baseline's replay. */
const REPLAY_BOARDS = 100;

/** Wall time with sub-millisecond precision, comparable between this process and the page. */
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * Each start → the earliest time a mark with `at` at or after it was seen,
 * minus the start. A board's `at` is whole ms: one built in the commit's own
 * millisecond counts as after it. A screen may skip a board (two in one
 * frame), so the earliest among all later ones is taken, not the next one.
 */
function firstAfter(starts: readonly number[], marks: readonly { at: number; wall: number }[]): number[] {
  const sorted = [...marks].sort((a, b) => a.at - b.at);
  // earliest[i]: the first sighting among sorted[i..].
  const earliest = new Array<number>(sorted.length);
  let best = Number.POSITIVE_INFINITY;
  for (let i = sorted.length - 1; i >= 0; i -= 1) {
    best = Math.min(best, sorted[i]?.wall ?? best);
    earliest[i] = best;
  }
  const samples: number[] = [];
  for (const start of starts) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid]?.at ?? 0) < Math.floor(start)) lo = mid + 1;
      else hi = mid;
    }
    const seen = earliest[lo];
    if (seen !== undefined) samples.push(seen - start);
  }
  return samples;
}

/** Marks each frame in which an element's `data-board-at` changes: [board at, wall time of the frame]. */
async function watchPaints(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    const marks: [number, number][] = [];
    (window as unknown as { boardPaints: [number, number][] }).boardPaints = marks;
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as HTMLElement;
        if (target.dataset.testid !== id) continue;
        const at = Number(target.dataset.boardAt);
        requestAnimationFrame(() => marks.push([at, performance.timeOrigin + performance.now()]));
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-board-at'] });
  }, testId);
}

const paintsOf = async (page: Page) =>
  (await page.evaluate(() => (window as unknown as { boardPaints: [number, number][] }).boardPaints)).map(([at, wall]) => ({ at, wall }));

async function hubRun() {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-supervisor-'));
  const config = loadConfig({ SWITCHBOARD_DATA: dataDir, PORT: '0', SMTP_PORT: '0', SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '0', LOG_LEVEL: 'warn' });
  if (!existsSync(join(config.paths.renderer, 'index.html'))) throw new Error(`no built renderer in ${config.paths.renderer}: run \`npm run build:renderer\` first`);
  const hub = await startHub(config);
  const sockets: HubClient[] = [];
  const browser = await launchChromium();
  try {
    const admin = await openHubClient(hub.url, (await loginDemo(hub.url, 'admin')).accessToken);
    sockets.push(admin);
    const queues = unwrap(await admin.emitWithAck('admin:queue:list', {}), 'admin:queue:list');
    const queue = queues.find((q) => q.channels.includes('chat') && Object.keys(q.requiredSkills).length === 0);
    if (!queue) throw new Error('no chat queue without required skills in the demo seed');
    const disposition = queue.dispositions[0];

    const users = await createBenchAgents(hub.db, admin, AGENTS, queue.id, { chat: 3 });
    const sessions = await pool(users, 4, (user) => loginDemo(hub.url, user.username));
    let workErrors = 0;
    /** Work under way; once the load ends no new offer is taken, and the hub closes after these finish. */
    const inFlight = new Set<Promise<void>>();
    let stopping = false;
    const work = async (desk: HubClient, taskId: string) => {
      try {
        unwrap(await desk.timeout(30_000).emitWithAck('task:accept', { taskId }), 'task:accept');
        await sleep(1_000 + Math.random() * 4_000);
        unwrap(await desk.timeout(30_000).emitWithAck('task:complete', { taskId }), 'task:complete');
        unwrap(await desk.timeout(30_000).emitWithAck('task:wrapup', { taskId, disposition }), 'task:wrapup');
      } catch (error) {
        if (workErrors++ < 5) log(`supervisor-latency: desktop work failed: ${String(error)}`);
      }
    };
    const desktops = await pool(sessions, 50, async (session) => {
      const desk = await openHubClient(hub.url, session.accessToken);
      sockets.push(desk);
      desk.on('task:offer', (offer) => {
        if (stopping) return;
        const done = work(desk, offer.task.id);
        inFlight.add(done);
        void done.finally(() => inFlight.delete(done));
      });
      return desk;
    });
    await pool(desktops, 50, async (desk) => unwrap(await desk.timeout(60_000).emitWithAck('agent:state:set', { status: 'available' }), 'agent:state:set'));
    log(`supervisor-latency: ${AGENTS} agents connected and available`);

    // The supervisor's screen.
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(hub.url);
    await page.getByTestId('login-username').fill('supervisor');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="sync-badge"][data-state="online"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('supervisor-toggle').click();
    await page.getByTestId('supervisor-live').waitFor({ timeout: 30_000 });
    await watchPaints(page, 'supervisor-live');

    // The hub's share: the same boards at a plain client of the same supervisor.
    const watcher = await openHubClient(hub.url, (await loginDemo(hub.url, 'supervisor')).accessToken);
    sockets.push(watcher);
    const received: { at: number; wall: number }[] = [];
    const boards: SupervisorBoard[] = [];
    watcher.on('supervisor:board', (board) => {
      received.push({ at: board.at, wall: wallNow() });
      if (boards.length < REPLAY_BOARDS) boards.push(board);
    });
    unwrap(await watcher.emitWithAck('supervisor:watch', {}), 'supervisor:watch');

    const commits: number[] = [];
    let measuring = false;
    hub.routing.onCommit((step) => {
      if (measuring && step.events.length > 0) commits.push(wallNow());
    });

    const feeder = await openHubClient(hub.url, (await loginDemo(hub.url, 'supervisor')).accessToken);
    sockets.push(feeder);
    const total = RATE_PER_S * DURATION_S;
    const pending: Promise<unknown>[] = [];
    measuring = true;
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const wait = started + (i * 1000) / RATE_PER_S - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(feeder.timeout(30_000).emitWithAck('task:create', { channel: 'chat', queueId: queue.id, customerId: null, priority: 50, subject: `bench task ${i}` }));
    }
    const createSeconds = (performance.now() - started) / 1000;
    await Promise.all(pending);
    measuring = false;
    // The last commits' boards: the gap, then the paint.
    await sleep(1_500);
    const paints = await paintsOf(page);
    // Commits too late for any painted board are left out (they are the last second's tail).
    const screen = firstAfter(commits, paints);
    const atClient = firstAfter(commits, received);
    const sizes = boards.map((board) => Buffer.byteLength(JSON.stringify(board)));
    await context.close();
    stopping = true;
    await Promise.all([...inFlight]);
    return {
      boards,
      figures: {
        agents: AGENTS,
        tasks: total,
        achievedRatePerS: round(total / createSeconds, 1),
        commits: commits.length,
        boardsReceived: received.length,
        boardsPainted: paints.length,
        boardBytes: summary(sizes),
        workErrors,
        commitToScreenMs: summary(screen),
        commitToClientMs: summary(atClient),
      },
    };
  } finally {
    for (const s of sockets) s.disconnect();
    await browser.close();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><title>raw</title>
<div data-testid="raw-live" data-board-at="0"></div>
<script src="/socket.io/socket.io.js"></script>
<script>
  const live = document.querySelector('[data-testid="raw-live"]');
  io({ transports: ['websocket'] }).on('board', (board) => {
    live.dataset.boardAt = String(board.at);
    live.textContent = board.queues.map((q) => q.name + ' ' + q.waiting).join(' · ');
  });
</script>`;

/** The same boards on bare socket.io to a page that only sets the attribute: emit → frame. */
async function rawRun(boards: readonly SupervisorBoard[], gapMs: number) {
  const http = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PLAIN_PAGE);
  });
  const server = new Server(http, { serveClient: true, maxHttpBufferSize: 8 * 1024 * 1024 });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const connected = new Promise<void>((resolve) => server.once('connection', () => resolve()));
    await page.goto(`http://127.0.0.1:${port}/`);
    await connected;
    await watchPaints(page, 'raw-live');
    const emits: { at: number; wall: number }[] = [];
    for (const [index, board] of boards.entries()) {
      // Sequence numbers for `at`, so each paint matches its own emit.
      const at = index + 1;
      emits.push({ at, wall: wallNow() });
      server.emit('board', { ...board, at });
      await sleep(gapMs);
    }
    await sleep(500);
    const paints = await paintsOf(page);
    const byAt = new Map(paints.map((paint) => [paint.at, paint.wall]));
    return emits.flatMap((emit) => {
      const painted = byAt.get(emit.at);
      return painted === undefined ? [] : [painted - emit.wall];
    });
  } finally {
    await browser.close();
    server.close();
    http.close();
  }
}

export async function benchSupervisorLatency(): Promise<void> {
  const { boards, figures } = await hubRun();
  log(`supervisor-latency: hub run done (${figures.boardsPainted} boards painted); raw baseline…`);
  const raw = await rawRun(boards, 200);
  report('supervisor-latency', { ...figures, rawSocketioToScreenMs: summary(raw) });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchSupervisorLatency().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { ulid } from 'ulid';
import { loadConfig } from '../hub/config';
import { openStore } from '../hub/db/open-store';
import { saveQueue } from '../hub/db/routing-queries';
import type { Database } from '../hub/db/schema';
import { createWriteQueue } from '../hub/db/write-queue';
import { createLogger } from '../hub/log';
import { demoQueues } from '../hub/routing/demo-routing';
import { createReportService } from '../hub/reports/report-service';
import { TASK_CHANNELS, type TaskEvent } from '../shared/domain/routing';
import type { ReportGroup, ReportRequest } from '../shared/protocol/reports';
import { NO_SURVEYS } from '../shared/reports/csat';
import { postgresTestStore, sqliteTestStore, type TestStore } from '../test/integration/helpers/test-stores';
import { log } from './log';
import { scaled } from './scale';
import { report, round, summary } from './stats';

const DAY = 86_400_000;
/** The history's length: two months, of which the last 8 days are too fresh to be rolled up (a day to finish, the FCR week). */
const DAYS = 60;
const AGENTS = Array.from({ length: 60 }, () => ulid());
const DISPOSITIONS = ['Resolved / 已解决', 'Callback requested / 需回电', 'Escalated / 已升级', 'Sale / 成交'];
// Bound values a statement may carry: SQLite allows 32,766, Postgres 65,535.
const EVENT_BATCH = 5_000;
const TASK_BATCH = 4_000;

type EventRow = { task_id: string; queue_id: string; kind: string; at: number; agent_id: string | null; data: string };
type TaskRow = { id: string; queue_id: string; status: string; assigned_to: string | null; offered_to: string | null; data: string; created_at: number; updated_at: number };

/** A deterministic stream of numbers in [0, 1), so both stores get the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Tasks' lives as routing writes them, spread over the last DAYS days, until
 * `events` task events exist: most answered (offered → accepted → wrap-up →
 * done), some declined first, some transferred to another queue, one in six
 * abandoned, a few overflowed. Yields batches of rows.
 */
function* history(events: number, now: number): Generator<{ tasks: TaskRow[]; events: EventRow[] }> {
  const next = random(20_261_124);
  const queues = demoQueues().map((queue) => queue.id);
  const start = now - DAYS * DAY;
  // 4.77 events a task on average (see the shares below), so the last task lands near `now`.
  const tasksWanted = Math.ceil(events / 4.77);
  let written = 0;
  let batch: { tasks: TaskRow[]; events: EventRow[] } = { tasks: [], events: [] };
  for (let n = 0; written < events; n++) {
    const taskId = ulid();
    const queueId = queues[Math.floor(next() * queues.length)] as string;
    const created = start + Math.floor((n / tasksWanted) * DAYS * DAY);
    const lives: TaskEvent[] = [];
    const base = { taskId, queueId };
    const agent = () => AGENTS[Math.floor(next() * AGENTS.length)] as string;
    lives.push({
      ...base,
      kind: 'created',
      at: created,
      channel: TASK_CHANNELS[Math.floor(next() * TASK_CHANNELS.length)] ?? 'call',
      priority: 0,
      customerId: `customer-${Math.floor(next() * 50_000)}`,
      customerTier: null,
      requiredSkills: {},
      preferredAgentId: null,
    });
    let at = created + Math.floor(next() * 60_000);
    const roll = next();
    if (roll < 1 / 6) {
      lives.push({ ...base, kind: 'abandoned', at, reason: null });
    } else {
      let handler = agent();
      if (roll < 0.25) {
        lives.push({ ...base, kind: 'offered', at, agentId: handler, expiresAt: at + 30_000, reason: 'longest-idle' });
        lives.push({ ...base, kind: 'declined', at: at + 5_000, agentId: handler });
        at += 10_000;
        handler = agent();
      }
      lives.push({ ...base, kind: 'offered', at, agentId: handler, expiresAt: at + 30_000, reason: 'longest-idle' });
      at += Math.floor(next() * 10_000);
      lives.push({ ...base, kind: 'accepted', at, agentId: handler });
      let queue = queueId;
      if (roll > 0.95) {
        at += 60_000;
        queue = queues[(queues.indexOf(queueId) + 1) % queues.length] as string;
        lives.push({ taskId, queueId, kind: 'transferred', at, agentId: handler, to: { kind: 'queue', queueId: queue } });
        at += Math.floor(next() * 30_000);
        handler = agent();
        lives.push({ taskId, queueId: queue, kind: 'assigned', at, agentId: handler, reason: 'auto-accept' });
      }
      at += 60_000 + Math.floor(next() * 400_000);
      lives.push({ taskId, queueId: queue, kind: 'wrap-up', at, agentId: handler });
      at += Math.floor(next() * 60_000);
      lives.push({ taskId, queueId: queue, kind: 'done', at, agentId: handler, disposition: DISPOSITIONS[Math.floor(next() * DISPOSITIONS.length)] ?? null });
    }
    batch.tasks.push({ id: taskId, queue_id: queueId, status: roll < 1 / 6 ? 'abandoned' : 'done', assigned_to: null, offered_to: null, data: '{}', created_at: created, updated_at: at });
    for (const event of lives) {
      batch.events.push({ task_id: taskId, queue_id: event.queueId, kind: event.kind, at: event.at, agent_id: 'agentId' in event ? event.agentId : null, data: JSON.stringify(event) });
    }
    written += lives.length;
    if (batch.events.length >= 100_000) {
      yield batch;
      batch = { tasks: [], events: [] };
    }
  }
  if (batch.events.length > 0) yield batch;
}

async function insert(db: Kysely<Database>, rows: { tasks: TaskRow[]; events: EventRow[] }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.tasks.length; i += TASK_BATCH) await tx.insertInto('tasks').values(rows.tasks.slice(i, i + TASK_BATCH)).execute();
    for (let i = 0; i < rows.events.length; i += EVENT_BATCH) await tx.insertInto('task_events').values(rows.events.slice(i, i + EVENT_BATCH)).execute();
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: round(performance.now() - started), value };
}

const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

async function benchStore(makeStore: () => Promise<TestStore>, events: number): Promise<void> {
  const testStore = await makeStore();
  const hubLog = createLogger('warn');
  const store = await openStore(loadConfig({ LOG_LEVEL: 'warn', ...testStore.env }).store, hubLog);
  const { db } = store;
  try {
    for (const queue of demoQueues()) await saveQueue(db, queue);
    const now = Date.now();
    log(`reports ${store.kind}: writing ${events} task events…`);
    let written = 0;
    const load = await timed(async () => {
      for (const rows of history(events, now)) {
        await insert(db, rows);
        written += rows.events.length;
      }
    });
    // What autovacuum / a periodic optimize leaves: the planner knows the tables' sizes.
    await sql`analyze`.execute(db);
    const counted = Number((await db.selectFrom('task_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    // The raw baseline: the database alone counting every event by queue and kind, no rollups, no folding.
    const baseline = await timed(() => sql`select queue_id, kind, count(*) as n from task_events group by queue_id, kind`.execute(db));
    const reports = createReportService({ db, writeQueue: createWriteQueue(), clock: () => now, csat: NO_SURVEYS, log: hubLog });
    // To tomorrow's date: in Shanghai, UTC's evening is already the next day.
    const whole: Omit<ReportRequest, 'groupBy'> = { from: isoDay(now - DAYS * DAY), to: isoDay(now + DAY), timeZone: 'Asia/Shanghai', interval: 'day' };
    // The first report on a store never rolled up pays for the whole catch-up (the hub's hourly job normally has done it).
    const first = await timed(() => reports.run({ ...whole, groupBy: 'queue' }));
    const rollupRows = Number((await db.selectFrom('report_rollups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const runs: Record<string, unknown> = {};
    for (const groupBy of ['queue', 'agent', 'channel', 'disposition'] as const satisfies readonly ReportGroup[]) {
      const samples: number[] = [];
      let liveEvents = 0;
      let offered = 0;
      for (let i = 0; i < 5; i++) {
        const run = await timed(() => reports.run({ ...whole, groupBy }));
        samples.push(run.ms);
        liveEvents = run.value.liveEvents;
        offered = run.value.totals.figures.offered;
      }
      runs[groupBy] = { ...summary(samples), liveEvents, offered };
    }
    // The whole range holds every task: its offered must be every wait the history started (arrivals and transfers into a queue).
    const waits = Number(
      (await db.selectFrom('task_events').select((eb) => eb.fn.countAll().as('n')).where('kind', 'in', ['created', 'transferred']).executeTakeFirstOrThrow()).n,
    );
    const week = await timed(() => reports.run({ from: isoDay(now - 6 * DAY), to: isoDay(now + DAY), timeZone: 'Asia/Shanghai', groupBy: 'queue', interval: 'hour' }));
    report('reports', {
      store: store.kind,
      taskEvents: counted,
      written,
      unit: 'ms',
      loadMs: load.ms,
      insertPerSec: Math.round(written / (load.ms / 1000)),
      rawGroupByCountMs: baseline.ms,
      firstReportWithRollUpMs: first.ms,
      rollupRows,
      wholeRange: { days: DAYS + 2, ...runs },
      lastWeekHourly: { ms: week.ms, liveEvents: week.value.liveEvents, offered: week.value.totals.figures.offered },
      offeredMatchesEvents: Object.values(runs).every((run) => (run as { offered: number }).offered === waits),
      withinTwoSeconds: Object.values(runs).every((run) => (run as { p95: number }).p95 <= 2_000) && week.ms <= 2_000,
    });
  } finally {
    await store.close();
    await testStore.cleanup();
  }
}

/**
 * Historical reports over 1,000,000 task events on SQLite and on Postgres
 * (BENCH_SCALE shrinks the count): the time to the answer for the whole two
 * months by each grouping, the last week by the hour, and the first report
 * that has to roll everything up, against a plain GROUP BY count over
 * task_events in the same store.
 */
export async function benchReports(): Promise<void> {
  const events = scaled(1_000_000, 20_000);
  await benchStore(sqliteTestStore, events);
  await benchStore(postgresTestStore, events);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchReports().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

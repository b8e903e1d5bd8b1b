import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { ulid } from 'ulid';
import { loadConfig } from '../hub/config';
import { orderInteractionId } from '../hub/crm/order-store';
import { createValueService } from '../hub/crm/value-service';
import { openStore } from '../hub/db/open-store';
import type { Database } from '../hub/db/schema';
import { createWriteQueue } from '../hub/db/write-queue';
import { createLogger } from '../hub/log';
import type { User } from '../shared/domain/user';
import { sqliteTestStore } from '../test/integration/helpers/test-stores';
import { log } from './log';
import { scaled } from './scale';
import { report, round, summary } from './stats';

const DAY = 86_400_000;
/** Orders spread over three years: the tier and RFM windows (a year) see a third, CLV's three periods all of it. */
const HISTORY_DAYS = 3 * 365;
// Bound values a statement may carry: SQLite allows 32,766.
const CUSTOMER_BATCH = 3_500;
const ORDER_BATCH = 6_000;

/** A deterministic stream of numbers in [0, 1), so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

async function seed(db: Kysely<Database>, customers: number, orders: number, now: number): Promise<string[]> {
  const ids = Array.from({ length: customers }, (_, i) => ulid(now - HISTORY_DAYS * DAY + i));
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < customers; start += CUSTOMER_BATCH) {
      const rows = ids.slice(start, start + CUSTOMER_BATCH).map((id, i) => ({
        id,
        number: `C${String(start + i + 1).padStart(7, '0')}`,
        name: `Customer ${start + i + 1}`,
        company: null,
        tags: '[]',
        tier: 'small',
        created_at: now - HISTORY_DAYS * DAY,
        updated_at: now - HISTORY_DAYS * DAY,
      }));
      await trx.insertInto('customers').values(rows).execute();
    }
  });
  const next = random(20_261_124);
  for (let start = 0; start < orders; start += 100_000) {
    const count = Math.min(100_000, orders - start);
    await db.transaction().execute(async (trx) => {
      let batch: { id: string; customer_id: string; occurred_at: number; channel: string; data: string }[] = [];
      for (let n = 0; n < count; n++) {
        // Skewed: a few customers buy much more often (the pyramid has a top).
        const customerId = ids[Math.floor(next() ** 2 * customers)] as string;
        const orderNo = `SO${start + n}`;
        const amount = 1_000 + Math.floor(next() * 300_000);
        const withProfit = next() > 0.1;
        const data = {
          id: orderInteractionId(customerId, orderNo),
          customerId,
          occurredAt: now - Math.floor(next() * HISTORY_DAYS * DAY),
          agentId: null,
          channel: 'order',
          orderNo,
          amount,
          currency: 'CNY',
          items: 'Tea',
          ...(withProfit ? { profit: Math.floor(amount * (0.05 + next() * 0.35)) } : {}),
        };
        batch.push({ id: data.id, customer_id: customerId, occurred_at: data.occurredAt, channel: 'order', data: JSON.stringify(data) });
        if (batch.length === ORDER_BATCH) {
          await trx.insertInto('interactions').values(batch).execute();
          batch = [];
        }
      }
      if (batch.length > 0) await trx.insertInto('interactions').values(batch).execute();
    });
    log(`customer-value: ${start + count} orders written`);
  }
  return ids;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: round(performance.now() - started), value };
}

/** Peak heap while `work` runs, sampled every 50 ms. */
async function withPeakHeap<T>(work: () => Promise<T>): Promise<{ value: T; peakHeapMb: number }> {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 50);
  try {
    const value = await work();
    return { value, peakHeapMb: Math.round(Math.max(peak, process.memoryUsage().heapUsed) / 1_048_576) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Customer value over 100,000 customers and 1,000,000 orders in a fresh
 * SQLite store (BENCH_SCALE shrinks both): the full recompute the hub runs
 * nightly (first run writing every row, then a run with nothing to write),
 * the incremental update of one order added by hand (filing it, earning its
 * points, recomputing its customer, appending the changes), and the raw
 * baseline: one GROUP BY over the same orders in the same store.
 * Goals: full ≤ 60 s, incremental ≤ 10 ms an order.
 */
export async function benchCustomerValue(): Promise<void> {
  const customers = scaled(100_000, 1_000);
  const orders = scaled(1_000_000, 10_000);
  const incremental = scaled(3_000, 300);
  const testStore = await sqliteTestStore();
  const hubLog = createLogger('warn');
  const store = await openStore(loadConfig({ LOG_LEVEL: 'warn', ...testStore.env }).store, hubLog);
  const { db } = store;
  try {
    const now = Date.now();
    log(`customer-value: seeding ${customers} customers and ${orders} orders…`);
    const load = await timed(() => seed(db, customers, orders, now));
    const ids = load.value;
    await sql`analyze`.execute(db);

    // The raw baseline: the store alone summing each customer's year of profit, orders and last order.
    const yearAgo = now - 365 * DAY;
    const baseline = await timed(() =>
      sql`select customer_id, count(*) as n, max(occurred_at) as last,
                 sum(case when occurred_at >= ${yearAgo} then coalesce(json_extract(data, '$.profit'), json_extract(data, '$.amount')) else 0 end) as profit
          from interactions where channel = 'order' group by customer_id`.execute(db),
    );

    let broadcast = 0;
    const values = createValueService({ db, kind: store.kind, writeQueue: createWriteQueue(), clock: () => now, broadcast: (changes) => (broadcast += changes.length), log: hubLog });
    log('customer-value: first full recompute…');
    const first = await withPeakHeap(() => timed(() => values.recompute()));
    const firstBroadcast = broadcast;
    log('customer-value: second full recompute (nothing moved)…');
    const steady = await timed(() => values.recompute());

    const agent: User = { id: ulid(), username: 'bench', displayName: 'Bench', role: 'agent' };
    const next = random(7);
    const samples: number[] = [];
    for (let i = 0; i < incremental; i++) {
      const customerId = ids[Math.floor(next() * ids.length)] as string;
      const amountCents = 1_000 + Math.floor(next() * 300_000);
      const run = await timed(() =>
        values.addOrder(agent, { customerId, orderNo: `HAND-${i}`, amountCents, profitCents: Math.floor(amountCents / 4), currency: 'CNY', items: '', orderedAt: now - DAY }),
      );
      samples.push(run.ms);
    }
    const incrementalStats = summary(samples);
    const tiers = await db.selectFrom('customer_values').select(['tier', (eb) => eb.fn.countAll().as('n')]).groupBy('tier').execute();
    report('customer-value', {
      store: store.kind,
      customers,
      orders,
      unit: 'ms',
      seedMs: load.ms,
      rawGroupByMs: baseline.ms,
      fullRecompute: {
        firstMs: first.value.ms,
        written: first.value.value.changed,
        tierChanges: first.value.value.tierChanges,
        changesBroadcast: firstBroadcast,
        peakHeapMb: first.peakHeapMb,
        firstPhases: first.value.value.phases,
        steadyMs: steady.ms,
        steadyPhases: steady.value.phases,
        steadyWritten: steady.value.changed,
        vsRawGroupBy: round(first.value.ms / baseline.ms, 1),
      },
      incrementalPerOrder: incrementalStats,
      tiers: Object.fromEntries(tiers.map((row) => [row.tier, Number(row.n)])),
      fullWithin60s: first.value.ms <= 60_000,
      incrementalWithin10ms: incrementalStats.p95 <= 10,
    });
  } finally {
    await store.close();
    await testStore.cleanup();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchCustomerValue().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

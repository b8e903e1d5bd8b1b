import { sql } from 'kysely';
import type { TaskChannel } from '../../shared/domain/routing';
import type { ReportGroup } from '../../shared/protocol/reports';
import { TALLY_FIELDS, type Tally } from '../../shared/reports/figures';
import { KINDS_FOLDED, KINDS_WITH_DETAIL, type ReportEvent } from '../../shared/reports/report-event';
import { emptySums, type ReportSums } from '../../shared/reports/report';
import type { RollupRow } from '../../shared/reports/rollup';
import { readMeta } from '../db/meta-queries';
import type { Queryable, ReportRollupsTable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';

/** Meta key: rollups cover every arrival before this instant (a bucket start). */
const ROLLED_UP_TO = 'reports.rolledUpTo';

const COLUMN = {
  entered: 'entered',
  answered: 'answered',
  answeredInTime: 'answered_in_time',
  abandoned: 'abandoned',
  overflowed: 'overflowed',
  waitMs: 'wait_ms',
  handled: 'handled',
  handleMs: 'handle_ms',
  done: 'done',
  fcrEligible: 'fcr_eligible',
  fcrResolved: 'fcr_resolved',
} as const satisfies Record<keyof Tally, keyof ReportRollupsTable>;

const GROUP_COLUMN = { queue: 'queue_id', agent: 'agent_id', channel: 'channel', disposition: 'disposition' } as const satisfies Record<
  ReportGroup,
  keyof ReportRollupsTable
>;

export async function readRolledUpTo(db: Queryable): Promise<number | null> {
  const value = await readMeta(db, ROLLED_UP_TO);
  return value === null ? null : Number(value);
}

export async function saveRolledUpTo(db: Queryable, at: number): Promise<void> {
  const value = String(at);
  await db
    .insertInto('meta')
    .values({ key: ROLLED_UP_TO, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The first arrival on record, where rolling up starts. */
export async function firstArrival(db: Queryable): Promise<number | null> {
  const row = await db.selectFrom('tasks').select((eb) => eb.fn.min('created_at').as('first')).executeTakeFirst();
  return row?.first === null || row?.first === undefined ? null : Number(row.first);
}

// 16 columns a row; SQLite takes at most 32,766 bound values in one statement.
const INSERT_BATCH = 1000;

export async function insertRollups(db: Queryable, rows: readonly RollupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await db
      .insertInto('report_rollups')
      .values(
        rows.slice(i, i + INSERT_BATCH).map((row) => {
          const values: ReportRollupsTable = {
            bucket: row.bucket,
            queue_id: row.queueId,
            agent_id: row.agentId,
            channel: row.channel,
            disposition: row.disposition,
            entered: 0,
            answered: 0,
            answered_in_time: 0,
            abandoned: 0,
            overflowed: 0,
            wait_ms: 0,
            handled: 0,
            handle_ms: 0,
            done: 0,
            fcr_eligible: 0,
            fcr_resolved: 0,
          };
          for (const field of TALLY_FIELDS) values[COLUMN[field]] = row.tally[field];
          return values;
        }),
      )
      .execute();
  }
}

// Postgres sums bigints into numerics (strings on the wire), SQLite into integers: Number() reads both.
const sums = TALLY_FIELDS.map((field) => sql<number | string>`sum(${sql.ref(COLUMN[field])})`.as(field));

function tallyOf(row: Record<keyof Tally, number | string | null>): Tally {
  const tally = {} as Tally;
  for (const field of TALLY_FIELDS) tally[field] = Number(row[field] ?? 0);
  return tally;
}

/**
 * The rollup's part of a report, summed by the database: by group for the
 * table and by bucket for the chart. Two narrow GROUP BYs beat one by both
 * (that returns about a row per stored row when grouping by agent).
 */
export async function sumRollups(db: Queryable, start: number, end: number, groupBy: ReportGroup): Promise<ReportSums> {
  const result = emptySums();
  if (end <= start) return result;
  const column = GROUP_COLUMN[groupBy];
  const inRange = db.selectFrom('report_rollups').where('bucket', '>=', start).where('bucket', '<', end);
  const [byGroup, byBucket] = await Promise.all([
    inRange.select([sql.ref<string>(column).as('key'), ...sums]).groupBy(column).execute(),
    inRange.select(['bucket', ...sums]).groupBy('bucket').execute(),
  ]);
  for (const row of byGroup) result.byGroup.set(row.key, tallyOf(row));
  for (const row of byBucket) result.byBucket.set(Number(row.bucket), tallyOf(row));
  return result;
}

export type EventRow = { task_id: string; queue_id: string; kind: string; at: number; agent_id: string | null; data: string };

/** A stored row as a ReportEvent; the JSON is read only where the columns do not say it all. */
export function reportEventOfRow(row: EventRow): ReportEvent {
  if (KINDS_WITH_DETAIL.has(row.kind)) {
    const event = readStoredJson<Record<string, unknown>>(row.data);
    switch (row.kind) {
      case 'created':
        return { kind: 'created', at: Number(row.at), queueId: row.queue_id, channel: event.channel as TaskChannel, customerId: (event.customerId as string | null) ?? null };
      case 'done':
        return { kind: 'done', at: Number(row.at), queueId: row.queue_id, agentId: row.agent_id ?? '', disposition: (event.disposition as string | null) ?? null };
      case 'overflowed':
        return { kind: 'overflowed', at: Number(row.at), queueId: row.queue_id, toQueueId: event.toQueueId as string };
      default: {
        const to = event.to as { kind: string; queueId?: string };
        return { kind: 'transferred', at: Number(row.at), queueId: row.queue_id, agentId: row.agent_id ?? '', toQueueId: to.kind === 'queue' ? (to.queueId ?? null) : null };
      }
    }
  }
  if (row.kind === 'abandoned' || row.kind === 'timed-out') return { kind: row.kind, at: Number(row.at), queueId: row.queue_id };
  return { kind: row.kind as 'accepted', at: Number(row.at), queueId: row.queue_id, agentId: row.agent_id ?? '' };
}

/** The events that move a figure, of the tasks that arrived in [start, end), per task in stored order. */
export async function eventsOfArrivals(db: Queryable, start: number, end: number): Promise<ReportEvent[][]> {
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('task_events as e', 'e.task_id', 't.id')
    // The JSON only for the kinds that need it: half the bytes off the wire for a big fold.
    .select([
      'e.id',
      'e.task_id',
      'e.queue_id',
      'e.kind',
      'e.at',
      'e.agent_id',
      sql<string>`case when e.kind in ('created', 'done', 'overflowed', 'transferred') then e.data else '' end`.as('data'),
    ])
    .where('t.created_at', '>=', start)
    .where('t.created_at', '<', end)
    .where('e.kind', 'in', KINDS_FOLDED)
    .execute();
  const byTask = new Map<string, { id: number; event: ReportEvent }[]>();
  for (const row of rows) {
    const list = byTask.get(row.task_id);
    const entry = { id: Number(row.id), event: reportEventOfRow(row) };
    if (list) list.push(entry);
    else byTask.set(row.task_id, [entry]);
  }
  return [...byTask.values()].map((list) => list.sort((a, b) => a.id - b.id).map((entry) => entry.event));
}

/** Customers' task arrivals in [start, end), for first-contact resolution. */
export async function arrivalsIn(db: Queryable, start: number, end: number): Promise<{ customerId: string | null; arrivedAt: number }[]> {
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('task_events as e', (join) => join.onRef('e.task_id', '=', 't.id').on('e.kind', '=', 'created'))
    .select(['t.created_at', 'e.data'])
    .where('t.created_at', '>=', start)
    .where('t.created_at', '<', end)
    .execute();
  return rows.map((row) => ({
    customerId: (readStoredJson<{ customerId?: string | null }>(row.data).customerId ?? null) as string | null,
    arrivedAt: Number(row.created_at),
  }));
}

/** Names for the queue and agent groups. */
export async function groupNames(db: Queryable, groupBy: ReportGroup): Promise<Map<string, string>> {
  if (groupBy === 'queue') return new Map((await db.selectFrom('queues').select(['id', 'name']).execute()).map((q) => [q.id, q.name]));
  if (groupBy === 'agent') return new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]));
  return new Map();
}

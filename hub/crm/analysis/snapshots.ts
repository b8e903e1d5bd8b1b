import { sql } from 'kysely';
import type { Queryable } from '../../db/schema';

/** The hub's calendar day of an instant, as snapshots are keyed (YYYY-MM-DD; en-CA writes ISO order). */
export function dayIn(timeZone: string, at: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export async function hasSnapshot(db: Queryable, day: string): Promise<boolean> {
  const row = await db.selectFrom('value_snapshots').select('day').where('day', '=', day).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Copies every customer's current value row into the day's snapshot, in the
 * store (one INSERT … SELECT, nothing shipped to Node). A day already taken
 * is kept as it was: the snapshot is the day's first look, so a restart does
 * not move it. Answers the rows written.
 */
export async function writeSnapshot(db: Queryable, day: string): Promise<number> {
  const result = await db
    .insertInto('value_snapshots')
    .columns(['day', 'customer_id', 'tier', 'stage', 'profit_cents', 'rfm_r'])
    .expression(
      db
        .selectFrom('customer_values')
        .select([sql.lit(day).as('day'), 'customer_id', 'tier', 'stage', 'profit_cents', 'rfm_r'])
        // SQLite reads `ON CONFLICT` after a bare SELECT … FROM as a join's ON; a WHERE ends the SELECT.
        .where(sql<boolean>`1 = 1`),
    )
    .onConflict((oc) => oc.columns(['day', 'customer_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** Every snapshot day kept, newest first. */
export async function snapshotDays(db: Queryable, limit = 400): Promise<string[]> {
  const rows = await db.selectFrom('value_snapshots').select('day').distinct().orderBy('day', 'desc').limit(limit).execute();
  return rows.map((row) => row.day);
}

/** The newest snapshot day on or before `day`; null when none is that old. */
export async function snapshotOnOrBefore(db: Queryable, day: string): Promise<string | null> {
  const row = await db.selectFrom('value_snapshots').select((eb) => eb.fn.max('day').as('day')).where('day', '<=', day).executeTakeFirst();
  return row?.day ?? null;
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../hub/db/schema';

export type RowCounts = Record<string, number>;

/**
 * How many rows each table of the hub's store holds, in one query: taken
 * before and after a refused request, the two must be equal, or the refusal
 * left something behind.
 */
export function rowCounter(db: Kysely<Database>): () => Promise<RowCounts> {
  let tables: string[] | null = null;
  return async () => {
    if (tables === null) {
      // Postgres lists every schema's tables; the store's own are in its current schema (SQLite has no such function, and one schema).
      const { rows: current } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db).catch(() => ({ rows: [] }));
      const own = current[0]?.schema;
      tables = (await db.introspection.getTables())
        .filter((table) => own === undefined || table.schema === own)
        .map((table) => table.name)
        .sort();
    }
    const union = tables.map((name) => `select '${name}' as name, count(*) as n from "${name}"`).join(' union all ');
    const { rows } = await sql.raw<{ name: string; n: number | string }>(union).execute(db);
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.n)]));
  };
}

/** The tables whose counts differ, as `table: before → after`. */
export function countChanges(before: RowCounts, after: RowCounts, ignore: readonly string[] = []): string[] {
  return Object.keys({ ...before, ...after })
    .filter((table) => !ignore.includes(table) && before[table] !== after[table])
    .map((table) => `${table}: ${before[table]} → ${after[table]}`);
}

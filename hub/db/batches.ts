/**
 * Both stores cap bound parameters per statement (SQLite 32,766, Postgres
 * 65,535), so bulk inserts go in slices sized by the number of columns.
 */
const MAX_PARAMETERS = 30_000;

export function* batchesOf<T>(rows: readonly T[], columnsPerRow: number): Generator<T[]> {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columnsPerRow));
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

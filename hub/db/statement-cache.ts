import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared; the hub's queries are a few hundred shapes (an `in (…)` list is one per length). */
export const STATEMENT_CACHE_SIZE = 1_000;

type Preparer = { prepare(sql: string): SqliteStatement & { readonly busy?: boolean }; close(): void };

/**
 * Kysely's SQLite driver prepares every query afresh; preparing is about a
 * third of what a small query costs in SQLite (9 % of the hub's CPU on queue
 * calls). A better-sqlite3 statement can be run again and again, so each SQL
 * text is prepared once and kept, least recently used dropped past `limit`.
 * A statement still being iterated (a streamed query) is busy and cannot be
 * run again until it finishes, so a busy one gets a fresh, uncached twin.
 */
export function withStatementCache(database: Preparer, limit = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SqliteStatement & { readonly busy?: boolean }>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached) {
        if (cached.busy) return database.prepare(sql);
        // Re-inserting moves it to the end: the Map's order is the recency order.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > limit) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
    close(): void {
      statements.clear();
      database.close();
    },
  };
}

import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../../hub/db/statement-cache';

describe('withStatementCache', () => {
  const opened: SqliteDatabase.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  });

  /** A real in-memory SQLite whose prepare calls are counted. */
  function counted() {
    const sqlite = new SqliteDatabase(':memory:');
    opened.push(sqlite);
    const prepared: string[] = [];
    const database = {
      prepare: (text: string) => {
        prepared.push(text);
        return sqlite.prepare(text);
      },
      close: () => sqlite.close(),
    };
    return { sqlite, database, prepared };
  }

  it('prepares each SQL text once and runs it again with new parameters', () => {
    const { sqlite, database, prepared } = counted();
    sqlite.exec('create table t (id integer primary key, v text)');
    const cache = withStatementCache(database);
    cache.prepare('insert into t (v) values (?)').run(['a']);
    cache.prepare('insert into t (v) values (?)').run(['b']);
    expect(cache.prepare('select v from t where id = ?').all([2])).toEqual([{ v: 'b' }]);
    expect(cache.prepare('select v from t where id = ?').all([1])).toEqual([{ v: 'a' }]);
    expect(prepared).toEqual(['insert into t (v) values (?)', 'select v from t where id = ?']);
  });

  it('drops the least recently used statement past its limit', () => {
    const { database, prepared } = counted();
    const cache = withStatementCache(database, 2);
    cache.prepare('select 1');
    cache.prepare('select 2');
    cache.prepare('select 1');
    cache.prepare('select 3');
    // 'select 2' was the least recently used, so it is prepared again; 'select 1' is still kept.
    cache.prepare('select 1');
    cache.prepare('select 2');
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const { sqlite, database, prepared } = counted();
    sqlite.exec('create table t (v integer); insert into t values (1), (2)');
    const cache = withStatementCache(database);
    const outer = cache.prepare('select v from t order by v').iterate([]);
    const first = outer.next();
    expect(cache.prepare('select v from t order by v').all([])).toEqual([{ v: 1 }, { v: 2 }]);
    expect(first.value).toEqual({ v: 1 });
    outer.return?.();
    expect(prepared).toHaveLength(2);
  });

  it('serves Kysely through transactions and closes the database with it', async () => {
    const { sqlite, database } = counted();
    const db = new Kysely<{ t: { v: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    await sql`create table t (v text)`.execute(db);
    for (const v of ['x', 'y']) await db.transaction().execute((trx) => trx.insertInto('t').values({ v }).execute());
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ v: 'rolled back' }).execute();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await db.selectFrom('t').select('v').orderBy('v').execute()).map((row) => row.v)).toEqual(['x', 'y']);
    await db.destroy();
    expect(sqlite.open).toBe(false);
  });
});

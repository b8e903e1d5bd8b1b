import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { StoreConfig } from '../config';
import type { Logger } from '../log';
import { migrationProvider } from './migrations';
import type { Database, StoreKind } from './schema';
import { withStatementCache } from './statement-cache';

export type Store = {
  db: Kysely<Database>;
  kind: StoreKind;
  /** Where the data is, for the start-up banner (no password). */
  location: string;
  close(): Promise<void>;
};

export async function openStore(config: StoreConfig, log: Logger): Promise<Store> {
  const store = config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url, log);
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqlite(file: string): Store {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers (pulls) run beside the writer; NORMAL is durable enough under WAL
  // and much faster; foreign keys are off by default in SQLite.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, kind: 'sqlite', location: file, close: () => db.destroy() };
}

/** int8 (bigint, count(*)) arrives as a string by default; our values are epoch ms and counters, well inside 2^53. */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
};

function openPostgres(url: string, log: Logger): Store {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
  // An idle client losing its server must not crash the hub; the next query reconnects.
  pool.on('error', (error) => log.warn('postgres pool error', error.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const location = new URL(url);
  location.password = '';
  return { db, kind: 'postgres', location: location.toString(), close: () => db.destroy() };
}

/**
 * Postgres: the schema the connection works in (its search_path). Kysely
 * otherwise looks for its migration tables in any schema, so a second store
 * in the same database (another schema) would be taken for this one's.
 */
async function migrationTableSchema(store: Store): Promise<{ migrationTableSchema?: string }> {
  if (store.kind !== 'postgres') return {};
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  const schema = rows[0]?.schema;
  return schema ? { migrationTableSchema: schema } : {};
}

async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.kind), ...(await migrationTableSchema(store)) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}

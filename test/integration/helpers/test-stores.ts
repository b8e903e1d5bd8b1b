import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where the Postgres tests run; each run gets its own schema inside it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type StoreLabel = 'sqlite' | 'postgres';

export type TestStore = {
  label: StoreLabel;
  /** Environment for loadConfig: the data dir, and DATABASE_URL for Postgres. */
  env: Record<string, string>;
  dataDir: string;
  cleanup(): Promise<void>;
};

export function sqliteTestStore(): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-sqlite-'));
  return Promise.resolve({
    label: 'sqlite',
    env: { SWITCHBOARD_DATA: dataDir },
    dataDir,
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  });
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Postgres tests need a server at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${reason}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh schema per run, reached through the connection's search_path, so
 * parallel runs (and parallel test files) never see each other's tables.
 */
export async function postgresTestStore(): Promise<TestStore> {
  const schema = `t_${randomBytes(8).toString('hex')}`;
  await withAdmin((client) => client.query(`create schema ${schema}`));
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
  return {
    label: 'postgres',
    env: { SWITCHBOARD_DATA: dataDir, DATABASE_URL: url.toString() },
    dataDir,
    cleanup: async () => {
      await withAdmin((client) => client.query(`drop schema if exists ${schema} cascade`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TEST_STORES: readonly [StoreLabel, () => Promise<TestStore>][] = [
  ['sqlite', sqliteTestStore],
  ['postgres', postgresTestStore],
];

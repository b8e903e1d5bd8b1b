import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { z } from 'zod';

export type BackupReport = {
  file: string;
  bytes: number;
  pages: number;
  /** `PRAGMA integrity_check` on the copy: "ok" or SQLite's first problems. */
  integrity: string;
  /** Rows per table in the copy, to compare against what the hub shows. */
  rows: Record<string, number>;
};

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Every page in one step: SQLite restarts a stepped backup whenever another connection (the running hub) writes, so small steps may never finish. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite store with SQLite's online backup API, safe while the
 * hub runs: under WAL the copy is one read transaction, so the hub keeps
 * writing and the copy is the store as of one commit. The copy is written
 * beside the target and renamed into place only once it passes
 * integrity_check, so a failed run never leaves a half-written file under the
 * target's name.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupReport> {
  const from = resolve(source);
  const to = resolve(target);
  if (from === to) throw new BackupError('The backup must go to another file than the store itself.');
  if (!existsSync(from)) throw new BackupError(`No SQLite store at ${from}.`);
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  // Not read-only: a reader of a WAL database needs its -shm file, which it may have to create.
  const store = new SqliteDatabase(from, { fileMustExist: true });
  try {
    store.pragma('busy_timeout = 5000');
    await store.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    store.close();
  }
  let report: Omit<BackupReport, 'file' | 'bytes'>;
  try {
    report = checkCopy(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  if (report.integrity !== 'ok') {
    rmSync(partial, { force: true });
    throw new BackupError(`The copy failed integrity_check: ${report.integrity}`);
  }
  renameSync(partial, to);
  return { file: to, bytes: statSync(to).size, ...report };
}

/** Opens the copy on its own and checks it; the copy is left in rollback-journal mode, one self-contained file. */
export function checkCopy(file: string): Omit<BackupReport, 'file' | 'bytes'> {
  const copy = new SqliteDatabase(file, { fileMustExist: true });
  try {
    // The hub turns WAL back on when it opens a restored copy (hub/db/open-store.ts).
    copy.pragma('journal_mode = DELETE');
    const integrity = z.array(z.string()).parse(copy.prepare('pragma integrity_check').pluck().all()).join('; ');
    const tables = z.array(z.string()).parse(copy.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all());
    const rows: Record<string, number> = {};
    for (const table of tables) rows[table] = z.number().parse(copy.prepare(`select count(*) from "${table.replaceAll('"', '""')}"`).pluck().get());
    return { pages: z.number().parse(copy.prepare('pragma page_count').pluck().get()), integrity, rows };
  } finally {
    copy.close();
  }
}

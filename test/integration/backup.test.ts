import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/protocol/mutations';
import { BackupError, backupSqlite } from '../../hub/ops/sqlite-backup';
import { expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import { sqliteTestStore, type TestStore } from './helpers/test-stores';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOTE_TEXT = 'written during the backup';
const run = promisify(execFile);

const note = (customerId: string): Mutation => ({
  id: ulid(),
  name: 'interaction.addNote',
  args: { interactionId: ulid(), customerId, text: NOTE_TEXT, occurredAt: Date.now() },
  createdAt: Date.now(),
});

/** What a copy holds, counted so that a torn copy (half a commit) would not add up. */
function inspect(file: string) {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const one = (query: string) => Number(db.prepare(query).pluck().get());
    return {
      integrity: db.prepare('pragma integrity_check').pluck().all(),
      notes: one(`select count(*) from interactions where data like '%${NOTE_TEXT}%'`),
      appliedNotes: one("select count(*) from mutations where name = 'interaction.addNote' and status = 'applied'"),
      head: one('select seq from sync_head where id = 1'),
      lastChange: one('select coalesce(max(seq), 0) from changes'),
      customers: one('select count(*) from customers'),
    };
  } finally {
    db.close();
  }
}

/**
 * `npm run backup` against a hub that keeps writing: the copy passes
 * integrity_check and is the store as of one commit (every applied mutation
 * with its note and its change), and a hub started on the restored copy
 * serves it.
 */
describe('SQLite online backup', () => {
  let store: TestStore;
  const hubs: TestHub[] = [];
  const dirs: string[] = [];

  afterAll(async () => {
    for (const t of hubs) await t.close();
    await store?.cleanup();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('copies the live store while the hub writes, and the copy restores', async () => {
    store = await sqliteTestStore();
    const env = { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` };
    const t = await startTestHub(store, env);
    hubs.push(t);
    const agent = await t.desktop('agent1');
    const customer = await t.hub.db.selectFrom('customers').select('id').orderBy('number').executeTakeFirstOrThrow();

    let writing = true;
    let acked = 0;
    const writer = (async () => {
      while (writing) {
        const results = expectOk(await agent.emitWithAck('mutation:push', { mutations: Array.from({ length: 20 }, () => note(customer.id)) })).results;
        acked += results.filter((result) => result.status === 'applied').length;
      }
    })();
    // Some writes are in before the copy starts; the writer keeps going while the script copies.
    while (acked < 100) await new Promise((resolve) => setImmediate(resolve));
    const ackedBefore = acked;

    const backupDir = mkdtempSync(join(tmpdir(), 'switchboard-backup-'));
    dirs.push(backupDir);
    const target = join(backupDir, 'copy.sqlite');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...store.env },
    });
    const ackedAfter = acked;
    writing = false;
    await writer;

    expect(stdout).toContain('integrity ok');
    expect(existsSync(`${target}.partial`)).toBe(false);
    const copy = inspect(target);
    expect(copy.integrity).toEqual(['ok']);
    // One commit's worth of store: every applied note with its mutation record, the head at the last change.
    expect(copy.notes).toBe(copy.appliedNotes);
    expect(copy.head).toBe(copy.lastChange);
    expect(copy.notes).toBeGreaterThanOrEqual(ackedBefore);
    // Writes acked after the script finished cannot be in it (the writer pushes 20 at a time, so at most one batch more).
    expect(copy.notes).toBeLessThanOrEqual(ackedAfter + 20);
    expect(copy.customers).toBeGreaterThan(0);

    // Restore: the hub stopped, the copy put in place of the store, the hub started on it.
    await t.close();
    hubs.splice(0);
    const restoredDir = mkdtempSync(join(tmpdir(), 'switchboard-restored-'));
    dirs.push(restoredDir);
    copyFileSync(target, join(restoredDir, 'switchboard.sqlite'));
    const restored = await startTestHub({ ...store, env: { SWITCHBOARD_DATA: restoredDir }, dataDir: restoredDir }, env);
    hubs.push(restored);
    const desktop = await restored.desktop('agent1');
    const head = expectOk(await desktop.emitWithAck('sync:pull', { since: 0, limit: 1 })).head;
    expect(head).toBe(copy.head);
    // A cap on the script's start-up (tsx compiling it on a busy machine), not a timing assertion.
  }, 90_000);

  it('refuses to copy the store onto itself, or a store that is not there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-backup-'));
    dirs.push(dir);
    const file = join(dir, 'switchboard.sqlite');
    await expect(backupSqlite(file, join(dir, 'copy.sqlite'))).rejects.toThrow(BackupError);
    new SqliteDatabase(file).close();
    await expect(backupSqlite(file, file)).rejects.toThrow(/another file/);
  });
});

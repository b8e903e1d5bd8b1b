import { ConfigError, loadConfig } from '../hub/config';
import { BackupError, backupSqlite } from '../hub/ops/sqlite-backup';

/**
 * `npm run backup -- /path/to/copy.sqlite`: an online copy of the hub's SQLite
 * store (the one SWITCHBOARD_DATA points at, as the hub reads it), safe while
 * the hub runs. Restoring, and Postgres (pg_dump), are in deploy/backup.md.
 */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) {
    console.error('Usage: npm run backup -- /path/to/copy.sqlite   (see deploy/backup.md)');
    process.exit(2);
  }
  const { store } = loadConfig(process.env);
  if (store.kind !== 'sqlite') {
    console.error('DATABASE_URL points at Postgres: back it up with pg_dump (deploy/backup.md).');
    process.exit(2);
  }
  const report = await backupSqlite(store.file, target);
  console.log(`Backed up ${store.file} to ${report.file}: ${report.pages} pages, ${report.bytes} bytes, integrity ${report.integrity}.`);
  for (const [table, count] of Object.entries(report.rows)) console.log(`  ${table.padEnd(32)} ${count}`);
}

main().catch((error: unknown) => {
  // Known problems in one line; anything else with its stack.
  console.error(error instanceof ConfigError || error instanceof BackupError ? error.message : error);
  process.exit(1);
});

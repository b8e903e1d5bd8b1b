import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreKind } from '../db/schema';

/**
 * `0018_account_sessions`: per user, the time before which every session is void
 * ("log out everywhere", a disabled account, a reset password) and whether
 * the account is disabled. 0 and 0 for every existing user: nothing changes for them.
 */
export function accountMigration(kind: StoreKind): Migration {
  const int64 = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('sessions_valid_from', int64, (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('users').addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(sql`0`)).execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../db/schema';

/** `0019_audit_log`: who did what to which records, and whether it happened. */
export function auditMigration(kind: StoreKind): Migration {
  const int64 = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', int64, (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_username', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_ids', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .execute();
      // The admin's list: newest first (ids are ULIDs made on the hub's clock, so id order is time order), whole or by one actor or action.
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_username', 'id']).execute();
      await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();
    },
  };
}

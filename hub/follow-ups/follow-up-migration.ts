import type { Kysely, Migration } from 'kysely';

/** 0013_follow_ups: `int64` is the store's epoch-ms type (hub/db/migrations.ts). */
export function followUpMigration(int64: 'integer' | 'bigint'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('follow_ups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('assignee_id', 'text')
        .addColumn('queue_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('due_at', int64, (c) => c.notNull())
        .addColumn('task_id', 'text')
        .addColumn('rule_key', 'text', (c) => c.unique())
        .addColumn('updated_at', int64, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      // The scheduler's question: the earliest scheduled one; the supervisors': everything open past its time.
      await db.schema.createIndex('follow_ups_status_due').on('follow_ups').columns(['status', 'due_at']).execute();
      // An agent's list.
      await db.schema.createIndex('follow_ups_assignee').on('follow_ups').columns(['assignee_id', 'status']).execute();
      await db.schema.createIndex('follow_ups_customer').on('follow_ups').column('customer_id').execute();
    },
  };
}

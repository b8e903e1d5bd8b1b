import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../db/schema';

/** `0012_complaints`: complaints and the escalations already sent. Settings live in `meta` like every admin setting. */
export function complaintMigration(kind: StoreKind): Migration {
  const int64 = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('complaints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text')
        .addColumn('team_id', 'text')
        .addColumn('opened_at', int64, (c) => c.notNull())
        .addColumn('updated_at', int64, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      // The profile's list and the merge's move: one customer's complaints.
      await db.schema.createIndex('complaints_customer').on('complaints').columns(['customer_id', 'opened_at']).execute();
      // "Mine", "my team's" and the escalation scheduler's open complaints.
      await db.schema.createIndex('complaints_status_owner').on('complaints').columns(['status', 'owner_id']).execute();
      await db.schema
        .createTable('complaint_escalations')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('complaint_id', 'text', (c) => c.notNull())
        .addColumn('sent_at', int64, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('complaint_escalations_complaint').on('complaint_escalations').column('complaint_id').execute();
    },
  };
}

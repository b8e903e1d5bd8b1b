import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../db/schema';

/** `0014_surveys`: the surveys table (survey-tables.ts); one survey per task or complaint, found by its link's hash. */
export function surveyMigration(kind: StoreKind): Migration {
  const int64 = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('surveys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('queue_id', 'text')
        .addColumn('agent_id', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('disposition', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('asks_nps', 'integer', (c) => c.notNull())
        .addColumn('arrived_at', int64, (c) => c.notNull())
        .addColumn('sent_at', int64, (c) => c.notNull())
        .addColumn('answered_at', int64)
        .addColumn('csat', 'integer')
        .addColumn('nps', 'integer')
        .addColumn('comment', 'text')
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        // A task or complaint is surveyed once, however many steps report it closed.
        .addUniqueConstraint('surveys_subject', ['kind', 'subject_id'])
        .execute();
      // "Not more than once per N days" looks up the customer's latest survey.
      await db.schema.createIndex('surveys_customer').on('surveys').columns(['customer_id', 'sent_at']).execute();
      // Reports read answered surveys by the rated contact's arrival.
      await db.schema.createIndex('surveys_arrived').on('surveys').column('arrived_at').execute();
    },
  };
}

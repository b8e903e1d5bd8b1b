import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../db/schema';

/** `0017_campaigns`: campaigns, their call lists and the do-not-contact flags. */
export function campaignMigration(kind: StoreKind): Migration {
  const int64 = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('queue_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', int64, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('campaign_entries')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_outcome', 'text')
        .addColumn('next_try_at', int64)
        .addColumn('agent_id', 'text')
        .addColumn('updated_at', int64, (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_entries_pk', ['campaign_id', 'customer_id'])
        .execute();
      // `campaign:next`: the pending entries of a campaign whose retry time has come.
      await db.schema.createIndex('campaign_entries_next').on('campaign_entries').columns(['campaign_id', 'status', 'next_try_at']).execute();
      await db.schema.createIndex('campaign_entries_agent').on('campaign_entries').columns(['agent_id', 'status']).execute();
      await db.schema
        .createTable('do_not_contact')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('at', int64, (c) => c.notNull())
        .addColumn('by_user', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text')
        .execute();
    },
  };
}

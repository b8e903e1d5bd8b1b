import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../db/schema';

const int64Of = (kind: StoreKind) => (kind === 'sqlite' ? 'integer' : 'bigint');

/** `0020_customer_erasures`: the lasting record of each erasure (privacy-tables.ts); one per customer, so erasing twice is caught by the key too. */
export function erasureMigration(kind: StoreKind): Migration {
  const int64 = int64Of(kind);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('customer_erasures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().unique())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('erased_by', 'text', (c) => c.notNull())
        .addColumn('erased_by_name', 'text', (c) => c.notNull())
        .addColumn('erased_at', int64, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/** `0021_attachment_removal`: a file whose bytes went (retention or erasure) keeps its row, marked, so it is answered 410 and never swept twice. */
export function attachmentRemovalMigration(kind: StoreKind): Migration {
  const int64 = int64Of(kind);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('attachments').addColumn('removed_at', int64).execute();
      await db.schema.alterTable('attachments').addColumn('removed_reason', 'text').execute();
      // The daily sweep looks for files of one kind older than a cut-off that are still kept.
      await db.schema.createIndex('attachments_kind_created').on('attachments').columns(['kind', 'created_at']).execute();
      await db.schema.createIndex('attachments_sha256').on('attachments').column('sha256').execute();
    },
  };
}

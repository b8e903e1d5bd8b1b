import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../../db/schema';

/** `0016_value_snapshots`: daily value snapshots and cross-sell outcomes (hub/crm/analysis/analysis-tables.ts). */
export function valueSnapshotMigration(kind: StoreKind): Migration {
  const int64 = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      // Keyed by day first: the migration matrix and the churn list read one or two whole days.
      await db.schema
        .createTable('value_snapshots')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('profit_cents', int64, (c) => c.notNull())
        .addColumn('rfm_r', 'integer')
        .addPrimaryKeyConstraint('value_snapshots_pk', ['day', 'customer_id'])
        .execute();
      await db.schema
        .createTable('cross_sell_outcomes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('suggestion_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('recorded_at', int64, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      // The 360's card (this customer's recent outcomes) and the take-rate figures (a time window).
      await db.schema.createIndex('cross_sell_outcomes_customer').on('cross_sell_outcomes').columns(['customer_id', 'recorded_at']).execute();
      await db.schema.createIndex('cross_sell_outcomes_recorded').on('cross_sell_outcomes').column('recorded_at').execute();
    },
  };
}

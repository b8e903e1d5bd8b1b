import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../db/schema';

/** `0015_customer_value`: the value row per customer and the points ledger. Settings and the last run's cut-offs live in `meta`. */
export function customerValueMigration(kind: StoreKind): Migration {
  const int64 = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('customer_values')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('tier_rank', int64, (c) => c.notNull())
        .addColumn('profit_cents', int64, (c) => c.notNull())
        .addColumn('rfm_r', 'integer')
        .addColumn('rfm_f', 'integer')
        .addColumn('rfm_m', 'integer')
        .addColumn('clv_cents', int64, (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('stage_reason', 'text', (c) => c.notNull())
        .addColumn('points', int64, (c) => c.notNull())
        .addColumn('order_count', int64, (c) => c.notNull())
        .addColumn('last_order_at', int64)
        .addColumn('credit_note', 'text')
        .addColumn('computed_at', int64, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      // The analysis screens: the pyramid (count and list per tier, by rank) and the churn list (customers in decline).
      await db.schema.createIndex('customer_values_tier').on('customer_values').columns(['tier', 'tier_rank']).execute();
      await db.schema.createIndex('customer_values_stage').on('customer_values').columns(['stage', 'last_order_at']).execute();
      await db.schema
        .createTable('loyalty_ledger')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('points', int64, (c) => c.notNull())
        .addColumn('at', int64, (c) => c.notNull())
        .addColumn('order_ref', 'text')
        .addColumn('reason', 'text')
        .addColumn('reference', 'text')
        .addColumn('by_user', 'text')
        .execute();
      // An order earns points once, whoever files it and however often (nulls never collide on either store).
      await db.schema.createIndex('loyalty_ledger_order').on('loyalty_ledger').columns(['customer_id', 'order_ref']).unique().execute();
      await db.schema.createIndex('loyalty_ledger_customer_at').on('loyalty_ledger').columns(['customer_id', 'at']).execute();
    },
  };
}

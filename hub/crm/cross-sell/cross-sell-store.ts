import { sql } from 'kysely';
import { type CrossSellRule, type CrossSellSettings, CrossSellSettingsSchema, type Basket } from '../../../shared/crm/cross-sell';
import { type SuggestionOutcome, SuggestionOutcomeSchema } from '../../../shared/crm/cross-sell-suggest';
import { readSetting, saveSetting } from '../../db/meta-queries';
import type { Queryable, StoreKind } from '../../db/schema';

/** Settings and the last mining's rules live in `meta` (bounded by `maxRules`), like the hub's other settings. */
const SETTINGS_KEY = 'cross-sell-settings';
const RULES_KEY = 'cross-sell-rules';

export type StoredRules = { minedAt: number; baskets: number; orders: number; products: number; rules: CrossSellRule[] };

export const readCrossSellSettings = (db: Queryable): Promise<CrossSellSettings> =>
  readSetting(db, SETTINGS_KEY, CrossSellSettingsSchema, CrossSellSettingsSchema.parse({}));
export const saveCrossSellSettings = (db: Queryable, settings: CrossSellSettings): Promise<void> => saveSetting(db, SETTINGS_KEY, settings);

/** Trusted: only the mining writes it. */
export const readRules = (db: Queryable): Promise<StoredRules | null> =>
  readSetting<StoredRules | null>(db, RULES_KEY, { parse: (value) => value as StoredRules }, null);
export const saveRules = (db: Queryable, rules: StoredRules): Promise<void> => saveSetting(db, RULES_KEY, rules);

/**
 * An order's products as the order import stored them: the CSV's `products`
 * cell split on ; ； 、 | and joined again with "; " into the order's `items`
 * (shared/crm/order-import/import-orders.ts, hub/crm/order-import-service.ts);
 * an order typed on the 360 has whatever the agent wrote, read the same way.
 * A name cut short by the items limit ends in "…" and is dropped, as it names no product.
 */
export function productsOf(items: string): string[] {
  const products: string[] = [];
  for (const raw of items.split(/[;；、|]/)) {
    const product = raw.trim();
    if (product === '' || product.length > 200 || product.endsWith('…')) continue;
    products.push(product);
  }
  return products;
}

const itemsColumn = (kind: StoreKind) =>
  kind === 'sqlite' ? sql<string | null>`json_extract(data, '$.items')` : sql<string | null>`(data::jsonb)->>'items'`;

/** One page of every order as a basket, in id order (keyset), for the mining pass. */
export async function basketPage(db: Queryable, kind: StoreKind, after: string | null, limit: number): Promise<{ baskets: Basket[]; orders: number; last: string | null }> {
  let query = db.selectFrom('interactions').select(['id', 'customer_id', itemsColumn(kind).as('items')]).where('channel', '=', 'order');
  if (after !== null) query = query.where('id', '>', after);
  const rows = await query.orderBy('id').limit(limit).execute();
  const baskets = rows.map((row) => ({ orderId: row.id, customerId: row.customer_id, products: productsOf(row.items ?? '') }));
  return { baskets, orders: rows.length, last: rows.at(-1)?.id ?? null };
}

/** Everything one customer ever bought. */
export async function customerProducts(db: Queryable, kind: StoreKind, customerId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('interactions').select(itemsColumn(kind).as('items')).where('customer_id', '=', customerId).where('channel', '=', 'order').execute();
  return new Set(rows.flatMap((row) => productsOf(row.items ?? '')));
}

/** Appends one outcome; the same record id again is ignored (a retried click). Answers whether it was new. */
export async function appendOutcome(db: Queryable, outcome: SuggestionOutcome): Promise<boolean> {
  const result = await db
    .insertInto('cross_sell_outcomes')
    .values({
      id: outcome.id,
      suggestion_id: outcome.suggestionId,
      customer_id: outcome.customerId,
      product: outcome.product,
      outcome: outcome.outcome,
      recorded_at: outcome.recordedAt,
      data: JSON.stringify(outcome),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

const parseOutcomes = (rows: { data: string }[]): SuggestionOutcome[] => rows.map((row) => SuggestionOutcomeSchema.parse(JSON.parse(row.data)));

export async function customerOutcomes(db: Queryable, customerId: string, since: number): Promise<SuggestionOutcome[]> {
  const rows = await db.selectFrom('cross_sell_outcomes').select('data').where('customer_id', '=', customerId).where('recorded_at', '>=', since).execute();
  return parseOutcomes(rows);
}

export async function outcomesSince(db: Queryable, since: number): Promise<SuggestionOutcome[]> {
  const rows = await db.selectFrom('cross_sell_outcomes').select('data').where('recorded_at', '>=', since).execute();
  return parseOutcomes(rows);
}

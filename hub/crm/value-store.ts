import { sql } from 'kysely';
import { CustomerValueSettingsSchema, type CustomerValueSettings } from '../../shared/crm/customer-value';
import type { PointsEntry } from '../../shared/crm/loyalty-points';
import { type CustomerValueRecord, CustomerValueRecordSchema, type LedgerLine } from '../../shared/protocol/customer-value';
import { readSetting, saveSetting } from '../db/meta-queries';
import type { Queryable, StoreKind } from '../db/schema';
import type { StoredOrder, ValueCutoffs } from './value-figures';
import type { CustomerValuesTable } from './value-tables';

/** Settings are kept with the hub's other admin settings: JSON under one `meta` key. */
const SETTINGS_KEY = 'customer-value-settings';
/** The last full run's pyramid and RFM cut-offs, which the incremental update scores against. */
const CUTOFFS_KEY = 'customer-value-cutoffs';

export const readValueSettings = (db: Queryable): Promise<CustomerValueSettings> =>
  readSetting(db, SETTINGS_KEY, CustomerValueSettingsSchema, CustomerValueSettingsSchema.parse({}));
export const saveValueSettings = (db: Queryable, settings: CustomerValueSettings): Promise<void> => saveSetting(db, SETTINGS_KEY, settings);

/** Trusted: only the value service writes it. */
export const readCutoffs = (db: Queryable): Promise<ValueCutoffs | null> =>
  readSetting<ValueCutoffs | null>(db, CUTOFFS_KEY, { parse: (value) => value as ValueCutoffs }, null);
export const saveCutoffs = (db: Queryable, cutoffs: ValueCutoffs): Promise<void> => saveSetting(db, CUTOFFS_KEY, cutoffs);

const recordToRow = (r: CustomerValueRecord): CustomerValuesTable => ({
  customer_id: r.customerId,
  tier: r.tier,
  tier_rank: r.tierRank,
  profit_cents: r.tierProfitCents,
  rfm_r: r.rfm?.recency ?? null,
  rfm_f: r.rfm?.frequency ?? null,
  rfm_m: r.rfm?.monetary ?? null,
  clv_cents: r.lifetimeValue.clvCents,
  stage: r.lifecycle.stage,
  stage_reason: r.lifecycle.reason,
  points: r.pointsBalance,
  order_count: r.orderCount,
  last_order_at: r.lastOrderAt,
  credit_note: r.creditNote,
  computed_at: r.computedAt,
  data: JSON.stringify(r),
});

/** The stored records of these customers, by customer id. Points and the credit note are read from their columns (the ledger and the note move them between runs). */
export async function readValues(db: Queryable, customerIds: readonly string[]): Promise<Map<string, CustomerValueRecord>> {
  const found = new Map<string, CustomerValueRecord>();
  for (let start = 0; start < customerIds.length; start += 900) {
    const batch = customerIds.slice(start, start + 900);
    if (batch.length === 0) continue;
    const rows = await db.selectFrom('customer_values').select(['customer_id', 'points', 'credit_note', 'data']).where('customer_id', 'in', batch).execute();
    for (const row of rows) {
      const record = JSON.parse(row.data) as CustomerValueRecord;
      found.set(row.customer_id, { ...record, pointsBalance: Number(row.points), creditNote: row.credit_note });
    }
  }
  return found;
}

export async function readValue(db: Queryable, customerId: string): Promise<CustomerValueRecord | null> {
  return (await readValues(db, [customerId])).get(customerId) ?? null;
}

/** Checks a record against the contract before it is stored and sent, so a bad figure fails here and not on every desktop. */
export async function writeValues(db: Queryable, records: readonly CustomerValueRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += 1_500) {
    const rows = records.slice(start, start + 1_500).map((r) => recordToRow(CustomerValueRecordSchema.parse(r)));
    if (rows.length === 0) continue;
    await db
      .insertInto('customer_values')
      .values(rows)
      .onConflict((oc) =>
        oc.column('customer_id').doUpdateSet((eb) => ({
          tier: eb.ref('excluded.tier'),
          tier_rank: eb.ref('excluded.tier_rank'),
          profit_cents: eb.ref('excluded.profit_cents'),
          rfm_r: eb.ref('excluded.rfm_r'),
          rfm_f: eb.ref('excluded.rfm_f'),
          rfm_m: eb.ref('excluded.rfm_m'),
          clv_cents: eb.ref('excluded.clv_cents'),
          stage: eb.ref('excluded.stage'),
          stage_reason: eb.ref('excluded.stage_reason'),
          points: eb.ref('excluded.points'),
          order_count: eb.ref('excluded.order_count'),
          last_order_at: eb.ref('excluded.last_order_at'),
          credit_note: eb.ref('excluded.credit_note'),
          computed_at: eb.ref('excluded.computed_at'),
          data: eb.ref('excluded.data'),
        })),
      )
      .execute();
  }
}

/** Amount and profit read by the store itself, so a million orders are not shipped to Node as JSON to be parsed. */
function orderFigures(kind: StoreKind) {
  return kind === 'sqlite'
    ? { amount: sql<number>`json_extract(data, '$.amount')`, profit: sql<number | null>`json_extract(data, '$.profit')` }
    : { amount: sql<number>`((data::jsonb)->>'amount')::bigint`, profit: sql<number | null>`((data::jsonb)->>'profit')::bigint` };
}

/** Where the next page starts: SQLite's rowid (the table's own order, so a page is a straight read of the table), Postgres's id. */
export type OrderCursor = number | string | null;
export type OrderPage = { orders: StoredOrder[]; next: OrderCursor };

/**
 * One page of every customer's orders in storage order (keyset), for the full
 * recompute: the pages together are one scan of the interactions table,
 * whatever else is in it, and memory stays one page. Each page is its own
 * short statement, so calls and chats get the store between pages.
 */
export async function orderPage(db: Queryable, kind: StoreKind, after: OrderCursor, limit: number): Promise<OrderPage> {
  const { amount, profit } = orderFigures(kind);
  // SQLite: a text primary key is an index beside the rowid table; paging on it would fetch every row by a second look-up.
  const key = kind === 'sqlite' ? sql<number | string>`rowid` : sql<number | string>`id`;
  let query = db
    .selectFrom('interactions')
    .select([key.as('cursor'), 'customer_id', 'occurred_at', amount.as('amount'), profit.as('profit')])
    .where('channel', '=', 'order');
  if (after !== null) query = query.where(key, '>', after);
  const rows = await query.orderBy(key).limit(limit).execute();
  const orders = rows.map((r) => ({ customerId: r.customer_id, occurredAt: Number(r.occurred_at), amount: Number(r.amount), profit: r.profit === null ? null : Number(r.profit) }));
  return { orders, next: rows.at(-1)?.cursor ?? null };
}

/** One customer's orders (the timeline index), for the incremental update. */
export async function customerOrders(db: Queryable, kind: StoreKind, customerId: string): Promise<StoredOrder[]> {
  const { amount, profit } = orderFigures(kind);
  const rows = await db
    .selectFrom('interactions')
    .select(['customer_id', 'occurred_at', amount.as('amount'), profit.as('profit')])
    .where('customer_id', '=', customerId)
    .where('channel', '=', 'order')
    .execute();
  return rows.map((r) => ({ customerId: r.customer_id, occurredAt: Number(r.occurred_at), amount: Number(r.amount), profit: r.profit === null ? null : Number(r.profit) }));
}

type LedgerRow = { id: string; kind: string; points: number; at: number; order_ref: string | null; reason: string | null; reference: string | null; by_user: string | null };

const entryOf = (row: LedgerRow): PointsEntry =>
  row.kind === 'earned'
    ? { kind: 'earned', at: Number(row.at), points: Number(row.points), orderRef: row.order_ref ?? '' }
    : row.kind === 'redeemed'
      ? { kind: 'redeemed', at: Number(row.at), points: Number(row.points), reference: row.reference ?? '' }
      : { kind: 'adjusted', at: Number(row.at), points: Number(row.points), reason: row.reason ?? '' };

/** The whole ledger of one customer in append order, for the pure balance checks (shared/crm/loyalty-points.ts). */
export async function ledgerEntries(db: Queryable, customerId: string): Promise<PointsEntry[]> {
  const rows = await db.selectFrom('loyalty_ledger').selectAll().where('customer_id', '=', customerId).orderBy('at').orderBy('id').execute();
  return rows.map(entryOf);
}

/** A page of the ledger, newest first. */
export async function ledgerPage(db: Queryable, customerId: string, before: number | undefined, limit: number): Promise<{ lines: LedgerLine[]; more: boolean }> {
  let query = db.selectFrom('loyalty_ledger').selectAll().where('customer_id', '=', customerId);
  if (before !== undefined) query = query.where('at', '<', before);
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const lines = rows.slice(0, limit).map((row): LedgerLine => {
    const entry = entryOf(row);
    return {
      id: row.id,
      kind: entry.kind,
      delta: entry.kind === 'redeemed' ? -entry.points : entry.points,
      at: entry.at,
      detail: entry.kind === 'earned' ? entry.orderRef : entry.kind === 'redeemed' ? entry.reference : entry.reason,
      byUserId: row.by_user,
    };
  });
  return { lines, more: rows.length > limit };
}

export type LedgerWrite = { id: string; customerId: string; entry: PointsEntry; byUserId: string | null };

/** Appends one line; an `earned` line for an order that already earned is ignored. Answers whether a line was written. */
export async function appendLedger(db: Queryable, line: LedgerWrite): Promise<boolean> {
  const { entry } = line;
  const result = await db
    .insertInto('loyalty_ledger')
    .values({
      id: line.id,
      customer_id: line.customerId,
      kind: entry.kind,
      points: entry.points,
      at: entry.at,
      order_ref: entry.kind === 'earned' ? entry.orderRef : null,
      reason: entry.kind === 'adjusted' ? entry.reason : null,
      reference: entry.kind === 'redeemed' ? entry.reference : null,
      by_user: line.byUserId,
    })
    .onConflict((oc) => oc.columns(['customer_id', 'order_ref']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

const signedPoints = sql<number>`coalesce(sum(case when kind = 'redeemed' then -points else points end), 0)`;

/** Balances of many customers in one query (the full recompute's batches); customers with no ledger are left out. */
export async function pointsBalances(db: Queryable, customerIds: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let start = 0; start < customerIds.length; start += 900) {
    const batch = customerIds.slice(start, start + 900);
    if (batch.length === 0) continue;
    const rows = await db.selectFrom('loyalty_ledger').select(['customer_id', signedPoints.as('balance')]).where('customer_id', 'in', batch).groupBy('customer_id').execute();
    for (const row of rows) found.set(row.customer_id, Number(row.balance));
  }
  return found;
}

/** The balance as the store sums it: what the value row carries between recomputes. */
export async function pointsBalanceOf(db: Queryable, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('loyalty_ledger')
    .select(signedPoints.as('balance'))
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return Number(row?.balance ?? 0);
}

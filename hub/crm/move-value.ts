import type { Queryable } from '../db/schema';

/**
 * A merge or link moves what the customer earned: the points ledger (so the
 * survivor keeps every point and an order number never earns twice) and the
 * cross-sell outcomes. The moved-from customer's value row goes; the
 * survivor's figures are recomputed from the moved orders by the caller
 * (ValueService.refreshCustomers) or by the nightly run. Snapshots stay as
 * history.
 */
export async function moveCustomerValue(trx: Queryable, fromId: string, intoId: string): Promise<void> {
  await trx.updateTable('loyalty_ledger').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute();
  await trx.updateTable('cross_sell_outcomes').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute();
  await trx.deleteFrom('customer_values').where('customer_id', '=', fromId).execute();
}

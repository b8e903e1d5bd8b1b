import type { Queryable } from '../db/schema';

/**
 * A merge or link moves the duplicate's places on call lists and its
 * do-not-contact flag to the survivor: the person asked not to be called, so
 * neither record is called again. Where the survivor is already on the same
 * list (or already flagged), the survivor's own row stands and the
 * duplicate's goes, since (campaign, customer) and the flag are one per customer.
 */
export async function moveCampaignEntries(trx: Queryable, fromId: string, intoId: string): Promise<void> {
  const theirs = await trx.selectFrom('campaign_entries').select('campaign_id').where('customer_id', '=', intoId).execute();
  const shared = theirs.map((row) => row.campaign_id);
  if (shared.length > 0) await trx.deleteFrom('campaign_entries').where('customer_id', '=', fromId).where('campaign_id', 'in', shared).execute();
  await trx.updateTable('campaign_entries').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute();

  const flagged = await trx.selectFrom('do_not_contact').select('customer_id').where('customer_id', '=', intoId).executeTakeFirst();
  if (flagged) await trx.deleteFrom('do_not_contact').where('customer_id', '=', fromId).execute();
  else await trx.updateTable('do_not_contact').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute();
}

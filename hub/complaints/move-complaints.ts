import type { ChangeDraft } from '../db/change-log';
import type { Queryable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';
import type { Complaint } from '../../shared/complaints/complaint';

/**
 * A merge moves the duplicate's complaints onto the survivor, inside the
 * merge's transaction, with a `complaint` put for each so desktops re-file
 * them (their timeline lines move with the interactions). For
 * hub/customers/move-customer.ts; answers how many moved.
 */
export async function moveComplaints(trx: Queryable, drafts: ChangeDraft[], fromId: string, intoId: string): Promise<number> {
  const rows = await trx.selectFrom('complaints').select(['id', 'data']).where('customer_id', '=', fromId).execute();
  for (const row of rows) {
    const moved: Complaint = { ...readStoredJson<Complaint>(row.data), customerId: intoId };
    await trx.updateTable('complaints').set({ customer_id: intoId, data: JSON.stringify(moved) }).where('id', '=', row.id).execute();
    drafts.push({ entity: 'complaint', op: 'put', data: moved });
  }
  return rows.length;
}

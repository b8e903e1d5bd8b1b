import type { Complaint } from '../../shared/complaints/complaint';
import { complaintClocks } from '../../shared/complaints/sla';
import type { ComplaintSettings, ComplaintView } from '../../shared/protocol/complaints';
import type { Queryable } from '../db/schema';

/** Complaints as lists show them: with both clocks as of `now` and whose they are. */
export async function complaintViews(db: Queryable, complaints: readonly Complaint[], settings: ComplaintSettings, now: number): Promise<ComplaintView[]> {
  const ids = [...new Set(complaints.map((complaint) => complaint.customerId))];
  const rows = ids.length === 0 ? [] : await db.selectFrom('customers').select(['id', 'name', 'number']).where('id', 'in', ids).execute();
  const customers = new Map(rows.map((row) => [row.id, row]));
  return complaints.map((complaint) => {
    const clocks = complaintClocks(complaint, settings.sla, now);
    const customer = customers.get(complaint.customerId);
    return { ...complaint, clocks: [clocks.firstResponse, clocks.resolution], customerName: customer?.name ?? '', customerNumber: customer?.number ?? '' };
  });
}

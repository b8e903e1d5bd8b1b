import { Dexie } from 'dexie';
import type { Change } from '../../shared/protocol/changes';
import type { TargetRow, TargetTable } from './rows';
import type { SwitchboardDb } from './schema';

type PlanMaps = { [T in TargetTable]: Map<string, unknown> };

/** The customers a page of changes erases (hub/privacy/): the desktop forgets everything it cached of them. */
export const erasedIn = (changes: readonly Change[]): string[] => changes.flatMap((change) => (change.entity === 'erasure' ? [change.data.customerId] : []));

const belongsTo = (table: TargetTable, key: string, row: unknown, customerId: string): boolean =>
  table === 'customers' ? key === customerId : row !== null && (row as Exclude<TargetRow, { terms: string[] }>).customerId === customerId;

/**
 * An erasure notice met while planning a page: rows of that customer planned
 * from changes before it are dropped (they carry what was erased); rows after
 * it are the anonymised ones and stay in the plan.
 */
export function forgetPlanned(plan: PlanMaps, customerId: string): void {
  for (const table of Object.keys(plan) as TargetTable[]) {
    const rows = plan[table];
    for (const [key, row] of rows) if (belongsTo(table, key, row, customerId)) rows.delete(key);
  }
}

/**
 * Deletes every cached row of the erased customers, inside the caller's
 * transaction and before the page's puts (the anonymised rows) are written:
 * older history fetched by scrolling is in the cache too, and no change
 * names it.
 */
export async function forgetCustomers(db: SwitchboardDb, customerIds: readonly string[]): Promise<void> {
  for (const customerId of customerIds) {
    await Promise.all([
      db.interactions.where('[customerId+occurredAt]').between([customerId, Dexie.minKey], [customerId, Dexie.maxKey]).delete(),
      db.identities.where('customerId').equals(customerId).delete(),
      db.complaints.where('customerId').equals(customerId).delete(),
      db.followUps.where('customerId').equals(customerId).delete(),
      db.customerValues.delete(customerId),
      db.customers.delete(customerId),
    ]);
  }
}

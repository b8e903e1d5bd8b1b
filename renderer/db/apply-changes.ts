import type { Complaint } from '../../shared/complaints/complaint';
import type { CustomerValueRecord } from '../../shared/protocol/customer-value';
import type { Change } from '../../shared/protocol/changes';
import { parseTargetKey, rebase } from '../sync/optimistic';
import { META_KEYS } from './meta';
import type { CustomerRow, Identity, Interaction, OutboxEntry, TargetRow, TargetRows, TargetTable } from './rows';
import type { SwitchboardDb } from './schema';
import { withTerms } from './search-terms';
import type { FollowUp } from '../../shared/follow-ups/follow-up';
import { erasedIn, forgetCustomers, forgetPlanned } from './forget-customers';

/** Per table: the row to put, or null to delete. The last change to a key wins. */
export type ChangePlan = { [T in TargetTable]: Map<string, TargetRows[T] | null> };

/**
 * Folds a page of changes into one write per key. Interactions older than
 * the cache window are skipped: they stream in from the hub when a timeline
 * is scrolled that far.
 */
export function planChanges(changes: readonly Change[], interactionsSince: number): ChangePlan {
  const plan: ChangePlan = { customers: new Map(), identities: new Map(), interactions: new Map(), complaints: new Map(), customerValues: new Map(), followUps: new Map() };
  for (const change of changes) {
    switch (change.entity) {
      case 'customer':
        plan.customers.set(change.data.id, change.op === 'put' ? withTerms(change.data) : null);
        break;
      case 'identity':
        plan.identities.set(change.data.id, change.op === 'put' ? change.data : null);
        break;
      // ── complaints (hub/complaints/) ──
      case 'complaint':
        plan.complaints.set(change.data.id, change.data);
        break;
      // ── follow-ups (hub/follow-ups/) ──
      case 'followUp':
        plan.followUps.set(change.data.id, change.data);
        break;
      // ── customer value (hub/crm/) ──
      case 'customerValue':
        plan.customerValues.set(change.data.customerId, change.data);
        break;
      // ── data protection (hub/privacy/) ──
      case 'erasure':
        forgetPlanned(plan, change.data.customerId);
        break;
      case 'interaction':
        if (change.data.occurredAt >= interactionsSince) plan.interactions.set(change.data.id, change.data);
        break;
    }
  }
  return plan;
}

/**
 * Waiting mutations are replayed over the hub's rows they touch, so an
 * incoming change never hides what the agent typed, and each waiting entry's
 * preimage becomes the hub's row. Returns the entries whose preimage moved.
 */
export function rebaseWaiting(plan: ChangePlan, waiting: readonly OutboxEntry[]): OutboxEntry[] {
  const byTarget = new Map<string, OutboxEntry[]>();
  for (const entry of waiting) {
    const list = byTarget.get(entry.targetKey);
    if (list) list.push(entry);
    else byTarget.set(entry.targetKey, [entry]);
  }
  const moved: OutboxEntry[] = [];
  for (const [key, entries] of byTarget) {
    const target = parseTargetKey(key);
    const rows = plan[target.table] as Map<string, TargetRow | null>;
    if (!rows.has(target.key)) continue;
    const result = rebase(rows.get(target.key) ?? null, entries);
    rows.set(target.key, result.row);
    entries.forEach((entry, i) => {
      moved.push({ ...entry, preimage: result.preimages[i] ?? null });
    });
  }
  return moved;
}

function split<R>(rows: Map<string, R | null>): { puts: R[]; deletes: string[] } {
  const puts: R[] = [];
  const deletes: string[] = [];
  for (const [key, row] of rows) {
    if (row === null) deletes.push(key);
    else puts.push(row);
  }
  return { puts, deletes };
}

export type ApplyOptions = { interactionsSince: number };

/**
 * Applies one page (or one live batch) and moves the cursor, in one
 * read-write transaction: after a crash the cache and cursor agree. Writes
 * are bulk calls issued together — no per-row awaits.
 */
export async function applyChangePage(
  db: SwitchboardDb,
  changes: readonly Change[],
  cursor: number,
  options: ApplyOptions,
): Promise<void> {
  const plan = planChanges(changes, options.interactionsSince);
  await db.transaction('rw', [db.customers, db.identities, db.interactions, db.complaints, db.customerValues, db.followUps, db.outbox, db.meta], async () => {
    const waiting = await db.outbox.toArray();
    const moved = waiting.length > 0 ? rebaseWaiting(plan, waiting) : [];
    // ── data protection (hub/privacy/): an erased customer's rows go before the anonymised ones are written ──
    const erased = erasedIn(changes);
    if (erased.length > 0) await forgetCustomers(db, erased);
    const customers = split<CustomerRow>(plan.customers);
    const identities = split<Identity>(plan.identities);
    const interactions = split<Interaction>(plan.interactions);
    const writes: Promise<unknown>[] = [db.meta.put({ key: META_KEYS.cursor, value: cursor })];
    if (customers.puts.length) writes.push(db.customers.bulkPut(customers.puts));
    if (customers.deletes.length) writes.push(db.customers.bulkDelete(customers.deletes));
    if (identities.puts.length) writes.push(db.identities.bulkPut(identities.puts));
    if (identities.deletes.length) writes.push(db.identities.bulkDelete(identities.deletes));
    if (interactions.puts.length) writes.push(db.interactions.bulkPut(interactions.puts));
    if (interactions.deletes.length) writes.push(db.interactions.bulkDelete(interactions.deletes));
    const complaints = split<Complaint>(plan.complaints);
    if (complaints.puts.length) writes.push(db.complaints.bulkPut(complaints.puts));
    if (complaints.deletes.length) writes.push(db.complaints.bulkDelete(complaints.deletes));
    const values = split<CustomerValueRecord>(plan.customerValues);
    if (values.puts.length) writes.push(db.customerValues.bulkPut(values.puts));
    const followUps = split<FollowUp>(plan.followUps);
    if (followUps.puts.length) writes.push(db.followUps.bulkPut(followUps.puts));
    if (followUps.deletes.length) writes.push(db.followUps.bulkDelete(followUps.deletes));
    if (moved.length) writes.push(db.outbox.bulkPut(moved));
    await Promise.all(writes);
  });
}

/**
 * The cache belongs to another hub (`cursor-ahead`): empty it and start from
 * zero. The outbox is kept — typed work is never thrown away; whatever the
 * new hub refuses is shown to the agent — and its optimistic rows are
 * rebuilt on the empty cache.
 */
export async function resetCache(db: SwitchboardDb): Promise<void> {
  await db.transaction('rw', [db.customers, db.identities, db.interactions, db.complaints, db.customerValues, db.followUps, db.outbox, db.meta], async () => {
    await Promise.all([db.customers.clear(), db.identities.clear(), db.interactions.clear(), db.complaints.clear(), db.customerValues.clear(), db.followUps.clear()]);
    await db.meta.put({ key: META_KEYS.cursor, value: 0 });
    const waiting = await db.outbox.toArray();
    if (waiting.length === 0) return;
    const plan: ChangePlan = { customers: new Map(), identities: new Map(), interactions: new Map(), complaints: new Map(), customerValues: new Map(), followUps: new Map() };
    for (const entry of waiting) {
      const target = parseTargetKey(entry.targetKey);
      (plan[target.table] as Map<string, TargetRow | null>).set(target.key, null);
    }
    const moved = rebaseWaiting(plan, waiting);
    const customers = split<CustomerRow>(plan.customers);
    const identities = split<Identity>(plan.identities);
    const interactions = split<Interaction>(plan.interactions);
    await Promise.all([
      db.customers.bulkPut(customers.puts),
      db.identities.bulkPut(identities.puts),
      db.interactions.bulkPut(interactions.puts),
      db.complaints.bulkPut(split<Complaint>(plan.complaints).puts),
      db.followUps.bulkPut(split<FollowUp>(plan.followUps).puts),
      db.outbox.bulkPut(moved),
    ]);
  });
}

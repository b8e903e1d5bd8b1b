import type { Complaint } from '../../shared/complaints/complaint';
import type { Target } from '../sync/optimistic';
import type { CustomerValueRecord } from '../../shared/protocol/customer-value';
import type { CustomerRow, Identity, Interaction, TargetRow, TargetRows, TargetTable } from './rows';
import type { SwitchboardDb } from './schema';
import type { FollowUp } from '../../shared/follow-ups/follow-up';

/** How to tell each table's rows apart, so a row never lands in a table it does not belong to. */
const BELONGS: { [T in TargetTable]: (row: TargetRow) => row is TargetRows[T] } = {
  customers: (row): row is CustomerRow => 'terms' in row,
  identities: (row): row is Identity => 'value' in row && !('channel' in row),
  interactions: (row): row is Interaction => 'channel' in row,
  // ── complaints (hub/complaints/) ──
  complaints: (row): row is Complaint => 'severity' in row && 'openedAt' in row,
  // ── follow-ups (hub/follow-ups/) ──
  followUps: (row): row is FollowUp => 'kind' in row && 'history' in row && 'dueAt' in row,
  // ── customer value (hub/crm/) ──
  customerValues: (row): row is CustomerValueRecord => 'tierRank' in row && 'lifetimeValue' in row,
};

/** Reads the row a mutation targets; callers run inside a transaction that includes its table. */
export async function readTarget(db: SwitchboardDb, target: Target): Promise<TargetRow | null> {
  return ((await db.table(target.table).get(target.key)) as TargetRow | undefined) ?? null;
}

/** Writes (or, for null, deletes) a mutation's target row, checking the row belongs to that table. */
export async function writeTarget(db: SwitchboardDb, target: Target, row: TargetRow | null): Promise<void> {
  if (row === null) {
    await db.table(target.table).delete(target.key);
    return;
  }
  if (BELONGS[target.table](row)) await db.table(target.table).put(row);
}

export const tableOf = (db: SwitchboardDb, target: Target) => db.table(target.table);

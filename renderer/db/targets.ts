import type { Target } from '../sync/optimistic';
import type { TargetRow } from './rows';
import type { SwitchboardDb } from './schema';

/** Reads the row a mutation targets; callers run inside a transaction that includes its table. */
export async function readTarget(db: SwitchboardDb, target: Target): Promise<TargetRow | null> {
  switch (target.table) {
    case 'customers':
      return (await db.customers.get(target.key)) ?? null;
    case 'identities':
      return (await db.identities.get(target.key)) ?? null;
    case 'interactions':
      return (await db.interactions.get(target.key)) ?? null;
  }
}

/** Writes (or, for null, deletes) a mutation's target row, checking the row belongs to that table. */
export async function writeTarget(db: SwitchboardDb, target: Target, row: TargetRow | null): Promise<void> {
  if (row === null) {
    await db.table(target.table).delete(target.key);
    return;
  }
  switch (target.table) {
    case 'customers':
      if ('terms' in row) await db.customers.put(row);
      return;
    case 'identities':
      if ('kind' in row) await db.identities.put(row);
      return;
    case 'interactions':
      if ('channel' in row) await db.interactions.put(row);
      return;
  }
}

export const tableOf = (db: SwitchboardDb, target: Target) => db.table(target.table);

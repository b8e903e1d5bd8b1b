import type { Tier } from '../../domain/customer';

/**
 * Tier migration between two daily snapshots (issue 7): how many customers
 * moved from each tier to each other. `null` on the from side is a customer
 * who was not in the earlier snapshot (new); on the to side one who is no
 * longer in the later one (merged or removed).
 */

export const MIGRATION_TIERS = ['vip', 'key', 'ordinary', 'small'] as const satisfies readonly Tier[];
/** Rows and columns of the matrix: the four tiers, then `none` (new on the from side, gone on the to side). */
export type MigrationSide = Tier | 'none';
export const MIGRATION_SIDES: readonly MigrationSide[] = [...MIGRATION_TIERS, 'none'];

export type MigrationCell = { from: Tier | null; to: Tier | null; customers: number };

export type MigrationMatrix = {
  /** counts[from][to], every side present (zeros included), in MIGRATION_SIDES order. */
  counts: Record<MigrationSide, Record<MigrationSide, number>>;
  /** Customers on each side's total, per row (from) and per column (to). */
  fromTotals: Record<MigrationSide, number>;
  toTotals: Record<MigrationSide, number>;
  stayed: number;
  /** Moved to a higher tier (VIP is highest). */
  upgraded: number;
  downgraded: number;
  joined: number;
  left: number;
};

const RANK: Record<Tier, number> = { vip: 0, key: 1, ordinary: 2, small: 3 };

const zeros = (): Record<MigrationSide, number> => ({ vip: 0, key: 0, ordinary: 0, small: 0, none: 0 });

/** Folds grouped counts (as the store's GROUP BY gives them; a pair may come more than once) into the full matrix. */
export function migrationMatrix(cells: Iterable<MigrationCell>): MigrationMatrix {
  const counts = { vip: zeros(), key: zeros(), ordinary: zeros(), small: zeros(), none: zeros() };
  const fromTotals = zeros();
  const toTotals = zeros();
  let stayed = 0;
  let upgraded = 0;
  let downgraded = 0;
  let joined = 0;
  let left = 0;
  for (const cell of cells) {
    if (!Number.isInteger(cell.customers) || cell.customers < 0) throw new RangeError(`a migration count must be a whole number ≥ 0, got ${cell.customers}`);
    if (cell.from === null && cell.to === null) continue;
    const from: MigrationSide = cell.from ?? 'none';
    const to: MigrationSide = cell.to ?? 'none';
    counts[from][to] += cell.customers;
    fromTotals[from] += cell.customers;
    toTotals[to] += cell.customers;
    if (cell.from === null) joined += cell.customers;
    else if (cell.to === null) left += cell.customers;
    else if (cell.from === cell.to) stayed += cell.customers;
    else if (RANK[cell.to] < RANK[cell.from]) upgraded += cell.customers;
    else downgraded += cell.customers;
  }
  return { counts, fromTotals, toTotals, stayed, upgraded, downgraded, joined, left };
}

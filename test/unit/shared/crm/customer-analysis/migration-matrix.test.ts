import { describe, expect, it } from 'vitest';
import { migrationMatrix } from '../../../../../shared/crm/analysis/migration-matrix';

describe('migrationMatrix', () => {
  it('folds grouped counts into the full matrix with stayed, up, down, joined and left', () => {
    const m = migrationMatrix([
      { from: 'vip', to: 'vip', customers: 3 },
      { from: 'key', to: 'vip', customers: 2 },
      { from: 'vip', to: 'ordinary', customers: 1 },
      { from: 'small', to: 'small', customers: 40 },
      { from: 'small', to: null, customers: 4 },
      { from: null, to: 'small', customers: 7 },
      // The same pair twice (the store may group by rows that differ elsewhere): summed.
      { from: 'key', to: 'vip', customers: 1 },
    ]);
    expect(m.counts.key.vip).toBe(3);
    expect(m.counts.vip.ordinary).toBe(1);
    expect(m.counts.none.small).toBe(7);
    expect(m.counts.small.none).toBe(4);
    expect(m.counts.ordinary.key).toBe(0);
    expect(m).toMatchObject({ stayed: 43, upgraded: 3, downgraded: 1, joined: 7, left: 4 });
    expect(m.fromTotals).toEqual({ vip: 4, key: 3, ordinary: 0, small: 44, none: 7 });
    expect(m.toTotals).toEqual({ vip: 6, key: 0, ordinary: 1, small: 47, none: 4 });
  });

  it('is all zeros for no snapshots, and refuses a count that is not a whole number', () => {
    const empty = migrationMatrix([]);
    expect(Object.values(empty.counts).flatMap((row) => Object.values(row))).toEqual(new Array(25).fill(0));
    expect(() => migrationMatrix([{ from: 'vip', to: 'key', customers: 1.5 }])).toThrow(RangeError);
    expect(() => migrationMatrix([{ from: 'vip', to: 'key', customers: -1 }])).toThrow(/whole number/);
  });
});

import { describe, expect, it } from 'vitest';
import { quintileScores, RfmSettingsSchema, scoreRfm } from '../../../../shared/crm/rfm';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);
const higher = (a: number, b: number) => a - b;

describe('quintileScores', () => {
  it('puts ten distinct values two per score', () => {
    // Value k (1..10) has k−1 worse: floor(5·(2(k−1)+1)/20) + 1 → 1,1,2,2,3,3,4,4,5,5.
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], higher)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('spreads seven distinct values symmetrically', () => {
    // floor(5·(2k+1)/14) for k = 0..6 → 0,1,1,2,3,3,4.
    expect(quintileScores([70, 10, 20, 30, 40, 50, 60], higher)).toEqual([5, 1, 2, 2, 3, 4, 4]);
  });

  it('gives tied values one score, from their middle place', () => {
    // n = 4. The two 10s: worse 0, equal 2 → floor(5·2/8) = 1 → 2. 20: floor(5·5/8) = 3 → 4. 30: floor(5·7/8) = 4 → 5.
    expect(quintileScores([10, 30, 10, 20], higher)).toEqual([2, 5, 2, 4]);
  });

  it('scores a lone value or an all-equal base a neutral 3', () => {
    expect(quintileScores([42], higher)).toEqual([3]);
    expect(quintileScores([5, 5, 5, 5, 5, 5], higher)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(quintileScores([], higher)).toEqual([]);
  });

  it('does not depend on input order', () => {
    const values = [3, 9, 1, 9, 4, 4, 7, 2];
    const scores = quintileScores(values, higher);
    const reversed = quintileScores([...values].reverse(), higher).reverse();
    expect(reversed).toEqual(scores);
  });
});

describe('scoreRfm', () => {
  it('scores recency, frequency and monetary against the other buyers', () => {
    const customers = [
      { customerId: 'a', lastOrderAt: NOW - 1 * DAY, orderCount: 2, revenueCents: 50_000 },
      { customerId: 'b', lastOrderAt: NOW - 10 * DAY, orderCount: 8, revenueCents: 10_000 },
      { customerId: 'c', lastOrderAt: NOW - 30 * DAY, orderCount: 4, revenueCents: 90_000 },
      { customerId: 'd', lastOrderAt: NOW - 90 * DAY, orderCount: 1, revenueCents: 30_000 },
      { customerId: 'e', lastOrderAt: NOW - 400 * DAY, orderCount: 6, revenueCents: 0 },
    ];
    // Five distinct values: the k-th worst scores k. Recency: fewer days is better.
    expect(scoreRfm(customers, NOW).map((r) => [r.customerId, r.recency, r.frequency, r.monetary, r.recencyDays])).toEqual([
      ['a', 5, 2, 4, 1],
      ['b', 4, 5, 2, 10],
      ['c', 3, 3, 5, 30],
      ['d', 2, 1, 3, 90],
      ['e', 1, 4, 1, 400],
    ]);
  });

  it('ties two orders on the same day on recency, whatever the hour', () => {
    const customers = [
      { customerId: 'a', lastOrderAt: NOW - 2 * DAY - 3_600_000, orderCount: 1, revenueCents: 1 },
      { customerId: 'b', lastOrderAt: NOW - 2 * DAY - 7_200_000, orderCount: 1, revenueCents: 1 },
    ];
    expect(scoreRfm(customers, NOW).map((r) => r.recency)).toEqual([3, 3]);
  });
});

describe('RfmSettingsSchema', () => {
  it('defaults to a one-year window and refuses a zero one', () => {
    expect(RfmSettingsSchema.parse({})).toEqual({ windowDays: 365 });
    expect(RfmSettingsSchema.safeParse({ windowDays: 0 }).success).toBe(false);
  });
});

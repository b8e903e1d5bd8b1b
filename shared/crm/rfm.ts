import { z } from 'zod';
import { DAY_MS } from './order';

/** Frequency and monetary count orders in the trailing `windowDays`; recency looks at the last order ever. */
export const RfmSettingsSchema = z
  .object({
    windowDays: z.number().int().min(1).max(3660).default(365),
  })
  .prefault({});
export type RfmSettings = z.infer<typeof RfmSettingsSchema>;

export type RfmInput = {
  customerId: string;
  /** Last order; customers who never ordered have no RFM and are not passed in. */
  lastOrderAt: number;
  /** Orders in the window. */
  orderCount: number;
  /** Revenue in the window, integer cents. */
  revenueCents: number;
};

const SCORES = [1, 2, 3, 4, 5] as const;
export type RfmScore = (typeof SCORES)[number];

export type Rfm = {
  customerId: string;
  recency: RfmScore;
  frequency: RfmScore;
  monetary: RfmScore;
  /** The inputs, for the screen: days since the last order (whole days, rounded down), orders and revenue in the window. */
  recencyDays: number;
  orderCount: number;
  revenueCents: number;
};

/**
 * Quintile score of each value among all values, 5 best. A value's place is
 * its mid-rank percentile q = (worse + equal / 2) / n, the score
 * min(5, floor(5q) + 1). Tied values share a score (ties never split by id or
 * input order), a lone customer or an all-equal base scores a neutral 3, and
 * ten distinct values fall two per score.
 * `better(a, b)` > 0 when a is better. O(n log n).
 */
export function quintileScores(values: readonly number[], better: (a: number, b: number) => number): RfmScore[] {
  const n = values.length;
  const order = values.map((_, i) => i).sort((i, j) => better(values[i] ?? 0, values[j] ?? 0));
  const scores: RfmScore[] = new Array(n);
  let start = 0;
  while (start < n) {
    // order is worst first: everything before `start` is strictly worse than the run of equals at start..end.
    const value = values[order[start] ?? 0] ?? 0;
    let end = start;
    while (end + 1 < n && better(values[order[end + 1] ?? 0] ?? 0, value) === 0) end++;
    const equal = end - start + 1;
    // floor(5q) in integers: 5·(2·worse + equal) / 2n, exact for any realistic n.
    const score = SCORES[Math.min(4, Math.floor((5 * (2 * start + equal)) / (2 * n)))] ?? 3;
    for (let k = start; k <= end; k++) scores[order[k] ?? 0] = score;
    start = end + 1;
  }
  return scores;
}

/** RFM of every customer who has ordered, scored against each other. Output in input order. */
export function scoreRfm(customers: readonly RfmInput[], now: number): Rfm[] {
  const recencyDays = customers.map((c) => Math.max(0, Math.floor((now - c.lastOrderAt) / DAY_MS)));
  // Recency is scored in whole days: an order at 09:00 is not more recent than one at 08:00 in any way a business cares about.
  const recency = quintileScores(recencyDays, (a, b) => b - a);
  const frequency = quintileScores(
    customers.map((c) => c.orderCount),
    (a, b) => a - b,
  );
  const monetary = quintileScores(
    customers.map((c) => c.revenueCents),
    (a, b) => a - b,
  );
  return customers.map((c, i) => ({
    customerId: c.customerId,
    recency: recency[i] ?? 3,
    frequency: frequency[i] ?? 3,
    monetary: monetary[i] ?? 3,
    recencyDays: recencyDays[i] ?? 0,
    orderCount: c.orderCount,
    revenueCents: c.revenueCents,
  }));
}

import { z } from 'zod';
import { DAY_MS } from './order';

/**
 * CLV = Σₙ Iₙ / (1 + r)ⁿ, n = 1..N, over periods of `periodDays`. Iₙ is
 * projected from the profit of the last `historyPeriods` periods and their
 * trend. The default (10 % a year over 5 years) is a common starting point;
 * finance should set r to the company's cost of capital.
 */
export const LifetimeValueSettingsSchema = z
  .object({
    /** r, per period. */
    discountRate: z.number().min(0).max(1).default(0.1),
    /** N. */
    horizonPeriods: z.number().int().min(1).max(50).default(5),
    periodDays: z.number().int().min(1).max(3660).default(365),
    historyPeriods: z.number().int().min(1).max(20).default(3),
  })
  .prefault({});
export type LifetimeValueSettings = z.infer<typeof LifetimeValueSettingsSchema>;

export type LifetimeValueInput = {
  firstOrderAt: number | null;
  /** Profit per period, most recent first: index k covers ages [k·P, (k+1)·P) before now. At least `historyPeriods` long; missing periods count as 0. */
  profitByPeriod: readonly number[];
};

export type LifetimeValue = {
  clvCents: number;
  /** The inputs, so the screen can show how the figure was reached. */
  discountRate: number;
  horizonPeriods: number;
  periodDays: number;
  /** The periods the projection was fitted on, most recent first. */
  history: { periodsAgo: number; from: number; to: number; profitCents: number }[];
  /** Fitted profit of the latest period (a) and change per period (b): Iₙ = max(0, a + b·n). */
  baseCents: number;
  trendCentsPerPeriod: number;
  projection: { n: number; incomeCents: number; discountedCents: number }[];
};

/**
 * Lifetime value from history and trend.
 *
 * - Periods counted: only whole periods since the first order (a customer
 *   of 400 days with yearly periods is fitted on the last year alone), so a
 *   half-covered old period does not fake an upward trend; a customer younger
 *   than one period is fitted on the part-period as it is, not scaled up to a
 *   year (one big first order would otherwise look like a fortune).
 * - Trend: least-squares line through the counted periods; a is its value
 *   at the latest period, b its slope. One period gives b = 0.
 * - Projected income is never below 0: a customer who loses money is
 *   expected to stop buying, not to owe us.
 * - Each projected income and discounted line is rounded to the cent and CLV
 *   is the sum of the shown lines, so the screen adds up.
 */
export function lifetimeValue(input: LifetimeValueInput, now: number, settings: LifetimeValueSettings): LifetimeValue {
  const { discountRate, horizonPeriods, periodDays, historyPeriods } = settings;
  const periodMs = periodDays * DAY_MS;
  const base = { discountRate, horizonPeriods, periodDays };
  if (input.firstOrderAt === null) {
    return { ...base, clvCents: 0, history: [], baseCents: 0, trendCentsPerPeriod: 0, projection: [] };
  }
  const wholePeriods = Math.floor(Math.max(0, now - input.firstOrderAt) / periodMs);
  const m = Math.max(1, Math.min(historyPeriods, wholePeriods));
  const history = Array.from({ length: m }, (_, k) => ({
    periodsAgo: k,
    from: now - (k + 1) * periodMs,
    to: now - k * periodMs,
    profitCents: input.profitByPeriod[k] ?? 0,
  }));

  // Period k sits at t = −k; fit y = a + b·t.
  const tMean = -(m - 1) / 2;
  const yMean = history.reduce((sum, h) => sum + h.profitCents, 0) / m;
  let covariance = 0;
  let variance = 0;
  for (const h of history) {
    covariance += (-h.periodsAgo - tMean) * (h.profitCents - yMean);
    variance += (-h.periodsAgo - tMean) ** 2;
  }
  const b = variance === 0 ? 0 : covariance / variance;
  const a = yMean - b * tMean;

  const projection = Array.from({ length: horizonPeriods }, (_, i) => {
    const n = i + 1;
    const incomeCents = Math.max(0, Math.round(a + b * n));
    return { n, incomeCents, discountedCents: Math.round(incomeCents / (1 + discountRate) ** n) };
  });
  return {
    ...base,
    clvCents: projection.reduce((sum, p) => sum + p.discountedCents, 0),
    history,
    baseCents: Math.round(a),
    trendCentsPerPeriod: Math.round(b),
    projection,
  };
}

import { z } from 'zod';
import type { Tier } from '../domain/customer';

const Share = z.number().min(0).max(1);

/**
 * The pyramid's cut-offs as shares of the whole customer base, best first;
 * `small` takes the rest. Profit is summed over the trailing `windowDays`.
 */
export const TierSettingsSchema = z
  .object({
    windowDays: z.number().int().min(1).max(3660).default(365),
    shares: z
      .object({ vip: Share.default(0.01), key: Share.default(0.19), ordinary: Share.default(0.3) })
      .prefault({})
      .refine((s) => s.vip + s.key + s.ordinary <= 1 + 1e-9, 'vip, key and ordinary shares add up to more than 100 %'),
  })
  .prefault({});
export type TierSettings = z.infer<typeof TierSettingsSchema>;

export type TierInput = { customerId: string; profitCents: number };

export type TierPlacement = {
  customerId: string;
  tier: Tier;
  /** Competition rank by profit (1, 2, 2, 4): tied customers share a rank. */
  rank: number;
  profitCents: number;
};

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Places every customer of the base in the pyramid by profit contribution.
 * `customers` must hold the whole base, including customers with no orders
 * in the window (profit 0): the shares are shares of the base, not of buyers.
 *
 * Rules (so the badge is predictable and explainable on the screen):
 * - Cut-offs are cumulative and rounded up: with n customers the first
 *   ceil(vip·n) places are VIP, places up to ceil((vip+key)·n) are key, and so
 *   on. Any non-empty base therefore has a VIP (7 customers → 1 VIP, 1 key,
 *   2 ordinary, 3 small), and no tier is more than one place off its share.
 * - Customers with equal profit get the same tier, the higher one: a tie
 *   across a cut-off lifts everyone in it (the tier then holds more than its
 *   share) rather than splitting equals by something as arbitrary as an id.
 * - A customer with no positive profit in the window is small whatever the
 *   place: no orders cannot earn VIP routing priority, even in a tiny base.
 *
 * Output is in rank order, ties by customer id. O(n log n): one sort.
 */
export function placeInPyramid(customers: readonly TierInput[], settings: TierSettings): TierPlacement[] {
  const n = customers.length;
  const { vip, key, ordinary } = settings.shares;
  // Cumulative shares are rounded to 1e-9 first so 0.01 + 0.19 = 0.2 exactly and 0.2·100 does not round up to 21.
  const cut = (share: number): number => Math.ceil(Math.round(share * 1e9) / 1e9 * n - 1e-9);
  const vipEnd = cut(vip);
  const keyEnd = cut(vip + key);
  const ordinaryEnd = cut(vip + key + ordinary);
  const byPlace = (place: number): Tier => (place < vipEnd ? 'vip' : place < keyEnd ? 'key' : place < ordinaryEnd ? 'ordinary' : 'small');

  const sorted = [...customers].sort((a, b) => b.profitCents - a.profitCents || compareIds(a.customerId, b.customerId));
  const placements: TierPlacement[] = [];
  let previous: TierPlacement | undefined;
  for (let place = 0; place < sorted.length; place++) {
    const customer = sorted[place];
    if (!customer) continue;
    const tied = previous !== undefined && previous.profitCents === customer.profitCents;
    const tier: Tier = customer.profitCents <= 0 ? 'small' : tied && previous ? previous.tier : byPlace(place);
    const rank = tied && previous ? previous.rank : place + 1;
    previous = { customerId: customer.customerId, tier, rank, profitCents: customer.profitCents };
    placements.push(previous);
  }
  return placements;
}

export type TierFigures = { tier: Tier; customers: number; profitCents: number; minProfitCents: number | null };

/** Counts and profit per tier, best tier first, for the pyramid chart; `minProfitCents` is the lowest profit in the tier (its effective cut-off). */
export function pyramidFigures(placements: readonly TierPlacement[]): TierFigures[] {
  const tiers: Tier[] = ['vip', 'key', 'ordinary', 'small'];
  const figures = new Map<Tier, TierFigures>(tiers.map((tier) => [tier, { tier, customers: 0, profitCents: 0, minProfitCents: null }]));
  for (const p of placements) {
    const f = figures.get(p.tier);
    if (!f) continue;
    f.customers += 1;
    f.profitCents += p.profitCents;
    f.minProfitCents = f.minProfitCents === null ? p.profitCents : Math.min(f.minProfitCents, p.profitCents);
  }
  return tiers.map((tier) => figures.get(tier) ?? { tier, customers: 0, profitCents: 0, minProfitCents: null });
}

/**
 * The incremental update between full recomputes: places one customer whose
 * profit changed against the cut-offs of the last full placement (its
 * `pyramidFigures`) without re-ranking the base. A customer reaching the
 * lowest VIP profit becomes VIP at once; the tiers' sizes drift from their
 * shares until the nightly recompute puts them right.
 */
export function tierForProfit(profitCents: number, figures: readonly TierFigures[]): Tier {
  if (profitCents <= 0) return 'small';
  for (const f of figures) {
    if (f.tier !== 'small' && f.minProfitCents !== null && f.minProfitCents > 0 && profitCents >= f.minProfitCents) return f.tier;
  }
  return 'small';
}

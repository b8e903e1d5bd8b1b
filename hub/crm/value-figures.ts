import type { Tier } from '../../shared/domain/customer';
import type { CustomerValue, CustomerValueSettings, OrderSummary } from '../../shared/crm/customer-value';
import { lifecycleStage } from '../../shared/crm/lifecycle-stage';
import { lifetimeValue } from '../../shared/crm/lifetime-value';
import { DAY_MS, type Order } from '../../shared/crm/order';
import { type Rfm, type RfmScore, scoreRfm } from '../../shared/crm/rfm';
import { placeInPyramid, pyramidFigures, type TierFigures, type TierPlacement, tierForProfit } from '../../shared/crm/tier-pyramid';
import { firstInstantAtWall, wallAt } from '../../shared/routing/zoned-time';
import type { CustomerValueRecord } from '../../shared/protocol/customer-value';

/**
 * Pure figures for the value service (no I/O): the ranking half of the full
 * recompute over summaries already gathered, the last run's cut-offs that the
 * incremental update scores against, and the record the hub stores.
 */

/** An order interaction as the recompute reads it off the store; `profit` null when the shop did not send one. */
export type StoredOrder = { customerId: string; occurredAt: number; amount: number; profit: number | null };

/**
 * Orders without a profit figure count their revenue as contribution: a shop
 * that exports no profit column still gets a pyramid (ranked by revenue)
 * instead of a base where everybody is small.
 */
export const orderFromStored = (row: StoredOrder): Order => ({
  customerId: row.customerId,
  orderedAt: row.occurredAt,
  amountCents: row.amount,
  profitCents: row.profit ?? row.amount,
});

type Scores = readonly [number, number, number, number, number];

/**
 * Where the last full run drew the RFM quintiles, per score 1..5: for
 * frequency and monetary the lowest value that earned the score, for recency
 * the most days since the last order that earned it. Null where no customer
 * got that score.
 */
export type RfmCutoffs = {
  recencyMaxDays: readonly (number | null)[];
  frequencyMin: readonly (number | null)[];
  monetaryMin: readonly (number | null)[];
};

/** What the incremental update needs from the last full run (kept in `meta`). */
export type ValueCutoffs = {
  computedAt: number;
  customers: number;
  pyramid: TierFigures[];
  rfm: RfmCutoffs;
};

export function rfmCutoffs(rfm: readonly Rfm[]): RfmCutoffs {
  const recency: (number | null)[] = [null, null, null, null, null];
  const frequency: (number | null)[] = [null, null, null, null, null];
  const monetary: (number | null)[] = [null, null, null, null, null];
  for (const r of rfm) {
    const ri = r.recency - 1;
    const fi = r.frequency - 1;
    const mi = r.monetary - 1;
    recency[ri] = Math.max(recency[ri] ?? r.recencyDays, r.recencyDays);
    frequency[fi] = Math.min(frequency[fi] ?? r.orderCount, r.orderCount);
    monetary[mi] = Math.min(monetary[mi] ?? r.revenueCents, r.revenueCents);
  }
  return { recencyMaxDays: recency, frequencyMin: frequency, monetaryMin: monetary };
}

const SCORES: Scores = [1, 2, 3, 4, 5];

/** The best score whose cut-off the value reaches; 1 when it reaches none, a neutral 3 when the last run scored nobody. */
function scoreAgainst(cutoffs: readonly (number | null)[], reaches: (cutoff: number) => boolean): RfmScore {
  if (cutoffs.every((c) => c === null)) return 3;
  for (let i = 4; i >= 0; i--) {
    const cutoff = cutoffs[i];
    if (cutoff !== null && cutoff !== undefined && reaches(cutoff)) return (SCORES[i] ?? 1) as RfmScore;
  }
  return 1;
}

/** One customer's RFM against the last full run's quintiles, without re-ranking the base (the nightly run puts drift right). */
export function rfmAgainstCutoffs(summary: OrderSummary, cutoffs: RfmCutoffs, now: number): Rfm | null {
  if (summary.lastOrderAt === null) return null;
  const recencyDays = Math.max(0, Math.floor((now - summary.lastOrderAt) / DAY_MS));
  return {
    customerId: summary.customerId,
    recency: scoreAgainst(cutoffs.recencyMaxDays, (max) => recencyDays <= max),
    frequency: scoreAgainst(cutoffs.frequencyMin, (min) => summary.rfmOrderCount >= min),
    monetary: scoreAgainst(cutoffs.monetaryMin, (min) => summary.rfmRevenueCents >= min),
    recencyDays,
    orderCount: summary.rfmOrderCount,
    revenueCents: summary.rfmRevenueCents,
  };
}

export type FullFigures = {
  cutoffs: ValueCutoffs;
  /** Each customer's value from its summary and the run's ranking; computed when asked, so a base of 100k is not held twice. */
  valueFor(summary: OrderSummary): CustomerValue;
};

/**
 * The ranking half of `recomputeCustomerValue` (shared/crm/customer-value.ts)
 * over summaries the hub gathered while streaming the orders, so the orders
 * never have to be held in memory. Same rules, same output for the same
 * orders (a unit test holds the two together).
 */
export function rankSummaries(summaries: readonly OrderSummary[], now: number, settings: CustomerValueSettings): FullFigures {
  const placementList: TierPlacement[] = placeInPyramid(
    summaries.map((s) => ({ customerId: s.customerId, profitCents: s.tierProfitCents })),
    settings.tiers,
  );
  const buyers = summaries.filter((s): s is OrderSummary & { lastOrderAt: number } => s.lastOrderAt !== null);
  const rfmList = scoreRfm(
    buyers.map((s) => ({ customerId: s.customerId, lastOrderAt: s.lastOrderAt, orderCount: s.rfmOrderCount, revenueCents: s.rfmRevenueCents })),
    now,
  );
  const cutoffs: ValueCutoffs = { computedAt: now, customers: summaries.length, pyramid: pyramidFigures(placementList), rfm: rfmCutoffs(rfmList) };
  const placements = new Map(placementList.map((p) => [p.customerId, p]));
  const rfm = new Map(rfmList.map((r) => [r.customerId, r]));
  return {
    cutoffs,
    valueFor: (s) => ({
      customerId: s.customerId,
      tier: placements.get(s.customerId)?.tier ?? 'small',
      tierRank: placements.get(s.customerId)?.rank ?? summaries.length,
      tierProfitCents: s.tierProfitCents,
      rfm: rfm.get(s.customerId) ?? null,
      lifetimeValue: lifetimeValue(s, now, settings.lifetimeValue),
      lifecycle: lifecycleStage(s, now, settings.lifecycle),
    }),
  };
}

/**
 * One customer's value between full runs: the tier against the last run's
 * pyramid cut-offs (`tierForProfit`), RFM against its quintiles. Before any
 * full run there are no cut-offs: the customer keeps `currentTier` (the tier
 * the customer record already has) rather than every buyer dropping to small.
 */
export function incrementalValue(
  summary: OrderSummary,
  cutoffs: ValueCutoffs | null,
  currentTier: Tier,
  previousRank: number | null,
  now: number,
  settings: CustomerValueSettings,
): CustomerValue {
  return {
    customerId: summary.customerId,
    tier: cutoffs ? tierForProfit(summary.tierProfitCents, cutoffs.pyramid) : currentTier,
    // A rank needs the whole base: the last run's stands until the next one.
    tierRank: previousRank ?? Math.max(1, cutoffs?.customers ?? 1),
    tierProfitCents: summary.tierProfitCents,
    rfm: rfmAgainstCutoffs(summary, cutoffs?.rfm ?? rfmCutoffs([]), now),
    lifetimeValue: lifetimeValue(summary, now, settings.lifetimeValue),
    lifecycle: lifecycleStage(summary, now, settings.lifecycle),
  };
}

export type RecordExtras = { pointsBalance: number; orderCount: number; lastOrderAt: number | null; creditNote: string | null; computedAt: number };

export function valueRecord(value: CustomerValue, extras: RecordExtras): CustomerValueRecord {
  const { rfm, lifetimeValue: lv, lifecycle: lc } = value;
  return {
    id: value.customerId,
    customerId: value.customerId,
    tier: value.tier,
    tierRank: Math.max(1, value.tierRank),
    tierProfitCents: value.tierProfitCents,
    rfm: rfm === null ? null : { recency: rfm.recency, frequency: rfm.frequency, monetary: rfm.monetary, recencyDays: rfm.recencyDays, orderCount: rfm.orderCount, revenueCents: rfm.revenueCents },
    // Spelled out in the schema's key order: the stored JSON then reads back exactly as built, and figuresDiffer compares like with like.
    lifetimeValue: {
      clvCents: lv.clvCents,
      discountRate: lv.discountRate,
      horizonPeriods: lv.horizonPeriods,
      periodDays: lv.periodDays,
      history: lv.history.map((h) => ({ periodsAgo: h.periodsAgo, from: h.from, to: h.to, profitCents: h.profitCents })),
      baseCents: lv.baseCents,
      trendCentsPerPeriod: lv.trendCentsPerPeriod,
      projection: lv.projection.map((p) => ({ n: p.n, incomeCents: p.incomeCents, discountedCents: p.discountedCents })),
    },
    lifecycle: { stage: lc.stage, reason: lc.reason, tenureDays: lc.tenureDays, recencyDays: lc.recencyDays, trend: lc.trend },
    pointsBalance: extras.pointsBalance,
    orderCount: extras.orderCount,
    lastOrderAt: extras.lastOrderAt,
    creditNote: extras.creditNote,
    computedAt: extras.computedAt,
  };
}

/**
 * Whether two records show different figures. `computedAt` and the
 * history's period bounds move with every run; the rest (tenure and recency
 * in days included) is what a person reads, so only that decides a write.
 */
export function figuresDiffer(a: CustomerValueRecord, b: CustomerValueRecord): boolean {
  return figuresKey(a) !== figuresKey(b);
}

const figuresKey = (r: CustomerValueRecord): string =>
  JSON.stringify({
    ...r,
    computedAt: 0,
    lifetimeValue: { ...r.lifetimeValue, history: r.lifetimeValue.history.map((h) => [h.periodsAgo, h.profitCents]) },
  });

const DAY_WALL = 86_400_000;

/** The next `hour`:00 local time in `timeZone` strictly after `now`: when the nightly full recompute runs. */
export function nextNightlyRun(now: number, timeZone: string, hour: number): number {
  const wallNow = wallAt(timeZone, now);
  const today = Math.floor(wallNow / DAY_WALL) * DAY_WALL;
  for (const day of [today, today + DAY_WALL, today + 2 * DAY_WALL]) {
    const at = firstInstantAtWall(timeZone, day + hour * 3_600_000);
    if (at > now) return at;
  }
  return now + DAY_WALL;
}

import { z } from 'zod';
import type { Tier } from '../domain/customer';
import { LifecycleSettingsSchema, type Lifecycle, lifecycleStage } from './lifecycle-stage';
import { LifetimeValueSettingsSchema, type LifetimeValue, lifetimeValue } from './lifetime-value';
import { LoyaltySettingsSchema } from './loyalty-points';
import { DAY_MS, type Order } from './order';
import { type Rfm, RfmSettingsSchema, scoreRfm } from './rfm';
import { placeInPyramid, TierSettingsSchema } from './tier-pyramid';

/** Every customer-value setting, each part defaulted: `CustomerValueSettingsSchema.parse({})` is the shipped configuration. */
export const CustomerValueSettingsSchema = z
  .object({
    tiers: TierSettingsSchema,
    rfm: RfmSettingsSchema,
    lifetimeValue: LifetimeValueSettingsSchema,
    lifecycle: LifecycleSettingsSchema,
    loyalty: LoyaltySettingsSchema,
  })
  .prefault({});
export type CustomerValueSettings = z.infer<typeof CustomerValueSettingsSchema>;

/**
 * Everything the value figures need from one customer's orders, gathered in
 * one pass. The hub can keep these per customer and fold a new order in
 * (`addOrder`) for the incremental update; the windows are relative to
 * `now`, so the nightly full recompute rebuilds them as time moves on.
 */
export type OrderSummary = {
  customerId: string;
  orderCount: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  /** Profit in the tier window. */
  tierProfitCents: number;
  /** Orders and revenue in the RFM window. */
  rfmOrderCount: number;
  rfmRevenueCents: number;
  /** Profit per lifetime-value period, most recent first. */
  profitByPeriod: number[];
  /** Revenue in the lifecycle trend windows. */
  recentRevenueCents: number;
  previousRevenueCents: number;
};

export const emptySummary = (customerId: string, settings: CustomerValueSettings): OrderSummary => ({
  customerId,
  orderCount: 0,
  firstOrderAt: null,
  lastOrderAt: null,
  tierProfitCents: 0,
  rfmOrderCount: 0,
  rfmRevenueCents: 0,
  profitByPeriod: new Array<number>(settings.lifetimeValue.historyPeriods).fill(0),
  recentRevenueCents: 0,
  previousRevenueCents: 0,
});

/** Folds one order into its customer's summary (mutates it: this runs a million times in the nightly recompute). Orders after `now` are skipped. */
export function addOrder(summary: OrderSummary, order: Order, now: number, settings: CustomerValueSettings): void {
  const age = now - order.orderedAt;
  if (age < 0) return;
  summary.orderCount += 1;
  if (summary.firstOrderAt === null || order.orderedAt < summary.firstOrderAt) summary.firstOrderAt = order.orderedAt;
  if (summary.lastOrderAt === null || order.orderedAt > summary.lastOrderAt) summary.lastOrderAt = order.orderedAt;
  if (age < settings.tiers.windowDays * DAY_MS) summary.tierProfitCents += order.profitCents;
  if (age < settings.rfm.windowDays * DAY_MS) {
    summary.rfmOrderCount += 1;
    summary.rfmRevenueCents += order.amountCents;
  }
  const period = Math.floor(age / (settings.lifetimeValue.periodDays * DAY_MS));
  if (period < summary.profitByPeriod.length) summary.profitByPeriod[period] = (summary.profitByPeriod[period] ?? 0) + order.profitCents;
  const trendMs = settings.lifecycle.trendDays * DAY_MS;
  if (age < trendMs) summary.recentRevenueCents += order.amountCents;
  else if (age < 2 * trendMs) summary.previousRevenueCents += order.amountCents;
}

export type CustomerValue = {
  customerId: string;
  tier: Tier;
  /** Rank by profit in the tier window, 1 = most valuable; tied customers share a rank. */
  tierRank: number;
  tierProfitCents: number;
  /** Null for a customer who has never ordered: there is nothing to score. */
  rfm: Rfm | null;
  lifetimeValue: LifetimeValue;
  lifecycle: Lifecycle;
};

export type CustomerValueRecompute = {
  customers: CustomerValue[];
  /** Orders whose customer is not in the base (deleted or merged customers, a bad import): left out, counted for the log. */
  orphanOrders: number;
};

/**
 * The nightly full recompute: tier, RFM, lifetime value and lifecycle for
 * the whole base. One pass over the orders (no sort of them), then one sort
 * for the pyramid and three for RFM: O(orders + customers · log customers).
 * Output follows `customerIds` order. Duplicate ids count once.
 */
export function recomputeCustomerValue(
  customerIds: readonly string[],
  orders: readonly Order[],
  now: number,
  settings: CustomerValueSettings,
): CustomerValueRecompute {
  const summaries = new Map<string, OrderSummary>();
  for (const id of customerIds) if (!summaries.has(id)) summaries.set(id, emptySummary(id, settings));
  let orphanOrders = 0;
  for (const order of orders) {
    const summary = summaries.get(order.customerId);
    if (summary) addOrder(summary, order, now, settings);
    else orphanOrders += 1;
  }
  const all = [...summaries.values()];
  const placements = new Map(
    placeInPyramid(
      all.map((s) => ({ customerId: s.customerId, profitCents: s.tierProfitCents })),
      settings.tiers,
    ).map((p) => [p.customerId, p]),
  );
  const buyers = all.filter((s): s is OrderSummary & { lastOrderAt: number } => s.lastOrderAt !== null);
  const rfm = new Map(
    scoreRfm(
      buyers.map((s) => ({ customerId: s.customerId, lastOrderAt: s.lastOrderAt, orderCount: s.rfmOrderCount, revenueCents: s.rfmRevenueCents })),
      now,
    ).map((r) => [r.customerId, r]),
  );
  const customers = all.map((s): CustomerValue => {
    const placement = placements.get(s.customerId);
    return {
      customerId: s.customerId,
      tier: placement?.tier ?? 'small',
      tierRank: placement?.rank ?? all.length,
      tierProfitCents: s.tierProfitCents,
      rfm: rfm.get(s.customerId) ?? null,
      lifetimeValue: lifetimeValue(s, now, settings.lifetimeValue),
      lifecycle: lifecycleStage(s, now, settings.lifecycle),
    };
  });
  return { customers, orphanOrders };
}

import type { Tier } from '../../domain/customer';
import type { LifecycleStage } from '../lifecycle-stage';

/**
 * The churn-risk rule of the customer analysis (issue 7): a valuable customer
 * (VIP or key) who is slipping away. Three signs, any of which is enough:
 * - the lifecycle says decline (lapsed, or buying less and less);
 * - the recency score fell since the earlier snapshot (buying less recently);
 * - the profit in the tier window fell since the earlier snapshot.
 * Small and ordinary customers are left out: a retention call costs an
 * agent's time, which only the top of the pyramid repays.
 */

export type ChurnReason = 'decline' | 'recency-fell' | 'profit-fell';

/** The figures the rule reads, now and at the earlier snapshot. */
export type ChurnFigures = {
  tier: Tier;
  stage: LifecycleStage;
  profitCents: number;
  /** RFM recency score 1–5; null before the first order. */
  recency: number | null;
  clvCents: number;
};
export type ChurnSnapshot = { tier: Tier; profitCents: number; recency: number | null };

export type ChurnVerdict = { reasons: ChurnReason[]; valueAtRiskCents: number; profitDropCents: number };

const AT_RISK_TIERS: ReadonlySet<Tier> = new Set(['vip', 'key']);

/**
 * Whether a customer is at risk, and why; null when not. `earlier` is the
 * snapshot to compare with, null when there is none (a new customer, or
 * snapshots newer than the window): then only the decline stage counts.
 * A customer who was VIP or key at the snapshot and has dropped a tier is
 * still valuable enough to call, so the tier of either side qualifies.
 *
 * Value at risk is the lifetime value the company loses if the customer goes
 * (CLV), or, when the CLV projection is nothing, the profit they brought in
 * the window: the figure the list ranks by.
 */
export function churnRisk(now: ChurnFigures, earlier: ChurnSnapshot | null): ChurnVerdict | null {
  if (!AT_RISK_TIERS.has(now.tier) && !(earlier && AT_RISK_TIERS.has(earlier.tier))) return null;
  const reasons: ChurnReason[] = [];
  if (now.stage === 'decline') reasons.push('decline');
  if (earlier && earlier.recency !== null && now.recency !== null && now.recency < earlier.recency) reasons.push('recency-fell');
  if (earlier && now.profitCents < earlier.profitCents) reasons.push('profit-fell');
  if (reasons.length === 0) return null;
  const profitDropCents = earlier ? Math.max(0, earlier.profitCents - now.profitCents) : 0;
  const valueAtRiskCents = Math.max(0, now.clvCents > 0 ? now.clvCents : Math.max(now.profitCents, earlier?.profitCents ?? 0));
  return { reasons, valueAtRiskCents, profitDropCents };
}

/** Highest value at risk first; then the larger profit drop; then the customer id, so ties never swap between runs. */
export function compareChurn(a: ChurnVerdict & { customerId: string }, b: ChurnVerdict & { customerId: string }): number {
  return b.valueAtRiskCents - a.valueAtRiskCents || b.profitDropCents - a.profitDropCents || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);
}

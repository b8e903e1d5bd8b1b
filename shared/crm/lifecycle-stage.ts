import { z } from 'zod';
import { DAY_MS } from './order';

const Days = z.number().int().min(1).max(3660);
const Ratio = z.number().min(0).max(10);

export const LifecycleSettingsSchema = z
  .object({
    /** Tenure (since the first order) below which a customer is still being explored. */
    explorationDays: Days.default(90),
    /** Tenure below which a customer who is not falling is still forming the relationship. */
    formationDays: Days.default(365),
    /** No order for this long: the customer is in decline whatever else holds. */
    lapsedDays: Days.default(180),
    /** Trend compares revenue over the last `trendDays` with the `trendDays` before. */
    trendDays: Days.default(180),
    /** Recent revenue this share below the previous window → decline. */
    declineDrop: Ratio.default(0.3),
    /** Recent revenue this share above the previous window → formation (the relationship is still growing). */
    growthRise: Ratio.default(0.2),
  })
  .prefault({})
  .refine((s) => s.explorationDays <= s.formationDays, 'exploration must end before formation does');
export type LifecycleSettings = z.infer<typeof LifecycleSettingsSchema>;

export type LifecycleStage = 'exploration' | 'formation' | 'stability' | 'decline';

/** Why the stage was chosen, so the profile can say it in words (and a retention rule can key on `lapsed` vs `falling`). */
export type LifecycleReason = 'no-orders' | 'lapsed' | 'new' | 'falling' | 'young' | 'rising' | 'steady';

export type LifecycleInput = {
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  /** Revenue (integer cents) in the last `trendDays`, and in the `trendDays` before that. */
  recentRevenueCents: number;
  previousRevenueCents: number;
};

export type Lifecycle = {
  stage: LifecycleStage;
  reason: LifecycleReason;
  tenureDays: number | null;
  recencyDays: number | null;
  /** recent / previous revenue; null when the previous window had none. */
  trend: number | null;
};

/**
 * Lifecycle stage, first matching rule wins:
 * 1. never ordered → exploration (a prospect);
 * 2. no order for `lapsedDays` → decline;
 * 3. tenure under `explorationDays` → exploration;
 * 4. recent revenue below previous × (1 − declineDrop) → decline;
 * 5. tenure under `formationDays` → formation;
 * 6. recent revenue above previous × (1 + growthRise), or buying again after
 *    an empty previous window → formation;
 * 7. otherwise → stability.
 * Revenue rather than profit drives the trend: the lifecycle follows how much
 * the customer buys, and a margin change is not the customer drifting away.
 */
export function lifecycleStage(input: LifecycleInput, now: number, settings: LifecycleSettings): Lifecycle {
  const { firstOrderAt, lastOrderAt, recentRevenueCents: recent, previousRevenueCents: previous } = input;
  if (firstOrderAt === null || lastOrderAt === null) {
    return { stage: 'exploration', reason: 'no-orders', tenureDays: null, recencyDays: null, trend: null };
  }
  const tenureDays = Math.floor(Math.max(0, now - firstOrderAt) / DAY_MS);
  const recencyDays = Math.floor(Math.max(0, now - lastOrderAt) / DAY_MS);
  const trend = previous > 0 ? recent / previous : null;
  const at = (stage: LifecycleStage, reason: LifecycleReason): Lifecycle => ({ stage, reason, tenureDays, recencyDays, trend });

  if (recencyDays >= settings.lapsedDays) return at('decline', 'lapsed');
  if (tenureDays < settings.explorationDays) return at('exploration', 'new');
  if (previous > 0 && recent < previous * (1 - settings.declineDrop)) return at('decline', 'falling');
  if (tenureDays < settings.formationDays) return at('formation', 'young');
  if (recent > previous * (1 + settings.growthRise)) return at('formation', 'rising');
  return at('stability', 'steady');
}

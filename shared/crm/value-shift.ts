import type { Tier } from '../domain/customer';
import type { LifecycleStage } from './lifecycle-stage';

/**
 * The moves in a customer's value that call for a person to get in touch
 * (issue 7's follow-up rules): becoming VIP (a welcome call) and a valuable
 * customer sliding into decline (退化期: a retention call).
 */
export type ValueShift = { kind: 'became-vip' | 'entered-decline'; customerId: string };

/** Retention effort goes where the value is: the top two tiers of the pyramid. */
const WORTH_RETAINING: ReadonlySet<Tier> = new Set(['vip', 'key']);

export type ValueState = { tier: Tier; stage: LifecycleStage | null };

/**
 * The shifts between two states of one customer. A stage never computed
 * before (`null`) is not a shift: the first run over a whole customer base
 * would otherwise ring every customer already in decline.
 */
export function valueShifts(customerId: string, before: ValueState, after: { tier: Tier; stage: LifecycleStage }): ValueShift[] {
  const shifts: ValueShift[] = [];
  if (before.tier !== 'vip' && after.tier === 'vip') shifts.push({ kind: 'became-vip', customerId });
  if (before.stage !== null && before.stage !== 'decline' && after.stage === 'decline' && WORTH_RETAINING.has(after.tier)) {
    shifts.push({ kind: 'entered-decline', customerId });
  }
  return shifts;
}

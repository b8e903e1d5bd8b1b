import fc from 'fast-check';
import type { ComplaintStep } from '../../../../renderer/sync/mutations';
import type { ChaosOdds } from './chaos-socket';

/**
 * What happens in one chaos run, as data fast-check generates and shrinks:
 * which desktops, how bad each one's network is, and a list of steps — an
 * agent's change, a desktop going off or on line or reloading, the hub
 * restarting, time passing. Entities are picked by position in what the acting desktop has in
 * its own cache when the step runs, as an agent picks what they see.
 */

export const OUTCOMES = ['reached', 'no-answer', 'rescheduled', 'cancelled'] as const;

export type AgentChange =
  | { kind: 'note'; customer: number; text: string }
  | { kind: 'edit'; customer: number; patch: { name?: string; company?: string | null; tags?: string[] } }
  | { kind: 'add-identity'; customer: number; identity: 'phone' | 'email'; value: number }
  | { kind: 'remove-identity'; identity: number }
  | { kind: 'merge'; survivor: number; duplicate: number }
  | { kind: 'log-complaint'; customer: number; category: string; severity: 'low' | 'high' }
  | { kind: 'act-complaint'; complaint: number; step: ComplaintStep }
  | { kind: 'schedule-follow-up'; customer: number; dueInDays: number }
  | { kind: 'record-follow-up'; followUp: number; outcome: (typeof OUTCOMES)[number] };

export type ChaosStep =
  | { kind: 'change'; desktop: number; change: AgentChange }
  | { kind: 'offline'; desktop: number }
  | { kind: 'online'; desktop: number }
  | { kind: 'reload'; desktop: number }
  | { kind: 'restart-hub' }
  | { kind: 'wait'; ms: number };

export type ChaosScript = { desktops: { odds: ChaosOdds; seed: number }[]; steps: ChaosStep[] };

const pick = fc.nat({ max: 1_000 });
const words = fc.constantFrom('回访', 'refund', '已处理', 'called back', '投诉', 'VIP', 'late parcel', '客户满意');
const text = fc.array(words, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));

const complaintStep: fc.Arbitrary<ComplaintStep> = fc.oneof(
  fc.constant({ type: 'acknowledge' } as const),
  fc.constant({ type: 'investigate' } as const),
  fc.constant({ type: 'await-customer' } as const),
  fc.constant({ type: 'customer-replied' } as const),
  // A blank note or no root cause is refused by the hub (resolution-note-required, root-cause-required).
  fc.record({
    type: fc.constant('resolve' as const),
    note: fc.constantFrom('refunded', '已退款', ''),
    rootCause: fc.constantFrom('carrier', 'warehouse-error', null),
    compensation: fc.constant({ loyaltyPoints: 0, couponCode: null, refundNote: null }),
  }),
  fc.constant({ type: 'close' } as const),
  fc.record({ type: fc.constant('reopen' as const), reason: fc.constantFrom('customer called again', '') }),
);

const change: fc.Arbitrary<AgentChange> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('note' as const), customer: pick, text }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      customer: pick,
      patch: fc.record(
        {
          name: fc.constantFrom('王小明', 'Li Lei', 'Chaos Customer', '陈 Chen'),
          // '' clears the company on the hub; duplicate tags are folded there.
          company: fc.constantFrom('Acme 有限公司', '', null),
          tags: fc.array(fc.constantFrom('vip-watch', 'late', '回访'), { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
    }).filter((edit) => Object.keys(edit.patch).length > 0),
  },
  // A small pool of values: two desktops adding the same number is a conflict the hub refuses.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add-identity' as const), customer: pick, identity: fc.constantFrom('phone' as const, 'email' as const), value: fc.nat({ max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-identity' as const), identity: pick }) },
  // Two desktops merging overlapping pairs: the later one finds a customer gone (not-found).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), survivor: pick, duplicate: pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('log-complaint' as const),
      customer: pick,
      // `no-such-category` is refused (invalid-payload, unknown-category).
      category: fc.constantFrom('billing', 'delivery', 'service', 'no-such-category'),
      severity: fc.constantFrom('low' as const, 'high' as const),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('act-complaint' as const), complaint: pick, step: complaintStep }) },
  // A due time before 2000 is refused; the others are days ahead, so no scheduler fires during the run.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('schedule-follow-up' as const), customer: pick, dueInDays: fc.constantFrom(1, 3, 30, -20_000) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('record-follow-up' as const), followUp: pick, outcome: fc.constantFrom(...OUTCOMES) }) },
);

const odds: fc.Arbitrary<ChaosOdds> = fc.record({
  dropLive: fc.constantFrom(0, 0.1, 0.3),
  duplicateLive: fc.constantFrom(0, 0.2, 0.5),
  reorderLive: fc.constantFrom(0, 0.2, 0.4),
  delayLive: fc.constantFrom(0, 0.3),
  loseRequest: fc.constantFrom(0, 0.1, 0.2),
  loseAck: fc.constantFrom(0.1, 0.2, 0.4),
  delayAck: fc.constantFrom(0, 0.3),
  maxDelayMs: fc.constantFrom(20, 150, 400),
});

export function chaosScript(options: { maxDesktops: number; maxSteps: number }): fc.Arbitrary<ChaosScript> {
  return fc.integer({ min: 2, max: options.maxDesktops }).chain((count) =>
    fc.record({
      desktops: fc.array(fc.record({ odds, seed: fc.integer() }), { minLength: count, maxLength: count }),
      steps: fc.array(
        fc.oneof(
          { weight: 12, arbitrary: fc.record({ kind: fc.constant('change' as const), desktop: fc.nat({ max: count - 1 }), change }) },
          { weight: 2, arbitrary: fc.record({ kind: fc.constant('offline' as const), desktop: fc.nat({ max: count - 1 }) }) },
          { weight: 2, arbitrary: fc.record({ kind: fc.constant('online' as const), desktop: fc.nat({ max: count - 1 }) }) },
          { weight: 1, arbitrary: fc.record({ kind: fc.constant('reload' as const), desktop: fc.nat({ max: count - 1 }) }) },
          { weight: 1, arbitrary: fc.constant({ kind: 'restart-hub' as const }) },
          { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(0, 30, 120, 400) }) },
        ),
        { minLength: 10, maxLength: options.maxSteps, size: 'large' },
      ),
    }),
  );
}

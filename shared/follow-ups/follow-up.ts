import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from '../domain/ids';

/**
 * A scheduled contact with a customer (回访): a callback, a return visit, a
 * renewal reminder, a satisfaction check… The record and its life live with
 * the follow-ups feature; the kinds and outcomes are here because each outcome
 * is also a line on the customer's timeline.
 */
export const FollowUpKindSchema = z.enum(['callback', 'return-visit', 'renewal', 'survey', 'complaint-check', 'welcome', 'retention']);
export type FollowUpKind = z.infer<typeof FollowUpKindSchema>;
export const FOLLOW_UP_KINDS = FollowUpKindSchema.options;

/** What a timeline line about a follow-up says happened: planned, then worked (reached, no answer, moved) or called off. */
export const FollowUpOutcomeSchema = z.enum(['scheduled', 'reached', 'no-answer', 'rescheduled', 'cancelled']);
export type FollowUpOutcome = z.infer<typeof FollowUpOutcomeSchema>;

/** Who made a follow-up: an agent by hand, or one of the hub's rules. */
/** Who made it: an agent, a rule, or the voice queue's virtual hold (a caller released at max wait is called back). */
export const FollowUpOriginSchema = z.enum(['agent', 'after-complaint', 'new-vip', 'decline', 'virtual-hold']);
export type FollowUpOrigin = z.infer<typeof FollowUpOriginSchema>;

/** scheduled → due (its time came; a task may be routed) → done (worked) or cancelled. Rescheduling puts it back to scheduled. */
export const FollowUpStatusSchema = z.enum(['scheduled', 'due', 'done', 'cancelled']);
export type FollowUpStatus = z.infer<typeof FollowUpStatusSchema>;

export const FollowUpPrioritySchema = z.enum(['low', 'normal', 'high']);
export type FollowUpPriority = z.infer<typeof FollowUpPrioritySchema>;
export const FOLLOW_UP_PRIORITIES = FollowUpPrioritySchema.options;

/** What the agent may record once a follow-up is worked (or called off). */
export const FollowUpRecordOutcomeSchema = FollowUpOutcomeSchema.exclude(['scheduled']);
export type FollowUpRecordOutcome = z.infer<typeof FollowUpRecordOutcomeSchema>;

/** One entry of a follow-up's own history (its timeline lines say the same to the customer's timeline). */
export const FollowUpHistoryEntrySchema = z.object({
  lineId: UlidSchema,
  outcome: FollowUpOutcomeSchema,
  at: EpochMsSchema,
  by: UlidSchema.nullable(),
  dueAt: EpochMsSchema,
  note: z.string().max(4000),
});
export type FollowUpHistoryEntry = z.infer<typeof FollowUpHistoryEntrySchema>;

export const FollowUpSchema = z.object({
  id: UlidSchema,
  customerId: UlidSchema,
  kind: FollowUpKindSchema,
  dueAt: EpochMsSchema,
  /** Who should make the contact; null = whoever in `queueId` gets the task. */
  assigneeId: UlidSchema.nullable(),
  queueId: UlidSchema.nullable(),
  priority: FollowUpPrioritySchema,
  notes: z.string().max(4000),
  status: FollowUpStatusSchema,
  /** The routed task opened when it fell due; null while scheduled, or when there was no channel to reach the customer by. */
  taskId: UlidSchema.nullable(),
  origin: FollowUpOriginSchema,
  /** The user who scheduled it; null for a rule's. */
  createdBy: UlidSchema.nullable(),
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
  history: z.array(FollowUpHistoryEntrySchema).max(500),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** A done or cancelled follow-up takes no more outcomes. */
export const isClosedFollowUp = (status: FollowUpStatus): boolean => status === 'done' || status === 'cancelled';

/** Earliest and latest due time the hub accepts (a typo like year 0202 or 2202 is refused, not scheduled). */
export const FOLLOW_UP_EARLIEST_DUE = Date.UTC(2000, 0, 1);
export const FOLLOW_UP_MAX_AHEAD_MS = 5 * 366 * 86_400_000;

/** Why a due time is not sane, or null when it is. */
export function dueTimeProblem(dueAt: number, now: number): string | null {
  if (dueAt < FOLLOW_UP_EARLIEST_DUE) return 'The due time is before the year 2000.';
  if (dueAt > now + FOLLOW_UP_MAX_AHEAD_MS) return 'The due time is more than five years ahead.';
  return null;
}

import type { InteractionOf } from '../domain/interaction';
import type { FollowUpRecordArgs, FollowUpScheduleArgs } from '../protocol/follow-ups';
import { type FollowUp, type FollowUpHistoryEntry, type FollowUpOrigin, isClosedFollowUp } from './follow-up';

/**
 * A follow-up's life as pure steps, shared by the hub (which decides) and the
 * desktop (which shows the same result at once, offline too).
 */

/** A new follow-up from `followUp.schedule` (or a rule), with its `scheduled` history entry. */
export function newFollowUp(args: FollowUpScheduleArgs, origin: FollowUpOrigin, by: string | null, at: number): FollowUp {
  return {
    id: args.followUpId,
    customerId: args.customerId,
    kind: args.kind,
    dueAt: args.dueAt,
    assigneeId: args.assigneeId,
    queueId: args.queueId,
    priority: args.priority,
    notes: args.notes,
    status: 'scheduled',
    taskId: null,
    origin,
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    history: [{ lineId: args.lineId, outcome: 'scheduled', at, by, dueAt: args.dueAt, note: args.notes }],
  };
}

export type OutcomeResult = { ok: true; followUp: FollowUp; entry: FollowUpHistoryEntry } | { ok: false; message: string };

/**
 * An outcome recorded on a follow-up: reached closes it, cancelled calls it
 * off, rescheduled puts it back to scheduled at the new time (its routed task,
 * if any, is the agent's to finish), no answer leaves it open for another try.
 * A closed follow-up takes no more.
 */
export function recordOutcome(followUp: FollowUp, args: Omit<FollowUpRecordArgs, 'followUpId'>, by: string | null, now: number): OutcomeResult {
  if (isClosedFollowUp(followUp.status)) {
    return { ok: false, message: `This follow-up is already ${followUp.status === 'done' ? 'done' : 'cancelled'}; it takes no more outcomes.` };
  }
  const dueAt = args.outcome === 'rescheduled' && args.dueAt !== null ? args.dueAt : followUp.dueAt;
  const entry: FollowUpHistoryEntry = { lineId: args.lineId, outcome: args.outcome, at: args.at, by, dueAt, note: args.note };
  const status = args.outcome === 'reached' ? 'done' : args.outcome === 'cancelled' ? 'cancelled' : args.outcome === 'rescheduled' ? 'scheduled' : followUp.status;
  return {
    ok: true,
    entry,
    followUp: {
      ...followUp,
      status,
      dueAt,
      taskId: args.outcome === 'rescheduled' ? null : followUp.taskId,
      updatedAt: Math.max(followUp.updatedAt, now),
      history: [...followUp.history, entry].slice(-500),
    },
  };
}

/** The customer's timeline line for one history entry. */
export function followUpLine(followUp: FollowUp, entry: FollowUpHistoryEntry): InteractionOf<'follow-up'> {
  return {
    id: entry.lineId,
    customerId: followUp.customerId,
    occurredAt: entry.at,
    agentId: entry.by,
    channel: 'follow-up',
    followUpId: followUp.id,
    kind: followUp.kind,
    outcome: entry.outcome,
    dueAt: entry.dueAt,
    note: entry.note,
  };
}

/** Open and past its due time. */
export const isOverdue = (followUp: Pick<FollowUp, 'status' | 'dueAt'>, now: number): boolean =>
  (followUp.status === 'scheduled' || followUp.status === 'due') && followUp.dueAt < now;

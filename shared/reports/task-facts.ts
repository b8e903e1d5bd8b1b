import type { TaskChannel } from '../domain/routing';
import { emptyTally, type Tally } from './figures';
import type { ReportEvent } from './report-event';

/** One queue × agent slice of a task's life; agentId null for waits nobody answered. */
export type FactPart = { queueId: string; agentId: string | null; tally: Tally };

/**
 * Everything one task contributes to reports. The whole task is counted in
 * the period it arrived in (reports are "by arrival", as ACD interval reports
 * are), so a finished period never changes once its tasks are finished.
 */
export type TaskFacts = {
  arrivedAt: number;
  channel: TaskChannel;
  customerId: string | null;
  /** The disposition the task was done with (null: not done, or done without one). */
  disposition: string | null;
  /** When it was done, and the part that holds the done (FCR is counted there). */
  done: { at: number; part: FactPart } | null;
  parts: FactPart[];
};

type Waiting = { queueId: string; since: number };
type Handling = { queueId: string; agentId: string; since: number };

/**
 * Folds one task's events (in stored order) into its facts. A wait starts on
 * created, on an overflow or a transfer into a queue, and when a colleague
 * turns down a transfer (the task is back in its queue); a transfer to a
 * colleague is an offer, not a wait. `thresholdMs` is each queue's service
 * level threshold. Returns null for a task whose creation is not in the list.
 */
export function foldTask(events: readonly ReportEvent[], thresholdMs: (queueId: string) => number): TaskFacts | null {
  const first = events[0];
  if (first?.kind !== 'created') return null;
  const parts = new Map<string, FactPart>();
  const part = (queueId: string, agentId: string | null): FactPart => {
    const key = `${queueId}\u0000${agentId ?? ''}`;
    let found = parts.get(key);
    if (!found) {
      found = { queueId, agentId, tally: emptyTally() };
      parts.set(key, found);
    }
    return found;
  };
  const facts: TaskFacts = { arrivedAt: first.at, channel: first.channel, customerId: first.customerId, disposition: null, done: null, parts: [] };
  // transferOffer: a transfer to a colleague rings them; not a queue wait, but the task is not handled either.
  const now: { waiting: Waiting | null; handling: Handling | null; transferOffer: { queueId: string } | null } = {
    waiting: null,
    handling: null,
    transferOffer: null,
  };

  const enter = (queueId: string, at: number) => {
    now.waiting = { queueId, since: at };
  };
  const leaveUnanswered = (field: 'abandoned' | 'overflowed') => {
    if (!now.waiting) return;
    const tally = part(now.waiting.queueId, null).tally;
    tally.entered++;
    tally[field]++;
    now.waiting = null;
  };
  const endHandle = (at: number): FactPart | null => {
    if (!now.handling) return null;
    const ended = part(now.handling.queueId, now.handling.agentId);
    ended.tally.handled++;
    ended.tally.handleMs += at - now.handling.since;
    now.handling = null;
    return ended;
  };

  for (const event of events) {
    switch (event.kind) {
      case 'created':
        enter(event.queueId, event.at);
        break;
      case 'accepted':
      case 'assigned': {
        const wait = now.waiting;
        if (wait) {
          const tally = part(wait.queueId, event.agentId).tally;
          const waitMs = event.at - wait.since;
          tally.entered++;
          tally.answered++;
          tally.waitMs += waitMs;
          if (waitMs <= thresholdMs(wait.queueId)) tally.answeredInTime++;
          now.waiting = null;
        }
        now.transferOffer = null;
        now.handling = { queueId: event.queueId, agentId: event.agentId, since: event.at };
        break;
      }
      case 'declined':
      case 'offer-timed-out':
        if (now.transferOffer) {
          enter(now.transferOffer.queueId, event.at);
          now.transferOffer = null;
        }
        break;
      case 'transferred':
        endHandle(event.at);
        if (event.toQueueId !== null) enter(event.toQueueId, event.at);
        else now.transferOffer = { queueId: event.queueId };
        break;
      case 'overflowed':
        leaveUnanswered('overflowed');
        enter(event.toQueueId, event.at);
        break;
      case 'abandoned':
      case 'timed-out':
        leaveUnanswered('abandoned');
        now.transferOffer = null;
        break;
      case 'done': {
        const ended = endHandle(event.at) ?? part(event.queueId, event.agentId);
        ended.tally.done++;
        facts.disposition = event.disposition;
        facts.done = { at: event.at, part: ended };
        break;
      }
      default:
        break;
    }
  }
  // Still waiting when folded: it entered, its outcome is not known yet.
  if (now.waiting) part(now.waiting.queueId, null).tally.entered++;
  facts.parts = [...parts.values()];
  return facts;
}

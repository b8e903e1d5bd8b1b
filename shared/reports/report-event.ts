import type { TaskChannel, TaskEvent } from '../domain/routing';

/**
 * The part of a TaskEvent a report reads. The hub builds these from the
 * task_events columns and parses the JSON only for the few kinds that carry
 * more (created, done, overflowed, transferred), which is what keeps a
 * million-event fold fast.
 */
export type ReportEvent =
  | { kind: 'created'; at: number; queueId: string; channel: TaskChannel; customerId: string | null }
  | { kind: 'accepted' | 'assigned' | 'declined' | 'offer-timed-out' | 'wrap-up' | 'offered'; at: number; queueId: string; agentId: string }
  | { kind: 'done'; at: number; queueId: string; agentId: string; disposition: string | null }
  | { kind: 'transferred'; at: number; queueId: string; agentId: string; toQueueId: string | null }
  | { kind: 'overflowed'; at: number; queueId: string; toQueueId: string }
  | { kind: 'abandoned' | 'timed-out'; at: number; queueId: string };

/** Kinds that move a figure (task-facts.ts); offers and the start of wrap-up change none, so a report does not read them. */
export const KINDS_FOLDED = ['created', 'accepted', 'assigned', 'declined', 'offer-timed-out', 'transferred', 'overflowed', 'abandoned', 'timed-out', 'done'] as const;

/** Kinds whose stored JSON a report must read; the rest are whole in their columns. */
export const KINDS_WITH_DETAIL: ReadonlySet<string> = new Set(['created', 'done', 'overflowed', 'transferred']);

export function reportEventOf(event: TaskEvent): ReportEvent {
  const { at, queueId } = event;
  switch (event.kind) {
    case 'created':
      return { kind: 'created', at, queueId, channel: event.channel, customerId: event.customerId };
    case 'done':
      return { kind: 'done', at, queueId, agentId: event.agentId, disposition: event.disposition };
    case 'transferred':
      return { kind: 'transferred', at, queueId, agentId: event.agentId, toQueueId: event.to.kind === 'queue' ? event.to.queueId : null };
    case 'overflowed':
      return { kind: 'overflowed', at, queueId, toQueueId: event.toQueueId };
    case 'abandoned':
    case 'timed-out':
      return { kind: event.kind, at, queueId };
    default:
      return { kind: event.kind, at, queueId, agentId: event.agentId };
  }
}

import type { Queue, TaskEvent } from '../domain/routing';

/**
 * Service level per queue from task events: of the waits in a queue that have
 * ended, the share answered (accepted or assigned) within the queue's
 * threshold, inclusive. A wait starts when the task enters the queue
 * (created, transferred or overflowed in) and ends when it is answered or
 * leaves unanswered (abandoned, timed out, overflowed out). Declined and
 * missed offers do not end a wait. Tasks still waiting are not counted yet.
 *
 * Events must come in the order they were stored.
 */

export type ServiceLevel = {
  /** Waits that ended: answered + unanswered. */
  handled: number;
  answered: number;
  answeredInTime: number;
  /** answeredInTime / handled as a percentage; null before anything ended. */
  percent: number | null;
  /** The queue's target, met when percent ≥ target (null percent: not met, not missed). */
  met: boolean | null;
};

type Wait = { queueId: string; since: number };

export function serviceLevels(events: readonly TaskEvent[], queues: readonly Queue[]): Map<string, ServiceLevel> {
  const tally = new Map(queues.map((q) => [q.id, { handled: 0, answered: 0, answeredInTime: 0 }]));
  const thresholdMs = new Map(queues.map((q) => [q.id, q.serviceLevel.seconds * 1000]));
  const waiting = new Map<string, Wait>();
  const end = (taskId: string, at: number, answered: boolean) => {
    const wait = waiting.get(taskId);
    if (!wait) return;
    waiting.delete(taskId);
    const counts = tally.get(wait.queueId);
    if (!counts) return;
    counts.handled++;
    if (!answered) return;
    counts.answered++;
    if (at - wait.since <= (thresholdMs.get(wait.queueId) ?? 0)) counts.answeredInTime++;
  };
  for (const event of events) {
    switch (event.kind) {
      case 'created':
        waiting.set(event.taskId, { queueId: event.queueId, since: event.at });
        break;
      case 'accepted':
      case 'assigned':
        end(event.taskId, event.at, true);
        break;
      case 'abandoned':
      case 'timed-out':
        end(event.taskId, event.at, false);
        break;
      case 'overflowed':
        end(event.taskId, event.at, false);
        waiting.set(event.taskId, { queueId: event.toQueueId, since: event.at });
        break;
      case 'transferred':
        // A transfer to a colleague is not a new wait in a queue; one to a queue is.
        if (event.to.kind === 'queue') waiting.set(event.taskId, { queueId: event.to.queueId, since: event.at });
        break;
      default:
        break;
    }
  }
  const result = new Map<string, ServiceLevel>();
  for (const queue of queues) {
    const counts = tally.get(queue.id) ?? { handled: 0, answered: 0, answeredInTime: 0 };
    const percent = counts.handled === 0 ? null : (counts.answeredInTime * 100) / counts.handled;
    result.set(queue.id, { ...counts, percent, met: percent === null ? null : percent >= queue.serviceLevel.percent });
  }
  return result;
}

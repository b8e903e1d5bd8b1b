import type { TaskView } from '../../shared/protocol/routing';
import type { QueueStanding } from '../../shared/protocol/visitor';
import type { PriorityPolicy, Queue } from '../../shared/domain/routing';
import { isOpen, routingOrder } from '../../shared/routing';

/**
 * "You are number N in the queue" for every waiting task of one queue: its
 * place in the order routing will consider them (priority, then age), among
 * the queue's tasks still waiting (ringing ones count: they are not answered yet).
 */
export function queueStandings(queue: Queue, openTasks: readonly TaskView[], now: number, policy: PriorityPolicy): Map<string, QueueStanding> {
  const waiting = openTasks.filter((task) => task.queueId === queue.id && (task.status === 'queued' || task.status === 'offered'));
  const open = isOpen(queue.businessHours, now);
  return new Map(routingOrder(waiting, now, policy).map((task, index) => [task.id, { position: index + 1, open }]));
}

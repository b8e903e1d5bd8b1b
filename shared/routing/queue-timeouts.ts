import type { Queue, Task, TaskEventOf } from '../domain/routing';

export type TimeoutEvent = TaskEventOf<'overflowed'> | TaskEventOf<'timed-out'>;

/**
 * Queued tasks that have waited their queue's max wait (counted from entry
 * into that queue), as the events the hub should apply and store: overflow to
 * the queue's overflow queue when it exists and takes the task's channel, else
 * time out. A timed-out task is never just dropped: the caller turns a
 * timed-out chat (or call) into an email/callback follow-up task and sends the
 * customer the queue's message.
 *
 * Offered tasks are left alone until their offer ends (the agent may still
 * answer), so the max wait can be overrun by at most one offer timeout.
 * A task whose queue no longer exists can never be routed, so it times out.
 */
export function queueTimeouts(now: number, tasks: readonly Task[], queues: readonly Queue[]): TimeoutEvent[] {
  const byId = new Map(queues.map((queue) => [queue.id, queue]));
  const events: TimeoutEvent[] = [];
  const queued = tasks
    .filter((task) => task.status === 'queued')
    .sort((a, b) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const task of queued) {
    const queue = byId.get(task.queueId);
    const base = { at: now, taskId: task.id, queueId: task.queueId };
    if (!queue) {
      events.push({ ...base, kind: 'timed-out' });
      continue;
    }
    if (now - task.queuedAt < queue.maxWaitSec * 1000) continue;
    const overflow = queue.overflowQueueId === null ? undefined : byId.get(queue.overflowQueueId);
    if (overflow && overflow.id !== queue.id && overflow.channels.includes(task.channel)) {
      events.push({ ...base, kind: 'overflowed', toQueueId: overflow.id });
    } else {
      events.push({ ...base, kind: 'timed-out' });
    }
  }
  return events;
}

/**
 * The first loop in the overflow chain (A → B → A), or null. Each overflow
 * restarts the wait, so a loop would bounce a task forever: the admin screen
 * refuses a queue set with one.
 */
export function overflowCycle(queues: readonly Queue[]): string[] | null {
  const next = new Map(queues.map((queue) => [queue.id, queue.overflowQueueId]));
  const cleared = new Set<string>();
  for (const start of [...next.keys()].sort()) {
    const path: string[] = [];
    let at: string | null | undefined = start;
    while (at && next.has(at) && !cleared.has(at)) {
      const seenAt = path.indexOf(at);
      if (seenAt >= 0) return path.slice(seenAt);
      path.push(at);
      at = next.get(at);
    }
    for (const id of path) cleared.add(id);
  }
  return null;
}

import { describe, expect, it } from 'vitest';
import { queueStandings } from '../../../../hub/chat/queue-standing';
import type { Task } from '../../../../shared/domain/routing';
import { agentId, makeQueue, makeTask, NOW, POLICY, queueId, taskId } from '../../shared/routing/fixtures';

const queue = makeQueue(1);
const view = (n: number, over: Partial<Task> = {}) => ({ ...makeTask(n, over), subject: `task ${n}` });

describe('queue standing', () => {
  it('numbers waiting tasks in routing order: a VIP ahead of older ordinary work; assigned work and other queues do not count', () => {
    const tasks = [
      view(1, { createdAt: NOW - 3_000 }),
      view(2, { createdAt: NOW - 2_000 }),
      view(3, { createdAt: NOW - 1_000, customerTier: 'vip' }),
      view(4, { createdAt: NOW - 3_000, status: 'assigned', assignedTo: agentId(1) }),
      view(5, { createdAt: NOW - 3_000, queueId: queueId(2) }),
    ];
    const standings = queueStandings(queue, tasks, NOW, POLICY.priority);
    expect([...standings.entries()]).toEqual([
      [taskId(3), { position: 1, open: true }],
      [taskId(1), { position: 2, open: true }],
      [taskId(2), { position: 3, open: true }],
    ]);
  });

  it('says when the queue is closed', () => {
    const closed = makeQueue(1, { businessHours: { timeZone: 'UTC', weekly: {}, holidays: [] } });
    expect(queueStandings(closed, [view(1)], NOW, POLICY.priority).get(taskId(1))).toEqual({ position: 1, open: false });
  });
});

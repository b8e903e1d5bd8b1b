import { describe, expect, it } from 'vitest';
import { overflowCycle, queueTimeouts } from '../../../../shared/routing/queue-timeouts';
import { agentId, makeQueue, makeTask, NOW, queueId, taskId } from './fixtures';

const Q1 = makeQueue(1, { maxWaitSec: 60, overflowQueueId: queueId(2) });
const Q2 = makeQueue(2, { maxWaitSec: 120, channels: ['chat'] });
const Q3 = makeQueue(3, { maxWaitSec: 60, overflowQueueId: queueId(2) });

describe('queueTimeouts', () => {
  it('overflows a task that waited max wait in its queue, counted from entry into that queue', () => {
    const tasks = [
      makeTask(1, { createdAt: NOW - 500_000, queuedAt: NOW - 59_999 }),
      makeTask(2, { queuedAt: NOW - 60_000, createdAt: NOW - 60_000 }),
    ];
    expect(queueTimeouts(NOW, tasks, [Q1, Q2])).toEqual([
      { at: NOW, taskId: taskId(2), queueId: queueId(1), kind: 'overflowed', toQueueId: queueId(2) },
    ]);
  });

  it('times a task out when there is no overflow queue, it is gone, or it does not take the channel', () => {
    const inQ2 = makeTask(1, { queueId: queueId(2), createdAt: NOW - 120_000 });
    const emailInQ3 = makeTask(2, { queueId: queueId(3), channel: 'email', createdAt: NOW - 60_000 });
    const orphanOverflow = makeTask(3, { createdAt: NOW - 60_000 });
    expect(queueTimeouts(NOW, [inQ2, emailInQ3], [Q2, Q3]).map((e) => [e.taskId, e.kind])).toEqual([
      [taskId(1), 'timed-out'],
      [taskId(2), 'timed-out'],
    ]);
    expect(queueTimeouts(NOW, [orphanOverflow], [Q1])).toMatchObject([{ kind: 'timed-out' }]);
  });

  it('times out at once a task whose queue no longer exists, since it can never be routed', () => {
    expect(queueTimeouts(NOW, [makeTask(1, { queueId: queueId(9) })], [Q1])).toMatchObject([{ kind: 'timed-out', queueId: queueId(9) }]);
  });

  it('leaves offered, assigned and finished tasks alone', () => {
    const old = { createdAt: NOW - 999_000 };
    const tasks = [
      makeTask(1, { ...old, status: 'offered', offeredTo: agentId(1), offerExpiresAt: NOW + 1 }),
      makeTask(2, { ...old, status: 'assigned', assignedTo: agentId(1) }),
      makeTask(3, { ...old, status: 'abandoned' }),
    ];
    expect(queueTimeouts(NOW, tasks, [Q1, Q2])).toEqual([]);
  });

  it('lists the longest waiting first, whatever the input order', () => {
    const tasks = [makeTask(2, { createdAt: NOW - 70_000 }), makeTask(3, { createdAt: NOW - 90_000 }), makeTask(1, { createdAt: NOW - 70_000 })];
    expect(queueTimeouts(NOW, tasks, [Q1, Q2]).map((e) => e.taskId)).toEqual([3, 1, 2].map(taskId));
  });
});

describe('overflowCycle', () => {
  it('finds a loop, and is null for chains and dead ends', () => {
    expect(overflowCycle([Q1, Q2, Q3])).toBeNull();
    expect(overflowCycle([Q1, makeQueue(2, { overflowQueueId: queueId(9) })])).toBeNull();
    const loop = [makeQueue(1, { overflowQueueId: queueId(2) }), makeQueue(2, { overflowQueueId: queueId(3) }), makeQueue(3, { overflowQueueId: queueId(2) })];
    expect(overflowCycle(loop)).toEqual([queueId(2), queueId(3)]);
  });
});

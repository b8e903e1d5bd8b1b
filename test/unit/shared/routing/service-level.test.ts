import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../../shared/domain/routing';
import { serviceLevels } from '../../../../shared/routing/service-level';
import { agentId, makeQueue, NOW, queueId, taskId } from './fixtures';

const Q1 = makeQueue(1, { serviceLevel: { percent: 80, seconds: 20 } });
const Q2 = makeQueue(2, { serviceLevel: { percent: 50, seconds: 60 } });
const A = agentId(1);

const created = (n: number, at: number, queue = 1): TaskEvent => ({
  at,
  taskId: taskId(n),
  queueId: queueId(queue),
  kind: 'created',
  channel: 'chat',
  priority: 0,
  customerId: null,
  customerTier: null,
  requiredSkills: {},
  preferredAgentId: null,
});
const ev = (n: number, at: number, rest: Record<string, unknown>, queue = 1) =>
  ({ at, taskId: taskId(n), queueId: queueId(queue), ...rest }) as TaskEvent;

describe('serviceLevels', () => {
  it('counts answers within the threshold, inclusive, against every wait that ended', () => {
    const events = [
      created(1, NOW),
      ev(1, NOW + 20_000, { kind: 'accepted', agentId: A }), // exactly 20 s: in time
      created(2, NOW),
      ev(2, NOW + 5_000, { kind: 'offered', agentId: A, expiresAt: NOW + 35_000, reason: 'longest-idle' }),
      ev(2, NOW + 35_000, { kind: 'offer-timed-out', agentId: A }), // a miss does not end the wait
      ev(2, NOW + 40_000, { kind: 'assigned', agentId: A, reason: 'auto-accept' }), // answered late
      created(3, NOW),
      ev(3, NOW + 3_000, { kind: 'abandoned', reason: null }),
      created(4, NOW), // still waiting: not counted yet
    ];
    expect(serviceLevels(events, [Q1]).get(queueId(1))).toEqual({ handled: 3, answered: 2, answeredInTime: 1, percent: 100 / 3, met: false });
  });

  it('starts a new wait in the queue a task overflows or is transferred into', () => {
    const events = [
      created(1, NOW),
      ev(1, NOW + 300_000, { kind: 'overflowed', toQueueId: queueId(2) }),
      ev(1, NOW + 330_000, { kind: 'accepted', agentId: A }, 2),
      ev(1, NOW + 400_000, { kind: 'transferred', agentId: A, to: { kind: 'queue', queueId: queueId(1) } }, 2),
      ev(1, NOW + 410_000, { kind: 'accepted', agentId: agentId(2) }),
      created(2, NOW, 2),
      ev(2, NOW + 1_000, { kind: 'accepted', agentId: A }, 2),
      ev(2, NOW + 9_000, { kind: 'transferred', agentId: A, to: { kind: 'agent', agentId: agentId(2), expiresAt: NOW + 30_000 } }, 2),
      ev(2, NOW + 99_000, { kind: 'accepted', agentId: agentId(2) }, 2), // a colleague's pick-up is no queue answer
    ];
    const levels = serviceLevels(events, [Q1, Q2]);
    expect(levels.get(queueId(1))).toEqual({ handled: 2, answered: 1, answeredInTime: 1, percent: 50, met: false });
    expect(levels.get(queueId(2))).toEqual({ handled: 2, answered: 2, answeredInTime: 2, percent: 100, met: true });
  });

  it('reports no figure before anything ended, and counts a timed-out wait as unanswered', () => {
    expect(serviceLevels([], [Q1]).get(queueId(1))).toEqual({ handled: 0, answered: 0, answeredInTime: 0, percent: null, met: null });
    const timedOut = [created(1, NOW), ev(1, NOW + 300_000, { kind: 'timed-out' })];
    expect(serviceLevels(timedOut, [Q1]).get(queueId(1))).toMatchObject({ handled: 1, answered: 0, percent: 0, met: false });
  });
});

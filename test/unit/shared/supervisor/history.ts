import type { TaskChannel, TaskEvent } from '../../../../shared/domain/routing';
import { agentId, makeQueue, queueId, taskId } from '../routing/fixtures';

/**
 * A hand-written day in a Shanghai call centre (UTC+8, no clock changes),
 * with the figures it must give worked out by hand in the tests.
 */
export const ZONE = 'Asia/Shanghai';
/** Local wall time on Monday 10 March 2025 in Shanghai, as an instant. */
export const at = (h: number, m: number, s = 0): number => Date.UTC(2025, 2, 10, h - 8, m, s);
export const DAY_START = at(0, 0);

export const Q1 = makeQueue(1, { name: 'General', serviceLevel: { percent: 80, seconds: 20 } });
export const Q2 = makeQueue(2, { name: 'Billing', serviceLevel: { percent: 50, seconds: 60 } });
export const QUEUES = new Map([Q1, Q2].map((queue) => [queue.id, queue]));
export const A1 = agentId(1);
export const A2 = agentId(2);

const created = (n: number, when: number, channel: TaskChannel, queue = 1): TaskEvent => ({
  at: when,
  taskId: taskId(n),
  queueId: queueId(queue),
  kind: 'created',
  channel,
  priority: 50,
  customerId: null,
  customerTier: null,
  requiredSkills: {},
  preferredAgentId: null,
});
const ev = (n: number, when: number, queue: number, rest: Record<string, unknown>) =>
  ({ at: when, taskId: taskId(n), queueId: queueId(queue), ...rest }) as TaskEvent;

/** Task 9 began yesterday; tasks 1–8 today. Tasks 6 and 7 still wait at the end, task 2 is still held. */
export const HISTORY: TaskEvent[] = [
  created(9, at(0, 0) - 10 * 60_000, 'chat'), // 23:50 yesterday
  ev(9, at(0, 0, 30), 1, { kind: 'accepted', agentId: A1 }), // waited 630 s, answered today
  ev(9, at(0, 10, 0), 1, { kind: 'wrap-up', agentId: A1 }),
  ev(9, at(0, 10, 30), 1, { kind: 'done', agentId: A1, disposition: 'resolved' }), // handled 600 s
  created(1, at(9, 0), 'call'),
  ev(1, at(9, 0, 1), 1, { kind: 'offered', agentId: A1, expiresAt: at(9, 0, 21), reason: 'longest-idle' }),
  ev(1, at(9, 0, 15), 1, { kind: 'accepted', agentId: A1 }), // 15 s: in time
  created(2, at(9, 1), 'chat'),
  ev(2, at(9, 1, 5), 1, { kind: 'offered', agentId: A2, expiresAt: at(9, 1, 35), reason: 'longest-idle' }),
  ev(2, at(9, 1, 35), 1, { kind: 'offer-timed-out', agentId: A2 }), // a miss: the wait goes on
  ev(2, at(9, 1, 36), 1, { kind: 'offered', agentId: A1, expiresAt: at(9, 2, 6), reason: 'longest-idle' }),
  ev(2, at(9, 1, 40), 1, { kind: 'accepted', agentId: A1 }), // 40 s: late; still held at the end
  created(3, at(9, 2), 'call'),
  ev(3, at(9, 2, 30), 1, { kind: 'abandoned', reason: 'hung up' }),
  ev(1, at(9, 5, 15), 1, { kind: 'wrap-up', agentId: A1 }),
  ev(1, at(9, 6, 15), 1, { kind: 'done', agentId: A1, disposition: 'resolved' }), // handled 360 s
  created(4, at(9, 10), 'email'),
  ev(4, at(9, 14), 1, { kind: 'overflowed', toQueueId: queueId(2) }), // ends unanswered in Q1, offered to Q2
  ev(4, at(9, 15), 2, { kind: 'assigned', agentId: A2, reason: 'supervisor' }), // 60 s in Q2: in time (inclusive)
  created(5, at(9, 16), 'chat'),
  ev(4, at(9, 19), 2, { kind: 'wrap-up', agentId: A2 }),
  ev(4, at(9, 20), 2, { kind: 'done', agentId: A2, disposition: 'resolved' }), // handled 300 s
  ev(5, at(9, 20), 1, { kind: 'timed-out' }),
  created(6, at(9, 20), 'chat'), // still waiting
  created(7, at(9, 25), 'call', 2),
  ev(7, at(9, 25, 5), 2, { kind: 'offered', agentId: A2, expiresAt: at(9, 25, 25), reason: 'longest-idle' }), // still ringing
  created(8, at(9, 30), 'chat'),
  ev(8, at(9, 30, 10), 1, { kind: 'accepted', agentId: A1 }), // 10 s: in time
  ev(8, at(9, 31), 1, { kind: 'transferred', agentId: A1, to: { kind: 'queue', queueId: queueId(2) } }),
  ev(8, at(9, 31, 30), 2, { kind: 'accepted', agentId: A2 }), // 30 s in Q2: in time
  ev(8, at(9, 32, 30), 2, { kind: 'wrap-up', agentId: A2 }),
  ev(8, at(9, 33, 30), 2, { kind: 'done', agentId: A2, disposition: 'resolved' }), // handled 120 s (from A2's answer)
];

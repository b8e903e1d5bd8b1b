import type { ReportEvent } from '../../../../shared/reports/report-event';

/**
 * A small hand-made day of task events for two queues, with the figures
 * worked out by hand in the tests. Q1's service-level threshold is 20 s,
 * Q2's 30 s. Times are seconds after T0.
 */
export const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
export const Q1 = 'Q1';
export const Q2 = 'Q2';
export const A1 = 'agent-1';
export const A2 = 'agent-2';
export const thresholdMs = (queueId: string): number => (queueId === Q1 ? 20_000 : 30_000);

const s = (seconds: number) => T0 + seconds * 1000;

export const HISTORY: Record<string, ReportEvent[]> = {
  // Answered in 10 s, talked and wrapped up for 90 s, resolved.
  a: [
    { kind: 'created', at: s(0), queueId: Q1, channel: 'chat', customerId: 'c1' },
    { kind: 'offered', at: s(1), queueId: Q1, agentId: A1 },
    { kind: 'accepted', at: s(10), queueId: Q1, agentId: A1 },
    { kind: 'wrap-up', at: s(70), queueId: Q1, agentId: A1 },
    { kind: 'done', at: s(100), queueId: Q1, agentId: A1, disposition: 'Resolved' },
  ],
  // The caller hung up after 30 s.
  b: [
    { kind: 'created', at: s(0), queueId: Q1, channel: 'call', customerId: 'c2' },
    { kind: 'abandoned', at: s(30), queueId: Q1 },
  ],
  // Overflowed to Q2 after 40 s, answered there 30 s later (in Q2's threshold), sent back to Q1,
  // answered there after 30 s (past Q1's 20 s), done with no disposition. No customer.
  c: [
    { kind: 'created', at: s(0), queueId: Q1, channel: 'call', customerId: null },
    { kind: 'overflowed', at: s(40), queueId: Q1, toQueueId: Q2 },
    { kind: 'assigned', at: s(70), queueId: Q2, agentId: A2 },
    { kind: 'transferred', at: s(100), queueId: Q2, agentId: A2, toQueueId: Q1 },
    { kind: 'accepted', at: s(130), queueId: Q1, agentId: A1 },
    { kind: 'done', at: s(190), queueId: Q1, agentId: A1, disposition: null },
  ],
  // Answered in 5 s, handed to agent 2 who declined: back in Q1 for 10 s, answered again by agent 1.
  d: [
    { kind: 'created', at: s(0), queueId: Q1, channel: 'chat', customerId: 'c1' },
    { kind: 'accepted', at: s(5), queueId: Q1, agentId: A1 },
    { kind: 'transferred', at: s(65), queueId: Q1, agentId: A1, toQueueId: null },
    { kind: 'offered', at: s(65), queueId: Q1, agentId: A2 },
    { kind: 'declined', at: s(75), queueId: Q1, agentId: A2 },
    { kind: 'accepted', at: s(85), queueId: Q1, agentId: A1 },
    { kind: 'done', at: s(145), queueId: Q1, agentId: A1, disposition: 'Sale' },
  ],
  // Still waiting in Q2.
  e: [{ kind: 'created', at: s(0), queueId: Q2, channel: 'email', customerId: 'c3' }],
  // Waited past Q1's max wait with nowhere to go.
  f: [
    { kind: 'created', at: s(0), queueId: Q1, channel: 'call', customerId: 'c4' },
    { kind: 'timed-out', at: s(300), queueId: Q1 },
  ],
};

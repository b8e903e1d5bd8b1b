import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../../../shared/domain/routing';
import { serviceLevels } from '../../../../shared/routing/service-level';
import { dayStartOf, intervalStartOf, nextDayStartOf } from '../../../../shared/supervisor/day';
import { applyAgentState, applyTaskEvent, createFold, type LiveFold, rollDay, seedAgentState } from '../../../../shared/supervisor/live-fold';
import { intervalFigures, NO_MEMBERS, queueFigures } from '../../../../shared/supervisor/queue-figures';
import { agentRows } from '../../../../shared/supervisor/agent-rows';
import { agentId, queueId, taskId } from '../routing/fixtures';
import { A1, A2, at, DAY_START, HISTORY, Q1, Q2, QUEUES, ZONE } from './history';

function foldOf(events = HISTORY): LiveFold {
  const fold = createFold(ZONE, DAY_START);
  for (const event of events) applyTaskEvent(fold, event, QUEUES);
  return fold;
}

const figuresOf = (fold: LiveFold) => {
  const [q1, q2] = queueFigures(fold, [Q1, Q2], new Map());
  if (!q1 || !q2) throw new Error('two queues expected');
  return { q1, q2 };
};

describe('the hub-zone day', () => {
  it('starts at local midnight and splits into local quarter hours', () => {
    expect(dayStartOf(ZONE, at(9, 40))).toBe(Date.UTC(2025, 2, 9, 16, 0));
    expect(nextDayStartOf(ZONE, at(9, 40))).toBe(Date.UTC(2025, 2, 10, 16, 0));
    expect(intervalStartOf(ZONE, at(9, 14, 59))).toBe(at(9, 0));
    expect(intervalStartOf(ZONE, at(9, 15))).toBe(at(9, 15));
    // Kathmandu is UTC+5:45: its quarter hours are not UTC's.
    expect(intervalStartOf('Asia/Kathmandu', Date.UTC(2025, 2, 10, 3, 20))).toBe(Date.UTC(2025, 2, 10, 3, 15));
    expect(intervalStartOf('Asia/Kathmandu', Date.UTC(2025, 2, 10, 3, 14))).toBe(Date.UTC(2025, 2, 10, 3, 0));
  });
  it('is 23 hours long when the clocks spring forward', () => {
    const berlinSpring = Date.UTC(2025, 2, 30, 12, 0); // Sunday 30 March 2025
    expect(nextDayStartOf('Europe/Berlin', berlinSpring) - dayStartOf('Europe/Berlin', berlinSpring)).toBe(23 * 3_600_000);
  });
});

describe('queue figures from the hand-written day', () => {
  const { q1, q2 } = figuresOf(foldOf());

  it('offered: created, overflowed or transferred in today (not task 9, created yesterday)', () => {
    expect(q1.offered).toBe(7); // tasks 1 2 3 4 5 6 8
    expect(q2.offered).toBe(3); // task 4 overflowed in, 7 created, 8 transferred in
  });
  it('answered: accepted or assigned ending a wait, the one from yesterday included', () => {
    expect(q1.answered).toBe(4); // 9 1 2 8
    expect(q2.answered).toBe(2); // 4 (assigned by a supervisor) and 8
  });
  it('answered in time: within the queue threshold, inclusive', () => {
    expect(q1.answeredInTime).toBe(2); // 1 (15 s) and 8 (10 s); 2 (40 s) and 9 (630 s) late
    expect(q2.answeredInTime).toBe(2); // 4 at exactly 60 s, 8 at 30 s
  });
  it('abandoned: abandoned and timed out; an overflow out is neither', () => {
    expect(q1.abandoned).toBe(2); // 3 and 5
    expect(q2.abandoned).toBe(0);
  });
  it('waiting now and since when; a ringing task still waits', () => {
    expect(q1.waiting).toBe(1);
    expect(q1.oldestWaitingSince).toBe(at(9, 20)); // task 6
    expect(q2.waiting).toBe(1);
    expect(q2.oldestWaitingSince).toBe(at(9, 25)); // task 7, offered to A2
  });
  it('service level: in time over every wait that ended (answered, abandoned, overflowed out)', () => {
    expect(q1.serviceLevelPercent).toBeCloseTo((2 / 7) * 100, 10); // 4 answered + 2 abandoned + 1 overflowed
    expect(q2.serviceLevelPercent).toBe(100);
    expect([q1.serviceLevelTarget, q1.serviceLevelSeconds]).toEqual([80, 20]);
  });
  it('ASA: average wait of the answers', () => {
    expect(q1.asaSec).toBe((630 + 15 + 40 + 10) / 4);
    expect(q2.asaSec).toBe((60 + 30) / 2);
  });
  it('AHT: answer to done (talk, hold, wrap-up), for tasks done today', () => {
    expect(q1.ahtSec).toBe((600 + 360) / 2); // 9 and 1; 2 is still held, 8 finished in Q2
    expect(q2.ahtSec).toBe((300 + 120) / 2); // 4, and 8 from A2's answer
  });
  it('per channel', () => {
    expect(q1.byChannel).toEqual({
      call: { offered: 2, answered: 1, answeredInTime: 1, abandoned: 1, waiting: 0 },
      chat: { offered: 4, answered: 3, answeredInTime: 1, abandoned: 1, waiting: 1 },
      email: { offered: 1, answered: 0, answeredInTime: 0, abandoned: 0, waiting: 0 },
    });
    expect(q2.byChannel).toEqual({
      email: { offered: 1, answered: 1, answeredInTime: 1, abandoned: 0, waiting: 0 },
      call: { offered: 1, answered: 0, answeredInTime: 0, abandoned: 0, waiting: 1 },
      chat: { offered: 1, answered: 1, answeredInTime: 1, abandoned: 0, waiting: 0 },
    });
  });
  it('15-minute intervals: each count in the quarter hour of its event', () => {
    const row = (queue: number, start: number, offered: number, answered: number, answeredInTime: number, abandoned: number, flowedOut = 0) => ({
      queueId: queueId(queue),
      start,
      offered,
      answered,
      answeredInTime,
      abandoned,
      flowedOut,
    });
    expect(intervalFigures(foldOf())).toEqual([
      row(1, at(0, 0), 0, 1, 0, 0), // task 9 answered just after midnight
      row(1, at(9, 0), 4, 2, 1, 1, 1), // task 4 overflowed out unanswered at 9:14
      row(1, at(9, 15), 2, 0, 0, 1),
      row(1, at(9, 30), 1, 1, 1, 0),
      row(2, at(9, 0), 1, 0, 0, 0),
      row(2, at(9, 15), 1, 1, 1, 0),
      row(2, at(9, 30), 1, 1, 1, 0),
    ]);
  });
  it('before anything ended, the averages and the service level are null, not zero', () => {
    const { q1: fresh } = figuresOf(foldOf(HISTORY.filter((event) => event.taskId === taskId(6))));
    expect([fresh.offered, fresh.waiting, fresh.serviceLevelPercent, fresh.asaSec, fresh.ahtSec]).toEqual([1, 1, null, null, null]);
    expect(fresh.agents).toEqual(NO_MEMBERS);
  });
  it('agrees with the batch service level of shared/routing on the same events', () => {
    const today = HISTORY.filter((event) => event.taskId !== taskId(9));
    const { q1: a, q2: b } = figuresOf(foldOf(today));
    const batch = serviceLevels(today, [Q1, Q2]);
    expect(a.serviceLevelPercent).toBeCloseTo(batch.get(Q1.id)?.percent ?? Number.NaN, 10);
    expect(b.serviceLevelPercent).toBeCloseTo(batch.get(Q2.id)?.percent ?? Number.NaN, 10);
    expect([a.answered, a.answeredInTime]).toEqual([batch.get(Q1.id)?.answered, batch.get(Q1.id)?.answeredInTime]);
  });
  it('a new day starts the counts again and keeps what still waits', () => {
    const fold = foldOf();
    const tomorrow = nextDayStartOf(ZONE, at(9, 40));
    rollDay(fold, tomorrow);
    const { q1: next } = figuresOf(fold);
    expect([next.offered, next.answered, next.abandoned, next.waiting, next.oldestWaitingSince, next.serviceLevelPercent]).toEqual([0, 0, 0, 1, at(9, 20), null]);
    expect(intervalFigures(fold)).toEqual([]);
    // Task 2, held since yesterday, is handled tomorrow: it counts then, answered yesterday.
    applyTaskEvent(fold, { at: tomorrow + 60_000, taskId: taskId(2), queueId: Q1.id, kind: 'wrap-up', agentId: A1 }, QUEUES);
    applyTaskEvent(fold, { at: tomorrow + 120_000, taskId: taskId(2), queueId: Q1.id, kind: 'done', agentId: A1, disposition: null }, QUEUES);
    expect(figuresOf(fold).q1.ahtSec).toBe((tomorrow + 120_000 - at(9, 1, 40)) / 1000);
  });
});

describe('agents from the hand-written day', () => {
  const A3 = agentId(3);
  const profile = (userId: string) => ({ userId, skills: {}, queueIds: [Q1.id], capacity: { chat: 3 }, autoAccept: {}, maxMissedBeforeAway: 0 });
  const rowsAt = (fold: LiveFold, now: number, states: Map<string, AgentState>) =>
    agentRows({
      now,
      fold,
      profiles: [A1, A2, A3].map(profile),
      states,
      tasksByAgent: new Map(),
      people: new Map([[A3, { username: 'agent3', displayName: 'Chen Jing' }]]),
      isConnected: (id) => id === A3,
      phoneRegistered: () => false,
    });

  it('handled today and AHT per agent', () => {
    const rows = rowsAt(foldOf(), at(9, 40), new Map());
    const byId = new Map(rows.map((row) => [row.agentId, row]));
    expect([byId.get(A1)?.handledToday, byId.get(A1)?.ahtSec]).toEqual([2, 480]); // 9 (600 s) and 1 (360 s)
    expect([byId.get(A2)?.handledToday, byId.get(A2)?.ahtSec]).toEqual([2, 210]); // 4 (300 s) and 8 (120 s)
    expect(byId.get(A1)?.occupancyPercent).toBeNull(); // never seen signed in
  });

  it('occupancy: holding a task or in wrap-up, over signed-in time (away counts as signed in)', () => {
    const fold = createFold(ZONE, DAY_START);
    seedAgentState(fold, A3, { status: 'available', since: at(8, 0) });
    const task = { taskId: taskId(20), queueId: Q1.id };
    applyTaskEvent(fold, { ...task, at: at(8, 0), kind: 'created', channel: 'call', priority: 50, customerId: null, customerTier: null, requiredSkills: {}, preferredAgentId: null }, QUEUES);
    applyTaskEvent(fold, { ...task, at: at(8, 30), kind: 'accepted', agentId: A3 }, QUEUES);
    applyTaskEvent(fold, { ...task, at: at(8, 50), kind: 'wrap-up', agentId: A3 }, QUEUES);
    applyTaskEvent(fold, { ...task, at: at(9, 0), kind: 'done', agentId: A3, disposition: null }, QUEUES);
    applyAgentState(fold, A3, { status: 'wrap-up', since: at(9, 0), until: at(9, 15) });
    applyAgentState(fold, A3, { status: 'available', since: at(9, 15) });
    const away: AgentState = { status: 'away', since: at(9, 30), reasonCode: 'break' };
    applyAgentState(fold, A3, away);
    // 8:00–10:00 signed in; 8:30–9:00 holding the task and 9:00–9:15 in wrap-up: 45 of 120 minutes.
    const row = rowsAt(fold, at(10, 0), new Map([[A3, away]])).find((r) => r.agentId === A3);
    expect(row?.occupancyPercent).toBe(37.5);
    expect([row?.displayName, row?.connected, row?.state]).toEqual(['Chen Jing', true, away]);
    // Signed out at 10:00: the hour after adds nothing either way.
    applyAgentState(fold, A3, { status: 'offline', since: at(10, 0) });
    expect(rowsAt(fold, at(11, 0), new Map()).find((r) => r.agentId === A3)?.occupancyPercent).toBe(37.5);
  });

  it('an agent signed in since yesterday counts from midnight', () => {
    const fold = createFold(ZONE, DAY_START);
    seedAgentState(fold, A3, { status: 'away', since: DAY_START - 3_600_000, reasonCode: 'break' });
    const task = { taskId: taskId(21), queueId: Q1.id };
    applyTaskEvent(fold, { ...task, at: DAY_START - 60_000, kind: 'created', channel: 'chat', priority: 50, customerId: null, customerTier: null, requiredSkills: {}, preferredAgentId: null }, QUEUES);
    applyTaskEvent(fold, { ...task, at: DAY_START - 30_000, kind: 'assigned', agentId: A3, reason: 'supervisor' }, QUEUES);
    // Held since before midnight, for the first hour of the day out of four.
    applyTaskEvent(fold, { ...task, at: at(1, 0), kind: 'wrap-up', agentId: A3 }, QUEUES);
    applyTaskEvent(fold, { ...task, at: at(1, 0), kind: 'done', agentId: A3, disposition: null }, QUEUES);
    expect(rowsAt(fold, at(4, 0), new Map()).find((r) => r.agentId === A3)?.occupancyPercent).toBe(25);
  });
});

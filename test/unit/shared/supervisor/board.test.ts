import { describe, expect, it } from 'vitest';
import type { AgentProfile, AgentState } from '../../../../shared/domain/routing';
import type { TaskView } from '../../../../shared/protocol/routing';
import { DEFAULT_ALERT_THRESHOLDS } from '../../../../shared/protocol/supervisor';
import { type BoardSources, buildBoard } from '../../../../shared/supervisor/board';
import { applyTaskEvent, createFold, seedAgentState } from '../../../../shared/supervisor/live-fold';
import { DEFAULT_SUPERVISOR_SETTINGS } from '../../../../shared/supervisor/settings';
import { agentId, taskId } from '../routing/fixtures';
import { A1, A2, at, DAY_START, HISTORY, Q1, Q2, QUEUES, ZONE } from './history';

const A3 = agentId(3);
const profile = (userId: string, queueIds: string[]): AgentProfile => ({ userId, skills: { billing: 2 }, queueIds, capacity: { chat: 3, call: 1 }, autoAccept: {}, maxMissedBeforeAway: 0 });
const task = (n: number, over: Partial<TaskView>): TaskView => ({
  id: taskId(n),
  channel: 'chat',
  queueId: Q1.id,
  priority: 50,
  customerId: null,
  customerTier: null,
  requiredSkills: {},
  createdAt: at(9, 0),
  queuedAt: at(9, 0),
  status: 'queued',
  offeredTo: null,
  offerExpiresAt: null,
  assignedTo: null,
  preferredAgentId: null,
  declinedBy: [],
  disposition: null,
  subject: `Task ${n}`,
  ...over,
});

/** The hand-written day at 09:40, with routing's open tasks as they stand then. */
function sources(now: number, over: Partial<BoardSources> = {}): BoardSources {
  const fold = createFold(ZONE, DAY_START);
  const states = new Map<string, AgentState>([
    [A1, { status: 'available', since: at(8, 0) }],
    [A2, { status: 'away', since: at(9, 34), reasonCode: 'lunch' }],
    [A3, { status: 'offline', since: 0 }],
  ]);
  for (const [id, state] of states) seedAgentState(fold, id, state);
  for (const event of HISTORY) applyTaskEvent(fold, event, QUEUES);
  return {
    now,
    fold,
    queues: [Q1, Q2],
    profiles: [profile(A1, [Q1.id]), profile(A2, [Q1.id, Q2.id]), profile(A3, [Q2.id])],
    states,
    openTasks: [
      task(2, { status: 'assigned', assignedTo: A1, queuedAt: at(9, 1) }),
      task(6, { queuedAt: at(9, 20), customerId: 'C6', customerTier: 'vip' }),
      task(7, { channel: 'call', queueId: Q2.id, queuedAt: at(9, 25), status: 'offered', offeredTo: A2, offerExpiresAt: at(9, 25, 25) }),
    ],
    people: new Map([
      [A1, { username: 'agent1', displayName: 'Wang Fang' }],
      [A2, { username: 'agent2', displayName: 'Li Qiang' }],
    ]),
    customerNames: new Map([['C6', '张伟']]),
    isConnected: (id) => id !== A3,
    phoneRegistered: (id) => id === A1,
    settings: DEFAULT_SUPERVISOR_SETTINGS,
    previousAlerts: [],
    ...over,
  };
}

describe('the supervisor board', () => {
  it('lists the waiting tasks longest first, with customer, tier and the agent being rung', () => {
    const board = buildBoard(sources(at(9, 40)));
    expect(board.at).toBe(at(9, 40));
    expect(board.dayStart).toBe(DAY_START);
    expect(board.waiting.map((w) => [w.taskId, w.status, w.customerName, w.tier, w.waitingSince, w.offeredTo])).toEqual([
      [taskId(6), 'queued', '张伟', 'vip', at(9, 20), null],
      [taskId(7), 'offered', null, null, at(9, 25), A2],
    ]);
  });

  it('counts each queue’s members by what they do now; busy = available holding a task', () => {
    const [q1, q2] = buildBoard(sources(at(9, 40))).queues;
    expect(q1?.agents).toEqual({ loggedIn: 2, available: 0, busy: 1, away: 1, wrapUp: 0 }); // A1 busy on task 2, A2 away
    expect(q2?.agents).toEqual({ loggedIn: 1, available: 0, busy: 0, away: 1, wrapUp: 0 }); // A3 offline
  });

  it('draws agent rows with current tasks, presence and phone', () => {
    const rows = buildBoard(sources(at(9, 40))).agents;
    const a1 = rows.find((row) => row.agentId === A1);
    expect(a1).toMatchObject({ busy: true, connected: true, phoneRegistered: true, handledToday: 2, queueIds: [Q1.id], skills: { billing: 2 } });
    expect(a1?.tasks).toEqual([{ taskId: taskId(2), channel: 'chat', status: 'assigned', subject: 'Task 2', since: at(9, 1, 40) }]);
    const a2 = rows.find((row) => row.agentId === A2);
    expect(a2?.tasks.map((t) => [t.taskId, t.status])).toEqual([[taskId(7), 'offered']]);
    expect(a2?.busy).toBe(false);
    // Unknown to the people map: shown by id until the hub has read the name.
    expect(rows.find((row) => row.agentId === A3)?.displayName).toBe(A3);
  });

  it('raises service-level, long-wait and agent-state alerts by the default thresholds', () => {
    const board = buildBoard(sources(at(9, 40)));
    expect(board.alerts).toEqual([
      // Q1 is at 2/7 against its own 80 % target.
      { id: `service-level:${Q1.id}`, kind: 'service-level', queueId: Q1.id, agentId: null, value: 200 / 7, threshold: 80, since: at(9, 40) },
      // Task 6 has waited 20 minutes; the default is 120 s.
      { id: `long-wait:${Q1.id}`, kind: 'long-wait', queueId: Q1.id, agentId: null, value: 1200, threshold: 120, since: at(9, 22) },
      // Task 7 rings A2 (still waiting) for 15 minutes.
      { id: `long-wait:${Q2.id}`, kind: 'long-wait', queueId: Q2.id, agentId: null, value: 900, threshold: 120, since: at(9, 27) },
      // A1 has held task 2 since 09:01:40, past the 900 s default at 09:16:40: busy on one task too long.
      {
        id: `agent-state:${A1}`,
        kind: 'agent-state',
        queueId: null,
        agentId: A1,
        value: 2300,
        threshold: DEFAULT_ALERT_THRESHOLDS.agentStateAboveSec,
        since: at(9, 16, 40),
      },
    ]);
    // A2, away since 09:34, is not yet past 900 s at 09:40; at 09:50 they are.
    expect(buildBoard(sources(at(9, 50))).alerts.find((a) => a.agentId === A2)).toMatchObject({ value: 960, since: at(9, 49) });
  });

  it('keeps an alert’s id and since while its condition lasts, and drops it when it ends', () => {
    const first = buildBoard(sources(at(9, 40)));
    const second = buildBoard(sources(at(9, 41), { previousAlerts: first.alerts }));
    const sl = second.alerts.find((a) => a.kind === 'service-level');
    expect(sl?.since).toBe(at(9, 40));
    // A per-queue threshold below the current level ends it; a higher wait threshold ends the long wait.
    const settings = { ...DEFAULT_SUPERVISOR_SETTINGS, thresholds: { [Q1.id]: { serviceLevelBelow: 25, waitAboveSec: 1500, agentStateAboveSec: 3600 } } };
    const third = buildBoard(sources(at(9, 42), { previousAlerts: second.alerts, settings }));
    expect(third.alerts.map((a) => a.id)).toEqual([`long-wait:${Q2.id}`]);
  });

  it('an agent in several queues answers to the strictest agent-state threshold', () => {
    const strict = { serviceLevelBelow: 0, waitAboveSec: 86_400, agentStateAboveSec: 300 };
    const settings = { ...DEFAULT_SUPERVISOR_SETTINGS, thresholds: { [Q2.id]: strict } };
    // A2 (Q1 and Q2) has been away since 09:34: past Q2's 300 s at 09:40, not past Q1's default.
    const alert = buildBoard(sources(at(9, 40), { settings })).alerts.find((a) => a.kind === 'agent-state');
    expect(alert).toMatchObject({ agentId: A2, value: 360, threshold: 300, since: at(9, 39) });
  });
});

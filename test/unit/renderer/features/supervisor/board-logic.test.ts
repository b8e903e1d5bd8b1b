import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_THRESHOLDS, type IntervalFigures, type SupervisorAlert, type WaitingTask } from '../../../../../shared/protocol/supervisor';
import {
  agentsInOrder,
  canBeAssigned,
  canEditAgents,
  floorStatus,
  freshAlerts,
  intervalSeries,
  percentText,
  MIN_CHART_QUARTERS,
  QUARTER_HOUR_MS,
  secondsSince,
  serviceLevelTone,
  thresholdsFor,
  waitingIn,
  waitTone,
} from '../../../../../renderer/features/supervisor/board-logic';

const DAY = Date.UTC(2026, 10, 24);
const Q1 = '01J0000000000000000000000Q';
const Q2 = '01J0000000000000000000000R';

const interval = (queueId: string, index: number, counts: Partial<IntervalFigures>): IntervalFigures => ({
  queueId,
  start: DAY + index * QUARTER_HOUR_MS,
  offered: 0,
  answered: 0,
  abandoned: 0,
  answeredInTime: 0,
  flowedOut: 0,
  ...counts,
});

const alert = (id: string): SupervisorAlert => ({ id, kind: 'long-wait', queueId: Q1, agentId: null, value: 200, threshold: 120, since: DAY });

describe('serviceLevelTone', () => {
  it('is on target at or above it, slipping within ten points, breached below that', () => {
    expect(serviceLevelTone(80, 80)).toBe('ok');
    expect(serviceLevelTone(95, 80)).toBe('ok');
    expect(serviceLevelTone(79.9, 80)).toBe('warn');
    expect(serviceLevelTone(70, 80)).toBe('warn');
    expect(serviceLevelTone(69.9, 80)).toBe('breach');
  });

  it('has no colour before any wait ended', () => {
    expect(serviceLevelTone(null, 80)).toBe('none');
  });
});

describe('waitTone and secondsSince', () => {
  it('is fine within the service-level seconds, amber to the alert threshold, red past it', () => {
    expect(waitTone(20, 20, 120)).toBe('ok');
    expect(waitTone(21, 20, 120)).toBe('warn');
    expect(waitTone(120, 20, 120)).toBe('warn');
    expect(waitTone(121, 20, 120)).toBe('breach');
  });

  it('turns red past a threshold set below the service-level seconds, as the hub’s alert does', () => {
    expect(waitTone(5, 20, 2)).toBe('breach');
    expect(waitTone(2, 20, 2)).toBe('ok');
  });

  it('counts whole seconds and never goes negative when the hub clock is ahead', () => {
    expect(secondsSince(1_000, 3_999)).toBe(2);
    expect(secondsSince(5_000, 1_000)).toBe(0);
  });
});

describe('floorStatus', () => {
  it('calls an available agent holding work busy', () => {
    expect(floorStatus({ state: { status: 'available', since: 1 }, busy: true })).toBe('busy');
    expect(floorStatus({ state: { status: 'available', since: 1 }, busy: false })).toBe('available');
    expect(floorStatus({ state: { status: 'wrap-up', since: 1, until: 2 }, busy: true })).toBe('wrap-up');
    expect(floorStatus({ state: { status: 'away', since: 1, reasonCode: 'lunch' }, busy: false })).toBe('away');
  });
});

describe('canBeAssigned', () => {
  const member = { queueIds: [Q1], connected: true, state: { status: 'away' as const, since: 1, reasonCode: 'lunch' } };
  it('offers the queue’s signed-in members, away ones too', () => {
    expect(canBeAssigned(member, Q1)).toBe(true);
    expect(canBeAssigned({ ...member, state: { status: 'available', since: 1 } }, Q1)).toBe(true);
  });
  it('leaves out other queues’ agents, closed desktops and the logged out', () => {
    expect(canBeAssigned(member, Q2)).toBe(false);
    expect(canBeAssigned({ ...member, connected: false }, Q1)).toBe(false);
    expect(canBeAssigned({ ...member, state: { status: 'offline', since: 1 } }, Q1)).toBe(false);
  });
});

describe('agentsInOrder', () => {
  it('puts open desktops first, then sorts by name without touching the board', () => {
    const board = [
      { displayName: 'Zoe', connected: true },
      { displayName: 'Emma', connected: false },
      { displayName: 'adam', connected: true },
      { displayName: 'Bea', connected: false },
    ];
    expect(agentsInOrder(board, 'en').map((agent) => agent.displayName)).toEqual(['adam', 'Zoe', 'Bea', 'Emma']);
    expect(board[0]?.displayName).toBe('Zoe');
  });
});

describe('canEditAgents', () => {
  it('lets admins always, supervisors only when the centre allows it, agents never', () => {
    expect(canEditAgents('admin', { supervisorsEditAgents: false })).toBe(true);
    expect(canEditAgents('supervisor', { supervisorsEditAgents: false })).toBe(false);
    expect(canEditAgents('supervisor', { supervisorsEditAgents: true })).toBe(true);
    expect(canEditAgents('agent', { supervisorsEditAgents: true })).toBe(false);
  });
});

describe('thresholdsFor', () => {
  it('falls back to the defaults for a queue without its own', () => {
    const own = { serviceLevelBelow: 70, waitAboveSec: 60, agentStateAboveSec: 300 };
    const settings = { thresholds: { [Q1]: own }, supervisorsEditAgents: false };
    expect(thresholdsFor(settings, Q1)).toEqual(own);
    expect(thresholdsFor(settings, Q2)).toEqual(DEFAULT_ALERT_THRESHOLDS);
  });
});

describe('intervalSeries', () => {
  it('counts a wait that flowed out unanswered against the service level, as the queue figure does', () => {
    const series = intervalSeries([interval(Q1, 0, { offered: 2, answered: 1, answeredInTime: 1, flowedOut: 1 })], Q1, DAY, DAY + 1);
    expect(series.serviceLevel).toEqual([50]);
  });

  it('has one slot per quarter hour from the start of the day up to now, empty ones as zero', () => {
    const series = intervalSeries([], null, DAY, DAY + 2 * QUARTER_HOUR_MS + 5);
    expect(series.starts).toEqual([DAY, DAY + QUARTER_HOUR_MS, DAY + 2 * QUARTER_HOUR_MS]);
    expect(series.offered).toEqual([0, 0, 0]);
    expect(series.serviceLevel).toEqual([null, null, null]);
  });

  it('sums every queue when none is chosen, and only the chosen one otherwise', () => {
    const intervals = [
      interval(Q1, 0, { offered: 3, answered: 2, abandoned: 1, answeredInTime: 2 }),
      interval(Q2, 0, { offered: 5, answered: 4, answeredInTime: 1 }),
      interval(Q1, 1, { offered: 1 }),
    ];
    const all = intervalSeries(intervals, null, DAY, DAY + QUARTER_HOUR_MS);
    expect(all.offered).toEqual([8, 1]);
    expect(all.answered).toEqual([6, 0]);
    expect(all.abandoned).toEqual([1, 0]);
    // 3 of 7 ended waits were answered in time.
    expect(all.serviceLevel).toEqual([42.9, null]);
    const one = intervalSeries(intervals, Q1, DAY, DAY + QUARTER_HOUR_MS);
    expect(one.offered).toEqual([3, 1]);
    expect(one.serviceLevel[0]).toBeCloseTo(66.7);
  });

  it('drops intervals outside today up to now instead of drawing them in the wrong slot', () => {
    const series = intervalSeries([interval(Q1, -1, { offered: 9 }), interval(Q1, 5, { offered: 9 })], null, DAY, DAY + 10);
    expect(series.offered).toEqual([0]);
  });

  it('leaves out the quiet hours before the day’s first contact, keeping the last two hours at least', () => {
    const evening = DAY + 80 * QUARTER_HOUR_MS + 60_000;
    const quiet = intervalSeries([], null, DAY, evening);
    expect(quiet.starts).toHaveLength(MIN_CHART_QUARTERS);
    expect(quiet.starts.at(-1)).toBe(DAY + 80 * QUARTER_HOUR_MS);

    const fromNine = intervalSeries([interval(Q1, 36, { offered: 2 }), interval(Q1, 79, { offered: 1 })], null, DAY, evening);
    expect(fromNine.starts[0]).toBe(DAY + 36 * QUARTER_HOUR_MS);
    expect(fromNine.offered).toHaveLength(45);
    expect(fromNine.offered[0]).toBe(2);
    expect(fromNine.offered.at(-2)).toBe(1);

    // A late first contact still shows the two hours before it.
    const late = intervalSeries([interval(Q1, 80, { offered: 4 })], null, DAY, evening);
    expect(late.starts[0]).toBe(DAY + (81 - MIN_CHART_QUARTERS) * QUARTER_HOUR_MS);
    expect(late.offered.at(-1)).toBe(4);
  });
});

describe('freshAlerts', () => {
  it('announces each alert once while it lasts, and again only after it cleared', () => {
    const first = freshAlerts(new Set(), [alert('a'), alert('b')]);
    expect(first.fresh.map((a) => a.id)).toEqual(['a', 'b']);
    const repeat = freshAlerts(first.announced, [alert('a'), alert('b')]);
    expect(repeat.fresh).toEqual([]);
    const cleared = freshAlerts(repeat.announced, [alert('b')]);
    expect(cleared.fresh).toEqual([]);
    const back = freshAlerts(cleared.announced, [alert('a'), alert('b')]);
    expect(back.fresh.map((a) => a.id)).toEqual(['a']);
  });
});

describe('waitingIn', () => {
  it('lists one queue longest wait first', () => {
    const task = (taskId: string, queueId: string, waitingSince: number): WaitingTask => ({
      taskId,
      queueId,
      channel: 'chat',
      status: 'queued',
      subject: '',
      customerId: null,
      customerName: null,
      tier: null,
      waitingSince,
      offeredTo: null,
    });
    const list = waitingIn([task('late', Q1, 300), task('other', Q2, 100), task('early', Q1, 200)], Q1);
    expect(list.map((t) => t.taskId)).toEqual(['early', 'late']);
  });
});

describe('percentText', () => {
  it('rounds, and shows a dash before there is a figure', () => {
    expect(percentText(79.6)).toBe('80%');
    expect(percentText(null)).toBe('—');
  });
});

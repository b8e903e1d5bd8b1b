import { describe, expect, it } from 'vitest';
import { ComplaintCalendarSchema } from '../../../../shared/complaints/calendar';
import { dueEscalations, type EscalationInput, EscalationSettingsSchema, nextEscalationAt } from '../../../../shared/complaints/escalation';
import { complaintClockInputs, ComplaintSlaSettingsSchema, type SlaClock, type SlaClockInput, type SlaKind, slaClock } from '../../../../shared/complaints/sla';
import { loggedComplaint } from './fixtures';

const HOUR = 3_600_000;
const MIN = 60_000;
const DEFAULTS = EscalationSettingsSchema.parse({});
const CHAIN = ['sup-li', 'mgr-wang', 'head-zhao'];
const nineToFive = [{ open: '09:00', close: '17:00' }];

/** A 10 h clock on plain elapsed time, looked at `elapsed` after it started. */
const clock = (elapsed: number, extra: { kind?: SlaKind; stoppedAt?: number | null; pausedFrom?: number } = {}): SlaClock =>
  slaClock({
    kind: extra.kind ?? 'resolution',
    startedAt: 0,
    stoppedAt: extra.stoppedAt ?? null,
    targetMs: 10 * HOUR,
    calendar: null,
    pauses: extra.pausedFrom === undefined ? [] : [{ reason: 'awaiting-customer', from: extra.pausedFrom, to: null }],
    amberAtPercent: 80,
    now: elapsed,
  });
const input = (clocks: SlaClock[], over: Partial<EscalationInput> = {}): EscalationInput => ({
  complaintId: 'C1',
  clocks,
  settings: DEFAULTS,
  chain: CHAIN,
  sent: new Set(),
  ...over,
});

describe('dueEscalations', () => {
  it('sends nothing before 80 % (7 h 59 min of 10 h)', () => {
    expect(dueEscalations(input([clock(8 * HOUR - MIN)]))).toEqual([]);
  });

  it('warns the owner’s supervisor at 80 % (8 h of 10 h), once', () => {
    const due = dueEscalations(input([clock(8 * HOUR)]));
    expect(due).toEqual([
      { key: 'C1:resolution:80:1', complaintId: 'C1', clock: 'resolution', atPercent: 80, reason: 'warning', level: 1, recipientId: 'sup-li', topOfChain: false },
    ]);
    expect(dueEscalations(input([clock(9 * HOUR)], { sent: new Set(['C1:resolution:80:1']) }))).toEqual([]);
  });

  it('at the breach goes to the next level; a missed warning is still sent first', () => {
    const due = dueEscalations(input([clock(10 * HOUR)]));
    expect(due.map((e) => [e.key, e.reason, e.recipientId])).toEqual([
      ['C1:resolution:80:1', 'warning', 'sup-li'],
      ['C1:resolution:100:2', 'breach', 'mgr-wang'],
    ]);
    expect(dueEscalations(input([clock(10 * HOUR)], { sent: new Set(['C1:resolution:80:1']) })).map((e) => e.key)).toEqual(['C1:resolution:100:2']);
  });

  it('takes the top of a short chain, and leaves the recipient to the hub without a chain', () => {
    const short = dueEscalations(input([clock(10 * HOUR)], { chain: ['sup-li'] }));
    expect(short.map((e) => [e.recipientId, e.topOfChain])).toEqual([
      ['sup-li', false],
      ['sup-li', true],
    ]);
    const none = dueEscalations(input([clock(10 * HOUR)], { chain: [] }));
    expect(none.map((e) => [e.recipientId, e.topOfChain])).toEqual([
      [null, false],
      [null, false],
    ]);
  });

  it('escalates no more once the clock stopped, but still from a paused clock', () => {
    expect(dueEscalations(input([clock(12 * HOUR, { stoppedAt: 11 * HOUR })]))).toEqual([]);
    // Paused at 8.5 h: 85 % reached before the pause, so the warning is due; the breach never comes while paused.
    expect(dueEscalations(input([clock(20 * HOUR, { pausedFrom: 8.5 * HOUR })])).map((e) => e.key)).toEqual(['C1:resolution:80:1']);
  });

  it('follows configured steps in order of their share, per clock', () => {
    const settings = EscalationSettingsSchema.parse({
      steps: [
        { atPercent: 150, level: 3 },
        { atPercent: 80, level: 1 },
        { atPercent: 100, level: 2 },
      ],
    });
    // First response at 16 h of 10 h = 160 %: all three; resolution at 9 h = 90 %: only the warning.
    const due = dueEscalations(input([clock(16 * HOUR, { kind: 'first-response' }), clock(9 * HOUR)], { settings }));
    expect(due.map((e) => `${e.key}→${e.recipientId}`)).toEqual([
      'C1:first-response:80:1→sup-li',
      'C1:first-response:100:2→mgr-wang',
      'C1:first-response:150:3→head-zhao',
      'C1:resolution:80:1→sup-li',
    ]);
  });

  it('defaults to 80 % → level 1 and breach → level 2, and refuses bad steps', () => {
    expect(DEFAULTS.steps).toEqual([
      { atPercent: 80, level: 1 },
      { atPercent: 100, level: 2 },
    ]);
    expect(EscalationSettingsSchema.safeParse({ steps: [{ atPercent: 80, level: 0 }] }).success).toBe(false);
    expect(EscalationSettingsSchema.safeParse({ steps: [{ atPercent: 0, level: 1 }] }).success).toBe(false);
    expect(EscalationSettingsSchema.safeParse({ steps: [{ atPercent: 80.5, level: 1 }] }).success).toBe(false);
  });
});

describe('nextEscalationAt', () => {
  const input10h = (now: number, extra: { stoppedAt?: number; pausedFrom?: number } = {}): SlaClockInput => ({
    kind: 'resolution',
    startedAt: 0,
    stoppedAt: extra.stoppedAt ?? null,
    targetMs: 10 * HOUR,
    calendar: null,
    pauses: extra.pausedFrom === undefined ? [] : [{ reason: 'awaiting-customer', from: extra.pausedFrom, to: null }],
    amberAtPercent: 80,
    now,
  });

  it('is the next unsent step: 80 % at 8 h, then the breach at 10 h', () => {
    expect(nextEscalationAt('C1', [input10h(5 * HOUR)], DEFAULTS, new Set())).toBe(8 * HOUR);
    expect(nextEscalationAt('C1', [input10h(8.5 * HOUR)], DEFAULTS, new Set(['C1:resolution:80:1']))).toBe(10 * HOUR);
  });

  it('is null when stopped, paused short of every step, or all sent', () => {
    expect(nextEscalationAt('C1', [input10h(5 * HOUR, { stoppedAt: 4 * HOUR })], DEFAULTS, new Set())).toBeNull();
    expect(nextEscalationAt('C1', [input10h(5 * HOUR, { pausedFrom: 3 * HOUR })], DEFAULTS, new Set())).toBeNull();
    expect(nextEscalationAt('C1', [input10h(11 * HOUR)], DEFAULTS, new Set(['C1:resolution:80:1', 'C1:resolution:100:2']))).toBeNull();
  });

  it('follows the business calendar of a complaint: amber Wed 12:12 EDT for one logged Mon 09:00 EDT', () => {
    const calendar = ComplaintCalendarSchema.parse({
      timeZone: 'America/New_York',
      weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
      holidays: [],
    });
    const settings = ComplaintSlaSettingsSchema.parse({ calendar });
    // now Mon 10:00 EDT. First response (24 h elapsed) reaches 80 % at 13:00Z + 19.2 h = Tue 08:12Z, earlier than
    // the resolution's 80 % (19.2 business hours = Wed 12:12 EDT); once the first response is acknowledged, Wed 16:12Z.
    const complaint = loggedComplaint();
    const inputs = complaintClockInputs(complaint, settings, Date.parse('2025-03-10T14:00:00Z'));
    expect(nextEscalationAt(complaint.id, [inputs.firstResponse, inputs.resolution], DEFAULTS, new Set())).toBe(Date.parse('2025-03-11T08:12:00Z'));
    expect(nextEscalationAt(complaint.id, [inputs.resolution], DEFAULTS, new Set())).toBe(Date.parse('2025-03-12T16:12:00Z'));
  });
});

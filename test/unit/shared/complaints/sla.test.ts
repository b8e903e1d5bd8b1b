import { describe, expect, it } from 'vitest';
import { ComplaintCalendarSchema } from '../../../../shared/complaints/calendar';
import type { Complaint } from '../../../../shared/complaints/complaint';
import { complaintClocks, ComplaintSlaSettingsSchema, DEFAULT_COMPLAINT_SLA_SETTINGS, slaClock, targetHours } from '../../../../shared/complaints/sla';
import { applyComplaintEvent, type ComplaintEvent, ComplaintEventSchema } from '../../../../shared/complaints/workflow';
import { loggedComplaint } from './fixtures';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const HOUR = 3_600_000;
const MIN = 60_000;
const nineToFive = [{ open: '09:00', close: '17:00' }];
const NEW_YORK = ComplaintCalendarSchema.parse({
  timeZone: 'America/New_York',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: [],
});
const SETTINGS = ComplaintSlaSettingsSchema.parse({ calendar: NEW_YORK });
// Logged Mon 10 Mar 2025 09:00 EDT = 13:00Z, severity high: first response 24 h elapsed, resolution 24 business hours.
const OPENED = utc('2025-03-10T13:00:00');

const apply = (complaint: Complaint, raw: Record<string, unknown>): Complaint => {
  const result = applyComplaintEvent(complaint, ComplaintEventSchema.parse({ by: 'agent-1', ...raw }) satisfies ComplaintEvent);
  if (!result.ok) throw new Error(result.error.code);
  return result.complaint;
};
const resolveAt = (c: Complaint, at: number) => apply(c, { type: 'resolve', at, note: 'Refunded', rootCause: 'billing.double-charge' });

describe('settings', () => {
  it('defaults to 24 elapsed hours to first response and business-hour resolution targets by severity, amber at 80 %', () => {
    expect(DEFAULT_COMPLAINT_SLA_SETTINGS).toEqual({
      firstResponse: { basis: 'elapsed', hours: { low: 24, medium: 24, high: 24, critical: 24 } },
      resolution: { basis: 'business', hours: { low: 80, medium: 40, high: 24, critical: 8 } },
      byCategory: {},
      amberAtPercent: 80,
      calendar: null,
    });
  });

  it('refuses zero or negative targets and an amber threshold of 100 %', () => {
    expect(ComplaintSlaSettingsSchema.safeParse({ amberAtPercent: 100 }).success).toBe(false);
    expect(ComplaintSlaSettingsSchema.safeParse({ resolution: { basis: 'business', hours: { low: 0, medium: 1, high: 1, critical: 1 } } }).success).toBe(false);
    expect(ComplaintSlaSettingsSchema.safeParse({ byCategory: { billing: { firstResponseHours: { high: -1 } } } }).success).toBe(false);
  });

  it('takes a sub-category target over its category, the category over the severity default', () => {
    const settings = ComplaintSlaSettingsSchema.parse({
      byCategory: { billing: { resolutionHours: { high: 16 } }, 'billing.double-charge': { resolutionHours: { high: 8 }, firstResponseHours: { high: 2 } } },
    });
    expect(targetHours(settings, 'resolution', 'billing', 'billing.double-charge', 'high')).toBe(8);
    expect(targetHours(settings, 'resolution', 'billing', 'billing.other', 'high')).toBe(16);
    expect(targetHours(settings, 'resolution', 'billing', null, 'low')).toBe(80); // no low entry: default
    expect(targetHours(settings, 'resolution', 'courier', null, 'high')).toBe(24);
    expect(targetHours(settings, 'first-response', 'billing', 'billing.other', 'high')).toBe(24);
    expect(targetHours(settings, 'first-response', 'billing', 'billing.double-charge', 'high')).toBe(2);
    // A code that is an Object.prototype key is just an unknown category.
    expect(targetHours(settings, 'resolution', 'constructor', null, 'high')).toBe(24);
  });
});

describe('complaint clocks', () => {
  it('runs the first-response clock on elapsed hours: amber from 19.2 h, due at 24 h', () => {
    // now = Tue 11 Mar 09:00Z, 20 h after opening: 20 / 24 = 83.3 % → amber.
    const { firstResponse } = complaintClocks(loggedComplaint(), SETTINGS, OPENED + 20 * HOUR);
    expect(firstResponse).toMatchObject({ colour: 'amber', elapsedMs: 20 * HOUR, remainingMs: 4 * HOUR, breached: false, paused: false, stoppedAt: null });
    expect(firstResponse.percent).toBeCloseTo(83.333, 3);
    expect(firstResponse.dueAt).toBe(utc('2025-03-11T13:00:00'));
    // 0.8 × 24 h = 19 h 12 min after 13:00Z Mon = 08:12Z Tue.
    expect(firstResponse.amberAt).toBe(utc('2025-03-11T08:12:00'));
  });

  it('stops the first-response clock at the acknowledgement', () => {
    const acked = apply(loggedComplaint(), { type: 'acknowledge', at: OPENED + 30 * MIN });
    const { firstResponse } = complaintClocks(acked, SETTINGS, OPENED + 30 * HOUR);
    expect(firstResponse).toMatchObject({ colour: 'green', elapsedMs: 30 * MIN, stoppedAt: OPENED + 30 * MIN, breached: false });
  });

  it('counts resolution in business hours: amber Wed 12:12 EDT, due Wed 17:00 EDT', () => {
    // 24 business hours = Mon, Tue, Wed 09–17. 80 % = 19.2 h = Mon 8 + Tue 8 + Wed 3.2 h → Wed 12:12 EDT = 16:12Z.
    const atAmber = complaintClocks(loggedComplaint(), SETTINGS, utc('2025-03-12T16:12:00')).resolution;
    expect(atAmber).toMatchObject({ colour: 'amber', elapsedMs: 19.2 * HOUR, amberAt: utc('2025-03-12T16:12:00'), dueAt: utc('2025-03-12T21:00:00') });
    const justBefore = complaintClocks(loggedComplaint(), SETTINGS, utc('2025-03-12T16:11:59')).resolution;
    expect(justBefore.colour).toBe('green');
  });

  it('is red and breached past the target, with negative time left', () => {
    // Thu 13 Mar 10:00 EDT (14:00Z): Mon–Wed 24 h + Thu 1 h = 25 h of 24 h.
    const { resolution } = complaintClocks(loggedComplaint(), SETTINGS, utc('2025-03-13T14:00:00'));
    expect(resolution).toMatchObject({ colour: 'red', breached: true, elapsedMs: 25 * HOUR, remainingMs: -HOUR });
    expect(resolution.percent).toBeCloseTo(104.1667, 3);
  });

  it('stands still while waiting on the customer: frozen time, no due instant', () => {
    // Acknowledged Mon 09:30 EDT, waiting on the customer from Tue 09:00 EDT (13:00Z); Mon counted 8 h.
    let c = apply(loggedComplaint(), { type: 'acknowledge', at: OPENED + 30 * MIN });
    c = apply(c, { type: 'await-customer', at: utc('2025-03-11T13:00:00') });
    const { resolution } = complaintClocks(c, SETTINGS, utc('2025-03-14T20:00:00'));
    expect(resolution).toMatchObject({ paused: true, elapsedMs: 8 * HOUR, colour: 'green', dueAt: null, amberAt: null });
  });

  it('moves the due instant by the paused business hours once the customer replies', () => {
    // Waiting Tue 09:00–13:00 EDT = 4 business hours: due moves from Wed 17:00 to Thu 13:00 EDT = 17:00Z.
    let c = apply(loggedComplaint(), { type: 'acknowledge', at: OPENED + 30 * MIN });
    c = apply(c, { type: 'await-customer', at: utc('2025-03-11T13:00:00') });
    c = apply(c, { type: 'customer-replied', at: utc('2025-03-11T17:00:00') });
    const { resolution } = complaintClocks(c, SETTINGS, utc('2025-03-11T21:00:00'));
    // Mon 8 h + Tue 13:00–17:00 EDT 4 h = 12 h.
    expect(resolution).toMatchObject({ paused: false, elapsedMs: 12 * HOUR, dueAt: utc('2025-03-13T17:00:00') });
  });

  it('stops at the resolution and runs on from there after a reopen', () => {
    // Resolved Tue 10:00 EDT (14:00Z): Mon 8 h + Tue 1 h = 9 h.
    const resolved = resolveAt(loggedComplaint(), utc('2025-03-11T14:00:00'));
    expect(complaintClocks(resolved, SETTINGS, utc('2025-03-20T14:00:00')).resolution).toMatchObject({ elapsedMs: 9 * HOUR, stoppedAt: utc('2025-03-11T14:00:00') });
    // Reopened Thu 13 Mar 10:00 EDT; at 12:00 EDT: 9 + 2 = 11 h. 15 h left from Thu 10:00: Thu 7 h, Fri 09:00 + 8 h = 17:00 EDT = 21:00Z.
    const reopened = apply(resolved, { type: 'reopen', at: utc('2025-03-13T14:00:00'), reason: 'Charged again' });
    const { resolution } = complaintClocks(reopened, SETTINGS, utc('2025-03-13T16:00:00'));
    expect(resolution).toMatchObject({ elapsedMs: 11 * HOUR, stoppedAt: null, colour: 'green', dueAt: utc('2025-03-14T21:00:00') });
  });

  it('counts Shanghai make-up days and holidays on the resolution clock', () => {
    const nineToSix = [{ open: '09:00', close: '18:00' }];
    const settings = ComplaintSlaSettingsSchema.parse({
      calendar: {
        timeZone: 'Asia/Shanghai',
        weekly: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
        holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
        makeUpDays: [{ date: '2025-09-28' }, { date: '2025-10-11' }],
      },
    });
    // Logged Fri 26 Sep 17:00 CST (09:00Z), high = 24 business hours: Fri 1, Sun 28 (make-up) 9, Mon 9, Tue 09:00 + 5 = 14:00 CST.
    const c = loggedComplaint({ at: utc('2025-09-26T09:00:00') });
    const { resolution } = complaintClocks(c, settings, utc('2025-10-05T00:00:00'));
    expect(resolution.dueAt).toBe(utc('2025-09-30T06:00:00'));
    // By Sun 5 Oct the clock holds Fri 1 + Sun 9 + Mon 9 + Tue 9 = 28 h: breached.
    expect(resolution).toMatchObject({ elapsedMs: 28 * HOUR, colour: 'red' });
  });

  it('counts everything when the basis is elapsed or there is no calendar', () => {
    const elapsed = ComplaintSlaSettingsSchema.parse({ calendar: NEW_YORK, resolution: { basis: 'elapsed', hours: { low: 80, medium: 40, high: 24, critical: 8 } } });
    // Sat 15 Mar 13:00Z is 5 × 24 h after opening: 120 h counted.
    expect(complaintClocks(loggedComplaint(), elapsed, utc('2025-03-15T13:00:00')).resolution.elapsedMs).toBe(120 * HOUR);
  });
});

describe('slaClock', () => {
  it('gives a null due instant for a calendar that never opens', () => {
    const closed = ComplaintCalendarSchema.parse({ timeZone: 'UTC', weekly: {}, holidays: [] });
    const clock = slaClock({ kind: 'resolution', startedAt: 0, stoppedAt: null, targetMs: HOUR, calendar: closed, pauses: [], amberAtPercent: 80, now: 10 * HOUR });
    expect(clock).toMatchObject({ elapsedMs: 0, colour: 'green', dueAt: null, amberAt: null });
  });
});

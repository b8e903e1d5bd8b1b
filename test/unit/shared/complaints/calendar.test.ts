import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, type ComplaintCalendar, ComplaintCalendarSchema } from '../../../../shared/complaints/calendar';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const HOUR = 3_600_000;
const nineToFive = [{ open: '09:00', close: '17:00' }];
const nineToSix = [{ open: '09:00', close: '18:00' }];
const weekdays = (timeZone: string, ranges: { open: string; close: string }[], extra: Partial<ComplaintCalendar> = {}): ComplaintCalendar =>
  ComplaintCalendarSchema.parse({ timeZone, weekly: { mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges }, holidays: [], ...extra });

const NEW_YORK = weekdays('America/New_York', nineToFive);
const allDay = [{ open: '00:00', close: '24:00' }];
const NEW_YORK_24_7 = ComplaintCalendarSchema.parse({
  timeZone: 'America/New_York',
  weekly: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay },
  holidays: [],
});
// National Day 2025: 1–8 Oct off; Sun 28 Sep and Sat 11 Oct worked (调休).
const SHANGHAI = weekdays('Asia/Shanghai', nineToSix, {
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  makeUpDays: [
    { date: '2025-09-28', hoursOf: 'mon' },
    { date: '2025-10-11', hoursOf: 'mon' },
  ],
});

describe('addBusinessTime', () => {
  it('carries over the weekend and the spring DST change in New York', () => {
    // Fri 7 Mar 15:00 EST (20:00Z) + 8 h: Fri 15–17 = 2 h, 6 h left; Mon 10 Mar opens 09:00 EDT = 13:00Z; + 6 h = 19:00Z.
    expect(addBusinessTime(NEW_YORK, utc('2025-03-07T20:00:00'), 8 * HOUR)).toBe(utc('2025-03-10T19:00:00'));
  });

  it('answers the closing time when the time runs out exactly at close, not the next opening', () => {
    // Fri 7 Mar 16:00 EST (21:00Z) + 1 h = 17:00 EST = 22:00Z.
    expect(addBusinessTime(NEW_YORK, utc('2025-03-07T21:00:00'), HOUR)).toBe(utc('2025-03-07T22:00:00'));
  });

  it('starts counting at the next opening when started while closed', () => {
    // Sat 8 Mar 10:00 EST + 1 h: Mon 09:00 EDT (13:00Z) + 1 h = 14:00Z.
    expect(addBusinessTime(NEW_YORK, utc('2025-03-08T15:00:00'), HOUR)).toBe(utc('2025-03-10T14:00:00'));
  });

  it('works Sunday make-up days and skips the Shanghai National Day holidays', () => {
    // Fri 26 Sep 17:00 CST (09:00Z) + 24 h: Fri 1 h (23 left), Sat closed, Sun 28 make-up 9 h (14 left),
    // Mon 29 9 h (5 left), Tue 30 09:00 + 5 h = 14:00 CST = 06:00Z.
    expect(addBusinessTime(SHANGHAI, utc('2025-09-26T09:00:00'), 24 * HOUR)).toBe(utc('2025-09-30T06:00:00'));
    // Tue 30 Sep 14:00 CST + 27 h: Tue 4 h (23 left), 1–8 Oct closed, Thu 9 9 h (14), Fri 10 9 h (5),
    // Sat 11 make-up 09:00 + 5 h = 14:00 CST = 06:00Z.
    expect(addBusinessTime(SHANGHAI, utc('2025-09-30T06:00:00'), 27 * HOUR)).toBe(utc('2025-10-11T06:00:00'));
  });

  it('without the make-up days the same 27 h lands on Monday', () => {
    const noMakeUp = ComplaintCalendarSchema.parse({ ...SHANGHAI, makeUpDays: [] });
    // … Fri 10 leaves 5 h; Sat 11 and Sun 12 closed; Mon 13 09:00 + 5 h = 14:00 CST = 06:00Z.
    expect(addBusinessTime(noMakeUp, utc('2025-09-30T06:00:00'), 27 * HOUR)).toBe(utc('2025-10-13T06:00:00'));
  });

  it('counts real hours across DST on an always-open calendar', () => {
    // Sat 8 Mar 12:00 EST (17:00Z) + 24 h = Sun 13:00 EDT = 17:00Z: the wall clock moved 25 h, real time 24 h.
    expect(addBusinessTime(NEW_YORK_24_7, utc('2025-03-08T17:00:00'), 24 * HOUR)).toBe(utc('2025-03-09T17:00:00'));
  });

  it('leaves out gaps (pauses)', () => {
    // Mon 10 Mar 09:00 EDT (13:00Z) + 2 h with 10:00–11:00 EDT paused: 09–10, then 11–12 → 12:00 EDT = 16:00Z.
    const pause = { start: utc('2025-03-10T14:00:00'), end: utc('2025-03-10T15:00:00') };
    expect(addBusinessTime(NEW_YORK, utc('2025-03-10T13:00:00'), 2 * HOUR, [pause])).toBe(utc('2025-03-10T16:00:00'));
  });

  it('is null while a pause without end holds the clock, and for a calendar that never opens', () => {
    const open = { start: utc('2025-03-10T14:00:00'), end: Number.POSITIVE_INFINITY };
    expect(addBusinessTime(NEW_YORK, utc('2025-03-10T13:00:00'), 2 * HOUR, [open])).toBeNull();
    const closed = ComplaintCalendarSchema.parse({ timeZone: 'UTC', weekly: {}, holidays: [] });
    expect(addBusinessTime(closed, 0, HOUR)).toBeNull();
  });

  it('adds plainly without a calendar, and returns the start for a zero duration', () => {
    expect(addBusinessTime(null, 1_000, 5 * HOUR)).toBe(1_000 + 5 * HOUR);
    expect(addBusinessTime(NEW_YORK, utc('2025-03-08T15:00:00'), 0)).toBe(utc('2025-03-08T15:00:00'));
  });
});

describe('businessTimeBetween', () => {
  it('counts only open hours across a weekend', () => {
    // Fri 7 Mar 15:00 EST → Mon 10 Mar 15:00 EDT: Fri 2 h + Mon 6 h = 8 h.
    expect(businessTimeBetween(NEW_YORK, utc('2025-03-07T20:00:00'), utc('2025-03-10T19:00:00'))).toBe(8 * HOUR);
  });

  it('measures 00:00–03:00 as 2 h on the spring-forward night and 4 h on the fall-back night', () => {
    const night = ComplaintCalendarSchema.parse({ timeZone: 'America/New_York', weekly: { sun: [{ open: '00:00', close: '03:00' }] }, holidays: [] });
    // 9 Mar: 00:00 EST = 05:00Z, 03:00 EDT = 07:00Z.
    expect(businessTimeBetween(night, utc('2025-03-08T00:00:00'), utc('2025-03-10T00:00:00'))).toBe(2 * HOUR);
    // 2 Nov: 00:00 EDT = 04:00Z, 03:00 EST = 08:00Z.
    expect(businessTimeBetween(night, utc('2025-11-01T00:00:00'), utc('2025-11-03T00:00:00'))).toBe(4 * HOUR);
  });

  it('runs on across midnight from a range ending 24:00 into one starting 00:00', () => {
    const late = ComplaintCalendarSchema.parse({
      timeZone: 'Asia/Shanghai',
      weekly: { mon: [{ open: '20:00', close: '24:00' }], tue: [{ open: '00:00', close: '02:00' }] },
      holidays: [],
    });
    // Mon 6 Jan 2025 22:00 CST (14:00Z) + 3 h = Tue 01:00 CST = 17:00Z; Mon 20:00 → Tue 02:00 is 6 h.
    expect(addBusinessTime(late, utc('2025-01-06T14:00:00'), 3 * HOUR)).toBe(utc('2025-01-06T17:00:00'));
    expect(businessTimeBetween(late, utc('2025-01-06T00:00:00'), utc('2025-01-08T00:00:00'))).toBe(6 * HOUR);
  });

  it('counts the make-up Sunday and not the holidays in Shanghai', () => {
    // Sat 27 Sep 00:00 CST → Thu 9 Oct 00:00 CST: Sun 28, Mon 29, Tue 30 = 3 × 9 h; 1–8 Oct nothing.
    expect(businessTimeBetween(SHANGHAI, utc('2025-09-26T16:00:00'), utc('2025-10-08T16:00:00'))).toBe(27 * HOUR);
  });

  it('follows the local date for a holiday, not the UTC one', () => {
    const night = weekdays('Asia/Shanghai', allDay, { holidays: ['2025-10-01'] });
    // 30 Sep 16:00Z is already 1 Oct 00:00 in Shanghai: 30 Sep 15:00Z → 1 Oct 15:00Z counts only the first hour.
    expect(businessTimeBetween(night, utc('2025-09-30T15:00:00'), utc('2025-10-01T15:00:00'))).toBe(HOUR);
  });

  it('leaves out gaps, overlapping ones once', () => {
    const gaps = [
      { start: utc('2025-03-10T14:00:00'), end: utc('2025-03-10T15:00:00') },
      { start: utc('2025-03-10T14:30:00'), end: utc('2025-03-10T15:30:00') },
    ];
    // Mon 09:00–17:00 EDT is 8 h; 10:00–11:30 EDT paused → 6.5 h.
    expect(businessTimeBetween(NEW_YORK, utc('2025-03-10T00:00:00'), utc('2025-03-11T00:00:00'), gaps)).toBe(6.5 * HOUR);
  });

  it('is zero for an empty or reversed span, and plain elapsed time without a calendar', () => {
    expect(businessTimeBetween(NEW_YORK, utc('2025-03-10T15:00:00'), utc('2025-03-10T14:00:00'))).toBe(0);
    expect(businessTimeBetween(null, 1_000, 4_000)).toBe(3_000);
  });

  it('agrees with addBusinessTime: elapsed to the due instant is the duration', () => {
    for (const start of [utc('2025-09-26T09:00:00'), utc('2025-09-30T06:00:00'), utc('2025-10-04T02:00:00')]) {
      for (const hours of [1, 9, 10, 40]) {
        const due = addBusinessTime(SHANGHAI, start, hours * HOUR);
        expect(due).not.toBeNull();
        expect(businessTimeBetween(SHANGHAI, start, due ?? 0)).toBe(hours * HOUR);
      }
    }
  });
});

describe('ComplaintCalendarSchema', () => {
  it('refuses a date that is both a holiday and a make-up day', () => {
    const result = ComplaintCalendarSchema.safeParse({
      timeZone: 'Asia/Shanghai',
      weekly: {},
      holidays: ['2025-10-01'],
      makeUpDays: [{ date: '2025-10-01' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['makeUpDays']);
  });

  it('refuses an unknown time zone and defaults make-up days to none, Monday hours', () => {
    expect(ComplaintCalendarSchema.safeParse({ timeZone: 'Mars/Olympus', weekly: {}, holidays: [] }).success).toBe(false);
    expect(ComplaintCalendarSchema.parse({ timeZone: 'UTC', weekly: {}, holidays: [] }).makeUpDays).toEqual([]);
    expect(ComplaintCalendarSchema.parse({ timeZone: 'UTC', weekly: {}, holidays: [], makeUpDays: [{ date: '2025-09-28' }] }).makeUpDays[0]?.hoursOf).toBe('mon');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BusinessHours, BusinessHoursSchema, type OpenRange } from '../../../../shared/domain/routing';
import { isOpen, nextOpening } from '../../../../shared/routing/business-hours';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const nine2five: OpenRange[] = [{ open: '09:00', close: '17:00' }];
const weekdays = (timeZone: string, holidays: string[] = []): BusinessHours =>
  BusinessHoursSchema.parse({ timeZone, weekly: { mon: nine2five, tue: nine2five, wed: nine2five, thu: nine2five, fri: nine2five }, holidays });

const NEW_YORK = weekdays('America/New_York');

describe('isOpen', () => {
  it('is open inside the local range, closed from the closing minute', () => {
    expect(isOpen(NEW_YORK, utc('2025-03-07T21:59:59.999'))).toBe(true); // Fri 16:59:59 EST
    expect(isOpen(NEW_YORK, utc('2025-03-07T22:00:00'))).toBe(false); // Fri 17:00 EST
    expect(isOpen(NEW_YORK, utc('2025-03-08T15:00:00'))).toBe(false); // Saturday
  });

  it('follows the local clock across the spring change: 09:00 is 14:00Z before, 13:00Z after', () => {
    expect(isOpen(NEW_YORK, utc('2025-03-07T14:00:00'))).toBe(true);
    expect(isOpen(NEW_YORK, utc('2025-03-07T13:59:59'))).toBe(false);
    expect(isOpen(NEW_YORK, utc('2025-03-10T13:00:00'))).toBe(true);
    expect(isOpen(NEW_YORK, utc('2025-03-10T12:59:59'))).toBe(false);
  });

  it('is always open without business hours', () => {
    expect(isOpen(null, 0)).toBe(true);
    expect(nextOpening(null, 42)).toBe(42);
  });

  it('treats 24:00 as the end of the day, and runs on into a range from 00:00', () => {
    const late = BusinessHoursSchema.parse({
      timeZone: 'Europe/Berlin',
      weekly: { mon: [{ open: '20:00', close: '24:00' }], tue: [{ open: '00:00', close: '02:00' }] },
      holidays: [],
    });
    expect(isOpen(late, utc('2025-01-06T22:59:59'))).toBe(true); // Mon 23:59:59 CET
    expect(isOpen(late, utc('2025-01-06T23:00:00'))).toBe(true); // Tue 00:00
    expect(isOpen(late, utc('2025-01-07T01:00:00'))).toBe(false); // Tue 02:00
  });

  it('is closed all day on a local holiday', () => {
    const shanghai = weekdays('Asia/Shanghai', ['2025-10-01']);
    expect(isOpen(shanghai, utc('2025-10-01T03:00:00'))).toBe(false); // Wed 11:00 CST
    expect(isOpen(shanghai, utc('2025-10-02T03:00:00'))).toBe(true);
    // 30 Sep 17:00Z is already 1 Oct 01:00 in Shanghai: the holiday follows the local date.
    const night = BusinessHoursSchema.parse({ ...shanghai, weekly: { tue: [{ open: '00:00', close: '24:00' }], wed: [{ open: '00:00', close: '24:00' }] } });
    expect(isOpen(night, utc('2025-09-30T15:59:59'))).toBe(true);
    expect(isOpen(night, utc('2025-09-30T16:00:00'))).toBe(false);
  });
});

describe('nextOpening', () => {
  it('is now while open', () => {
    expect(nextOpening(NEW_YORK, utc('2025-03-07T15:00:00'))).toBe(utc('2025-03-07T15:00:00'));
  });

  it('skips the weekend and lands on Monday 09:00 local across the spring change', () => {
    expect(nextOpening(NEW_YORK, utc('2025-03-07T22:00:00'))).toBe(utc('2025-03-10T13:00:00'));
  });

  it('and across the autumn change', () => {
    expect(nextOpening(NEW_YORK, utc('2025-10-31T22:00:00'))).toBe(utc('2025-11-03T14:00:00'));
    const london = weekdays('Europe/London');
    expect(nextOpening(london, utc('2025-10-24T17:00:00'))).toBe(utc('2025-10-27T09:00:00')); // GMT again
    expect(nextOpening(london, utc('2025-03-28T17:00:00'))).toBe(utc('2025-03-31T08:00:00')); // BST
  });

  it('skips holidays: China National Day week', () => {
    const days = ['01', '02', '03', '04', '05', '06', '07'].map((d) => `2025-10-${d}`);
    expect(nextOpening(weekdays('Asia/Shanghai', days), utc('2025-09-30T10:00:00'))).toBe(utc('2025-10-08T01:00:00'));
  });

  it('opens at the jump when the opening time is skipped by the spring change', () => {
    const sunday = (range: OpenRange) => BusinessHoursSchema.parse({ timeZone: 'America/New_York', weekly: { sun: [range] }, holidays: [] });
    const from = utc('2025-03-09T05:00:00'); // Sun 00:00 EST
    const early = sunday({ open: '02:30', close: '04:00' });
    expect(nextOpening(early, from)).toBe(utc('2025-03-09T07:00:00')); // 03:00 EDT, the first instant past 02:30
    expect(isOpen(early, utc('2025-03-09T06:59:59.999'))).toBe(false);
    // A range wholly inside the skipped hour never opens that day.
    expect(nextOpening(sunday({ open: '02:10', close: '02:50' }), from)).toBe(utc('2025-03-16T06:10:00'));
  });

  it('opens at the first of the two 01:30s when the autumn change repeats it', () => {
    const hours = BusinessHoursSchema.parse({ timeZone: 'America/New_York', weekly: { sun: [{ open: '01:30', close: '03:00' }] }, holidays: [] });
    expect(nextOpening(hours, utc('2025-11-02T04:00:00'))).toBe(utc('2025-11-02T05:30:00')); // 01:30 EDT
    expect(isOpen(hours, utc('2025-11-02T06:15:00'))).toBe(false); // 01:15 EST, the clock's second pass
    expect(isOpen(hours, utc('2025-11-02T06:45:00'))).toBe(true); // 01:45 EST
  });

  it('is null when the queue never opens, or not within the horizon', () => {
    expect(nextOpening(BusinessHoursSchema.parse({ timeZone: 'UTC', weekly: {}, holidays: [] }), 0)).toBeNull();
    expect(nextOpening(weekdays('UTC'), utc('2025-03-08T12:00:00'), 1)).toBeNull();
  });

  it('property: the answer is open, and nothing before it (minute by minute) is', () => {
    const zoneArb = fc.constantFrom('America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata');
    const windowArb = fc.constantFrom(utc('2025-03-04T00:00:00'), utc('2025-03-27T00:00:00'), utc('2025-10-02T00:00:00'), utc('2025-10-29T00:00:00'));
    fc.assert(
      fc.property(zoneArb, windowArb, fc.integer({ min: 0, max: 9 * 86_400_000 }), (zone, start, offset) => {
        const hours = weekdays(zone);
        const now = start + offset;
        const opening = nextOpening(hours, now);
        if (opening === null) throw new Error('weekday hours always open within days');
        expect(opening).toBeGreaterThanOrEqual(now);
        expect(isOpen(hours, opening)).toBe(true);
        if (opening === now) return;
        expect(isOpen(hours, opening - 1)).toBe(false);
        for (let t = Math.ceil(now / 60_000) * 60_000; t < opening; t += 60_000) {
          if (isOpen(hours, t)) throw new Error(`open at ${new Date(t).toISOString()} before ${new Date(opening).toISOString()}`);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('nextOpening against a minute-by-minute scan, with ranges placed on the DST changes', () => {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const rangeArb = fc
    .tuple(fc.integer({ min: 0, max: 23 * 6 }).map((x) => x * 10), fc.integer({ min: 1, max: 30 }).map((x) => x * 10))
    .map(([open, length]) => ({ open: hhmm(open), close: hhmm(Math.min(24 * 60, open + length)) }));
  const hoursArb = fc
    .tuple(
      fc.constantFrom('America/New_York', 'Europe/London', 'Australia/Sydney'),
      fc.array(fc.tuple(fc.constantFrom('sun', 'mon', 'wed', 'sat'), rangeArb), { minLength: 1, maxLength: 4 }),
    )
    .map(([timeZone, ranges]) => {
      const weekly: Record<string, OpenRange[]> = {};
      for (const [day, range] of ranges) weekly[day] = [...(weekly[day] ?? []), range];
      return BusinessHoursSchema.parse({ timeZone, weekly, holidays: [] });
    });
  // Each starts shortly before a change in one of the zones: US, Europe, Australia, spring and autumn.
  const startArb = fc.constantFrom(
    utc('2025-03-08T00:00:00'),
    utc('2025-11-01T00:00:00'),
    utc('2025-03-29T00:00:00'),
    utc('2025-10-25T00:00:00'),
    utc('2025-04-05T00:00:00'),
    utc('2025-10-04T00:00:00'),
  );

  it('finds the first open minute', () => {
    fc.assert(
      fc.property(hoursArb, startArb, fc.integer({ min: 0, max: 2 * 86_400_000 }), (hours, start, offset) => {
        const now = start + offset;
        const opening = nextOpening(hours, now);
        let first = isOpen(hours, now) ? now : null;
        for (let t = Math.ceil(now / 60_000) * 60_000; first === null && t < now + 8 * 86_400_000; t += 60_000) {
          if (isOpen(hours, t)) first = t;
        }
        expect(opening).toBe(first);
      }),
      { numRuns: 30 },
    );
  });
});

describe('BusinessHoursSchema', () => {
  it('refuses an unknown zone, a range that ends before it opens, and a bad date', () => {
    const ok = { timeZone: 'Asia/Shanghai', weekly: { mon: nine2five }, holidays: ['2025-10-01'] };
    expect(BusinessHoursSchema.safeParse(ok).success).toBe(true);
    expect(BusinessHoursSchema.safeParse({ ...ok, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ ...ok, weekly: { mon: [{ open: '17:00', close: '09:00' }] } }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ ...ok, weekly: { mon: [{ open: '24:00', close: '24:00' }] } }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ ...ok, weekly: { funday: nine2five } }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ ...ok, holidays: ['2025-13-01'] }).success).toBe(false);
  });
});

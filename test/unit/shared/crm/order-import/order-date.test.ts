import { describe, expect, it } from 'vitest';
import { LocalTimeReader, parseOrderedAt } from '../../../../../shared/crm/order-import/order-date';

const shanghai = new LocalTimeReader('Asia/Shanghai');
const newYork = new LocalTimeReader('America/New_York');
const at = (raw: string, local = shanghai) => {
  const result = parseOrderedAt(raw, local);
  return result.ok ? result.at : result.detail;
};

// 2026-11-24 00:00 UTC: 56 years since 1970 with 14 leap days (1972…2024) = 20 454 days to 2026-01-01,
// plus Jan–Oct (31+28+31+30+31+30+31+31+30+31 = 304) + 23 = 327 → day 20 781 × 86 400 000 ms.
const NOV_24_UTC = 1_795_478_400_000;
const H = 3_600_000;
const M = 60_000;

describe('parseOrderedAt', () => {
  it('has the epoch arithmetic right', () => {
    expect(NOV_24_UTC).toBe(Date.UTC(2026, 10, 24));
  });

  it('reads local dates in the centre’s zone (Shanghai, UTC+8)', () => {
    const at1305 = NOV_24_UTC + 5 * H + 5 * M; // 13:05 local = 05:05 UTC
    expect(at('2026-11-24 13:05')).toBe(at1305);
    expect(at('2026/11/24 13:05')).toBe(at1305);
    expect(at('2026.11.24 13:05:00')).toBe(at1305);
    expect(at('2026-11-24T13:05:00')).toBe(at1305);
    expect(at('2026年11月24日 13:05')).toBe(at1305);
    expect(at('2026年11月24日13时05分')).toBe(at1305);
    expect(at('２０２６年１１月２４日 １３：０５')).toBe(at1305); // full-width
    expect(at('2026-11-24')).toBe(NOV_24_UTC - 8 * H); // local midnight = 16:00 UTC the day before
    expect(at('2026/1/5')).toBe(Date.UTC(2026, 0, 5) - 8 * H);
    expect(at('2026年11月24日')).toBe(NOV_24_UTC - 8 * H);
  });

  it('lets an explicit zone win over the centre’s', () => {
    expect(at('2026-11-24T13:05:00Z')).toBe(NOV_24_UTC + 13 * H + 5 * M);
    expect(at('2026-11-24T13:05:00.250Z')).toBe(NOV_24_UTC + 13 * H + 5 * M + 250);
    expect(at('2026-11-24T13:05+08:00')).toBe(NOV_24_UTC + 5 * H + 5 * M);
    expect(at('2026-11-24T13:05-0530')).toBe(NOV_24_UTC + 18 * H + 35 * M); // 13:05 + 5:30
  });

  it('reads New York local times across both 2026 clock changes', () => {
    // 2026-03-08 (second Sunday of March) 02:00 EST → 03:00 EDT.
    const mar8 = Date.UTC(2026, 2, 8);
    expect(at('2026-03-08 01:30', newYork)).toBe(mar8 + 6 * H + 30 * M); // EST, UTC−5
    expect(at('2026-03-08 03:30', newYork)).toBe(mar8 + 7 * H + 30 * M); // EDT, UTC−4
    expect(at('2026-03-08 02:30', newYork)).toBe(mar8 + 7 * H + 30 * M); // in the gap: offset before the jump
    // 2026-11-01 (first Sunday of November) 02:00 EDT → 01:00 EST: 01:30 happens twice, the first is taken.
    const nov1 = Date.UTC(2026, 10, 1);
    expect(at('2026-11-01 01:30', newYork)).toBe(nov1 + 5 * H + 30 * M);
    expect(at('2026-11-01 03:00', newYork)).toBe(nov1 + 8 * H); // EST, UTC−5
  });

  it('refuses day-first dates as ambiguous', () => {
    expect(at('24/11/2026')).toMatch(/ambiguous/);
    expect(at('11/24/2026 13:05')).toMatch(/ambiguous/);
    expect(at('05.01.26')).toMatch(/ambiguous/);
  });

  it('spots an Excel serial day number', () => {
    expect(at('46350')).toMatch(/Excel day number/); // 2026-11-24: Excel's 25 569 (1970-01-01) + 20 781 days
    expect(at('2026')).toMatch(/is not a date/); // a year alone is not a serial
  });

  it('refuses impossible dates and times', () => {
    expect(at('2026-02-29')).toMatch(/no such day/); // 2026 is not a leap year
    expect(at('2028-02-29')).toBe(Date.UTC(2028, 1, 29) - 8 * H); // 2028 is
    expect(at('2026-13-01')).toMatch(/no such day/);
    expect(at('2026-04-31')).toMatch(/no such day/);
    expect(at('2026-11-24 24:00')).toMatch(/no such time/);
    expect(at('2026-11-24 13:60')).toMatch(/no such time/);
    expect(at('1969-12-31')).toMatch(/year 1969 is out of range/);
    expect(at('2026-11-24T13:05+19:00')).toMatch(/no such zone offset/);
  });

  it('refuses text that is no date at all', () => {
    for (const raw of ['', 'yesterday', '2026-11', '2026-11-24 1pm', '2026-11/24', '20261124']) {
      expect(at(raw), raw).toMatch(/is not a date|ambiguous|Excel/);
    }
    expect(at('2026-11/24')).toMatch(/is not a date/);
  });

  it('refuses an unknown time zone when the reader is made', () => {
    expect(() => new LocalTimeReader('Mars/Olympus')).toThrow(RangeError);
    expect(new LocalTimeReader('asia/shanghai').timeZone).toBe('Asia/Shanghai');
  });
});

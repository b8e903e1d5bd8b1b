import { describe, expect, it } from 'vitest';
import { dayRange, daysBetween, intervalIndex, intervalStarts, presetRange } from '../../../../shared/reports/range';
import { BUCKET_MS } from '../../../../shared/reports/rollup';

const HOUR = 3_600_000;

describe('dayRange', () => {
  it('turns local dates into the instants they stand for, both days included', () => {
    expect(dayRange('2026-03-01', '2026-03-01', 'Asia/Shanghai')).toEqual({ start: Date.UTC(2026, 1, 28, 16), end: Date.UTC(2026, 2, 1, 16) });
    expect(dayRange('2026-03-01', '2026-03-02', 'UTC')).toEqual({ start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 2, 3) });
  });

  it('starts and ends on whole rollup buckets, even in a zone 45 minutes off the hour', () => {
    const { start, end } = dayRange('2026-07-01', '2026-07-03', 'Asia/Kathmandu');
    expect(start % BUCKET_MS).toBe(0);
    expect(end % BUCKET_MS).toBe(0);
    expect(end - start).toBe(3 * 24 * HOUR);
  });
});

describe('intervalStarts', () => {
  it('steps by local midnight across a daylight-saving change (a 23-hour day)', () => {
    const { start, end } = dayRange('2026-03-28', '2026-03-30', 'Europe/Berlin');
    const starts = intervalStarts(start, end, 'day', 'Europe/Berlin');
    expect(starts).toEqual([Date.UTC(2026, 2, 27, 23), Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 2, 29, 22)]);
    expect(end - start).toBe(71 * HOUR);
  });

  it('steps by the hour', () => {
    const { start, end } = dayRange('2026-03-01', '2026-03-01', 'UTC');
    expect(intervalStarts(start, end, 'hour', 'UTC')).toHaveLength(24);
  });

  it('finds the interval holding an instant', () => {
    const starts = [0, 10, 20];
    expect([0, 9, 10, 19, 20, 99].map((at) => intervalIndex(starts, at))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('presets and day counts', () => {
  // 2026-03-10 01:30 in Shanghai is still the 9th in UTC.
  const now = Date.UTC(2026, 2, 9, 17, 30);
  it('reads "today" in the supervisor\'s zone', () => {
    expect(presetRange('today', now, 'Asia/Shanghai')).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    expect(presetRange('today', now, 'UTC')).toEqual({ from: '2026-03-09', to: '2026-03-09' });
    expect(presetRange('yesterday', now, 'Asia/Shanghai')).toEqual({ from: '2026-03-09', to: '2026-03-09' });
    expect(presetRange('last7', now, 'Asia/Shanghai')).toEqual({ from: '2026-03-04', to: '2026-03-10' });
    expect(presetRange('thisMonth', now, 'Asia/Shanghai')).toEqual({ from: '2026-03-01', to: '2026-03-10' });
  });

  it('counts both ends', () => {
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(4);
  });
});

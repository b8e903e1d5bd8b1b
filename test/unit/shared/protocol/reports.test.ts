import { describe, expect, it } from 'vitest';
import { ReportRequestSchema } from '../../../../shared/protocol/reports';

const ok = { from: '2026-03-01', to: '2026-03-07', timeZone: 'Asia/Shanghai', groupBy: 'queue' };
const issues = (request: unknown) => {
  const parsed = ReportRequestSchema.safeParse(request);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('ReportRequestSchema', () => {
  it('takes a range, a zone and a grouping; the chart is by day unless asked', () => {
    expect(ReportRequestSchema.parse(ok)).toEqual({ ...ok, interval: 'day' });
  });

  it('refuses a range that ends before it starts, an unknown zone, grouping or field', () => {
    expect(issues({ ...ok, to: '2026-02-28' })).toEqual(['to: the range ends before it starts']);
    expect(issues({ ...ok, timeZone: 'Mars/Olympus' })).toEqual(['timeZone: unknown time zone']);
    expect(issues({ ...ok, groupBy: 'team' })[0]).toMatch(/^groupBy:/);
    expect(issues({ ...ok, extra: 1 })[0]).toMatch(/extra/);
    expect(issues({ ...ok, from: '2026-3-1' })[0]).toMatch(/^from:/);
    expect(issues({ ...ok, from: '2026-02-30' })).toEqual(['from: no such date']);
  });

  it('caps the range, and hourly charts harder', () => {
    expect(issues({ ...ok, from: '2025-01-01', to: '2026-03-01' })).toEqual(['to: at most 400 days']);
    expect(issues({ ...ok, interval: 'hour', to: '2026-04-15' })).toEqual(['interval: hourly charts cover at most 31 days']);
    expect(issues({ ...ok, interval: 'hour' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { emptyDraft, filterOf, rulesOf, toggle } from '../../../../renderer/features/campaigns/campaign-form';

describe('the campaign form', () => {
  it('draws an empty filter from an empty form', () => {
    expect(filterOf(emptyDraft('q'))).toEqual({ ok: true, filter: { tiers: [], stages: [], tags: [] } });
  });

  it('reads days and tags (either comma width, duplicates once)', () => {
    const drawn = filterOf({ ...emptyDraft('q'), tiers: ['vip'], stages: ['decline'], complaintDays: ' 7 ', lastOrderDays: '90', tags: '团购, wholesale，团购 ,' });
    expect(drawn).toEqual({
      ok: true,
      filter: { tiers: ['vip'], stages: ['decline'], tags: ['团购', 'wholesale'], hasOpenComplaintOlderThanDays: 7, lastOrderBeforeDays: 90 },
    });
  });

  it('names the fields that are not whole days', () => {
    expect(filterOf({ ...emptyDraft('q'), complaintDays: '-1', lastOrderDays: '3.5' })).toEqual({ ok: false, problems: ['complaintDays', 'lastOrderDays'] });
  });

  it('keeps the retry rules within the hub bounds', () => {
    expect(rulesOf(emptyDraft('q'))).toEqual({ ok: true, maxAttempts: 3, retryAfterMinutes: 60 });
    expect(rulesOf({ ...emptyDraft('q'), maxAttempts: '0', retryAfterMinutes: '10081' })).toEqual({ ok: false, problems: ['maxAttempts', 'retryAfterMinutes'] });
  });

  it('toggles a choice', () => {
    expect(toggle(['vip'], 'key')).toEqual(['vip', 'key']);
    expect(toggle(['vip', 'key'], 'vip')).toEqual(['key']);
  });
});

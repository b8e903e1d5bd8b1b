import { describe, expect, it } from 'vitest';
import { type CampaignEntry, CampaignFilterSchema, filterCutoffs, isCallable, nextState, progressOf } from '../../../../shared/campaigns/campaign';

const NOW = Date.UTC(2026, 10, 24, 9, 0);
const CAMPAIGN = { maxAttempts: 3, retryAfterMinutes: 60 };
const fresh = (over: Partial<CampaignEntry> = {}): CampaignEntry => ({
  campaignId: '01JCAMPAIGN0000000000000000',
  customerId: '01JCUSTOMER0000000000000000',
  phone: '+8613800000000',
  status: 'in-progress',
  attempts: 0,
  lastOutcome: null,
  nextTryAt: null,
  agentId: '01JAGENT00000000000000000A',
  ...over,
});

describe('nextState', () => {
  it('ends the entry on a final outcome, whatever the attempts left', () => {
    expect(nextState(fresh(), 'reached', NOW, CAMPAIGN)).toMatchObject({ status: 'done', attempts: 1, lastOutcome: 'reached', nextTryAt: null });
    expect(nextState(fresh(), 'wrong-number', NOW, CAMPAIGN)).toMatchObject({ status: 'done', attempts: 1 });
    expect(nextState(fresh(), 'do-not-contact', NOW, CAMPAIGN)).toMatchObject({ status: 'do-not-contact', attempts: 1 });
  });

  it('puts a retry back on the list after retryAfterMinutes', () => {
    for (const outcome of ['no-answer', 'busy', 'callback-requested'] as const) {
      expect(nextState(fresh(), outcome, NOW, CAMPAIGN)).toMatchObject({ status: 'pending', attempts: 1, lastOutcome: outcome, nextTryAt: NOW + 3_600_000 });
    }
  });

  it('exhausts the entry on the last attempt without a final outcome', () => {
    expect(nextState(fresh({ attempts: 1 }), 'busy', NOW, CAMPAIGN)).toMatchObject({ status: 'pending', attempts: 2 });
    expect(nextState(fresh({ attempts: 2 }), 'no-answer', NOW, CAMPAIGN)).toMatchObject({ status: 'exhausted', attempts: 3, nextTryAt: null });
    expect(nextState(fresh(), 'no-answer', NOW, { maxAttempts: 1, retryAfterMinutes: 5 })).toMatchObject({ status: 'exhausted', attempts: 1 });
  });

  it('keeps the agent who worked it', () => {
    expect(nextState(fresh(), 'busy', NOW, CAMPAIGN).agentId).toBe('01JAGENT00000000000000000A');
  });
});

describe('isCallable', () => {
  it('opens pending entries whose retry time has come, nothing else', () => {
    expect(isCallable({ status: 'pending', nextTryAt: null }, NOW)).toBe(true);
    expect(isCallable({ status: 'pending', nextTryAt: NOW }, NOW)).toBe(true);
    expect(isCallable({ status: 'pending', nextTryAt: NOW + 1 }, NOW)).toBe(false);
    expect(isCallable({ status: 'in-progress', nextTryAt: null }, NOW)).toBe(false);
    expect(isCallable({ status: 'done', nextTryAt: null }, NOW)).toBe(false);
  });
});

describe('progressOf', () => {
  it('folds the figures from the entries', () => {
    const a = '01JAGENT00000000000000000A';
    const b = '01JAGENT00000000000000000B';
    const progress = progressOf([
      fresh({ status: 'pending', attempts: 0, agentId: null }),
      fresh({ status: 'in-progress', attempts: 0 }),
      fresh({ status: 'done', attempts: 1, lastOutcome: 'reached', agentId: a }),
      fresh({ status: 'done', attempts: 2, lastOutcome: 'reached', agentId: b }),
      fresh({ status: 'pending', attempts: 1, lastOutcome: 'busy', agentId: a, nextTryAt: NOW }),
      fresh({ status: 'do-not-contact', attempts: 1, lastOutcome: 'do-not-contact', agentId: a }),
      fresh({ status: 'exhausted', attempts: 3, lastOutcome: 'no-answer', agentId: b }),
    ]);
    expect(progress).toMatchObject({ total: 7, pending: 2, inProgress: 1, finished: 4, reached: 2, finishedPct: 57 });
    // Reached over the five entries tried at least once.
    expect(progress.reachedPct).toBe(40);
    expect(progress.byOutcome).toEqual({ reached: 2, 'no-answer': 1, busy: 1, 'wrong-number': 0, 'do-not-contact': 1, 'callback-requested': 0 });
    expect(progress.byAgent).toEqual([
      { agentId: a, worked: 3, reached: 1 },
      { agentId: b, worked: 2, reached: 1 },
    ]);
  });

  it('has no reach rate before any attempt and 0 % finished for an empty list', () => {
    expect(progressOf([])).toMatchObject({ total: 0, reachedPct: null, finishedPct: 0 });
    expect(progressOf([fresh({ status: 'pending' })]).reachedPct).toBeNull();
  });
});

describe('the filter', () => {
  it('defaults its lists and refuses nonsense', () => {
    expect(CampaignFilterSchema.parse({})).toEqual({ tiers: [], stages: [], tags: [] });
    expect(CampaignFilterSchema.safeParse({ tiers: ['gold'] }).success).toBe(false);
    expect(CampaignFilterSchema.safeParse({ stages: ['dormant'] }).success).toBe(false);
    expect(CampaignFilterSchema.safeParse({ hasOpenComplaintOlderThanDays: -1 }).success).toBe(false);
  });

  it('turns its days into instants', () => {
    const filter = CampaignFilterSchema.parse({ hasOpenComplaintOlderThanDays: 7, lastOrderBeforeDays: 90 });
    expect(filterCutoffs(filter, NOW)).toEqual({ complaintOpenedBy: NOW - 7 * 86_400_000, lastOrderBefore: NOW - 90 * 86_400_000 });
    expect(filterCutoffs(CampaignFilterSchema.parse({}), NOW)).toEqual({ complaintOpenedBy: null, lastOrderBefore: null });
  });
});

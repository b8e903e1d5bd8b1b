import { describe, expect, it } from 'vitest';
import { type LifecycleInput, LifecycleSettingsSchema, lifecycleStage } from '../../../../shared/crm/lifecycle-stage';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);
/** Defaults: exploration < 90 d tenure, formation < 365 d, lapsed ≥ 180 d, trend windows 180 d, drop 30 %, rise 20 %. */
const DEFAULTS = LifecycleSettingsSchema.parse({});

const customer = (tenureDays: number, recencyDays: number, recent: number, previous: number): LifecycleInput => ({
  firstOrderAt: NOW - tenureDays * DAY,
  lastOrderAt: NOW - recencyDays * DAY,
  recentRevenueCents: recent,
  previousRevenueCents: previous,
});
const stage = (input: LifecycleInput) => {
  const { stage, reason } = lifecycleStage(input, NOW, DEFAULTS);
  return [stage, reason];
};

describe('lifecycleStage', () => {
  it('treats a customer who never ordered as a prospect in exploration', () => {
    expect(lifecycleStage({ firstOrderAt: null, lastOrderAt: null, recentRevenueCents: 0, previousRevenueCents: 0 }, NOW, DEFAULTS)).toEqual({
      stage: 'exploration',
      reason: 'no-orders',
      tenureDays: null,
      recencyDays: null,
      trend: null,
    });
  });

  it('puts a customer silent for 180 days in decline, 179 days not', () => {
    expect(stage(customer(1000, 180, 0, 50_000))).toEqual(['decline', 'lapsed']);
    expect(stage(customer(1000, 179, 50_000, 50_000))).toEqual(['stability', 'steady']);
  });

  it('explores a customer under 90 days old, even one already buying less', () => {
    expect(stage(customer(89, 1, 100, 10_000))).toEqual(['exploration', 'new']);
    expect(stage(customer(90, 1, 10_000, 0))).toEqual(['formation', 'young']);
  });

  it('puts a customer whose revenue fell more than 30 % in decline, exactly 30 % not', () => {
    // 6 999 < 10 000 × 0.7 = 7 000 → decline; 7 000 is not below.
    expect(lifecycleStage(customer(800, 5, 6_999, 10_000), NOW, DEFAULTS)).toMatchObject({ stage: 'decline', reason: 'falling', trend: 0.6999 });
    expect(stage(customer(800, 5, 7_000, 10_000))).toEqual(['stability', 'steady']);
    // A falling customer in the formation years is still falling.
    expect(stage(customer(200, 5, 1_000, 10_000))).toEqual(['decline', 'falling']);
  });

  it('keeps a customer under a year old and not falling in formation', () => {
    expect(stage(customer(364, 5, 10_000, 10_000))).toEqual(['formation', 'young']);
    expect(stage(customer(365, 5, 10_000, 10_000))).toEqual(['stability', 'steady']);
  });

  it('puts an established customer buying over 20 % more back in formation', () => {
    // 12 001 > 10 000 × 1.2 = 12 000.
    expect(stage(customer(800, 5, 12_001, 10_000))).toEqual(['formation', 'rising']);
    expect(stage(customer(800, 5, 12_000, 10_000))).toEqual(['stability', 'steady']);
    // Buying again after an empty previous window.
    expect(lifecycleStage(customer(800, 5, 3_000, 0), NOW, DEFAULTS)).toMatchObject({ stage: 'formation', reason: 'rising', trend: null });
  });

  it('reports tenure and recency in whole days', () => {
    const input = { ...customer(0, 0, 1, 0), firstOrderAt: NOW - 400.9 * DAY, lastOrderAt: NOW - 2.5 * DAY };
    expect(lifecycleStage(input, NOW, DEFAULTS)).toMatchObject({ tenureDays: 400, recencyDays: 2 });
  });
});

describe('LifecycleSettingsSchema', () => {
  it('refuses exploration that outlasts formation, and zero days', () => {
    expect(LifecycleSettingsSchema.safeParse({ explorationDays: 400 }).success).toBe(false);
    expect(LifecycleSettingsSchema.safeParse({ lapsedDays: 0 }).success).toBe(false);
    expect(DEFAULTS).toEqual({ explorationDays: 90, formationDays: 365, lapsedDays: 180, trendDays: 180, declineDrop: 0.3, growthRise: 0.2 });
  });
});

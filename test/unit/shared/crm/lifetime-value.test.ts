import { describe, expect, it } from 'vitest';
import { LifetimeValueSettingsSchema, lifetimeValue } from '../../../../shared/crm/lifetime-value';

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const NOW = Date.UTC(2026, 10, 24, 12);
const DEFAULTS = LifetimeValueSettingsSchema.parse({});

describe('lifetimeValue', () => {
  it('projects a rising customer along its trend and discounts each year', () => {
    const settings = { ...DEFAULTS, horizonPeriods: 3 };
    // Last three years ¥1200, ¥1000, ¥800 at t = 0, −1, −2: slope b = 20 000, a = 120 000.
    // I₁..₃ = 140 000, 160 000, 180 000; ÷1.1, ÷1.21, ÷1.331 = 127 272.7, 132 231.4, 135 236.7
    // → 127 273 + 132 231 + 135 237 = 394 741.
    const clv = lifetimeValue({ firstOrderAt: NOW - 3.5 * YEAR, profitByPeriod: [120_000, 100_000, 80_000] }, NOW, settings);
    expect(clv).toEqual({
      clvCents: 394_741,
      discountRate: 0.1,
      horizonPeriods: 3,
      periodDays: 365,
      history: [
        { periodsAgo: 0, from: NOW - YEAR, to: NOW, profitCents: 120_000 },
        { periodsAgo: 1, from: NOW - 2 * YEAR, to: NOW - YEAR, profitCents: 100_000 },
        { periodsAgo: 2, from: NOW - 3 * YEAR, to: NOW - 2 * YEAR, profitCents: 80_000 },
      ],
      baseCents: 120_000,
      trendCentsPerPeriod: 20_000,
      projection: [
        { n: 1, incomeCents: 140_000, discountedCents: 127_273 },
        { n: 2, incomeCents: 160_000, discountedCents: 132_231 },
        { n: 3, incomeCents: 180_000, discountedCents: 135_237 },
      ],
    });
  });

  it('fits a line, not the end points, when the years zig-zag', () => {
    // y = 9 000, 15 000, 6 000 at t = 0, −1, −2; means t̄ = −1, ȳ = 10 000.
    // Σ(t−t̄)(y−ȳ) = 1·(−1 000) + 0·5 000 + (−1)·(−4 000) = 3 000; Σ(t−t̄)² = 2 → b = 1 500; a = ȳ − b·t̄ = 11 500.
    const clv = lifetimeValue({ firstOrderAt: NOW - 5 * YEAR, profitByPeriod: [9_000, 15_000, 6_000] }, NOW, { ...DEFAULTS, discountRate: 0, horizonPeriods: 2 });
    expect([clv.baseCents, clv.trendCentsPerPeriod]).toEqual([11_500, 1_500]);
    // r = 0: CLV is the plain sum 13 000 + 14 500.
    expect(clv.projection.map((p) => p.incomeCents)).toEqual([13_000, 14_500]);
    expect(clv.clvCents).toBe(27_500);
  });

  it('keeps a young customer’s part-year flat, not scaled up to a year', () => {
    // One (partial) period of ¥500, b = 0: 50 000 ÷ 1.1ⁿ for n = 1..5
    // = 45 455 + 41 322 + 37 566 + 34 151 + 31 046 = 189 540.
    const clv = lifetimeValue({ firstOrderAt: NOW - 100 * DAY, profitByPeriod: [50_000, 0, 0] }, NOW, DEFAULTS);
    expect(clv.history).toHaveLength(1);
    expect(clv.projection.map((p) => p.discountedCents)).toEqual([45_455, 41_322, 37_566, 34_151, 31_046]);
    expect(clv.clvCents).toBe(189_540);
  });

  it('fits only whole periods since the first order', () => {
    // 400 days: one whole year, so the older, barely covered year cannot fake a trend.
    const clv = lifetimeValue({ firstOrderAt: NOW - 400 * DAY, profitByPeriod: [100_000, 2_000, 0] }, NOW, { ...DEFAULTS, discountRate: 0, horizonPeriods: 1 });
    expect(clv.history.map((h) => h.profitCents)).toEqual([100_000]);
    expect([clv.trendCentsPerPeriod, clv.clvCents]).toEqual([0, 100_000]);
  });

  it('never projects income below zero for a falling or loss-making customer', () => {
    // y = 10 000, 30 000 at t = 0, −1: b = −20 000, a = 10 000 → I₁ = −10 000 → 0, I₂ = −30 000 → 0.
    const falling = lifetimeValue({ firstOrderAt: NOW - 2.5 * YEAR, profitByPeriod: [10_000, 30_000] }, NOW, { ...DEFAULTS, historyPeriods: 2, horizonPeriods: 2 });
    expect(falling.projection.map((p) => p.incomeCents)).toEqual([0, 0]);
    expect(falling.clvCents).toBe(0);
    const loss = lifetimeValue({ firstOrderAt: NOW - 10 * DAY, profitByPeriod: [-5_000] }, NOW, DEFAULTS);
    expect(loss.clvCents).toBe(0);
  });

  it('is zero with no history for a customer who never ordered', () => {
    expect(lifetimeValue({ firstOrderAt: null, profitByPeriod: [0, 0, 0] }, NOW, DEFAULTS)).toMatchObject({ clvCents: 0, history: [], projection: [] });
  });
});

describe('LifetimeValueSettingsSchema', () => {
  it('defaults to 10 % over 5 yearly periods fitted on 3', () => {
    expect(DEFAULTS).toEqual({ discountRate: 0.1, horizonPeriods: 5, periodDays: 365, historyPeriods: 3 });
  });

  it('refuses a negative rate, a zero horizon and fractional periods', () => {
    expect(LifetimeValueSettingsSchema.safeParse({ discountRate: -0.1 }).success).toBe(false);
    expect(LifetimeValueSettingsSchema.safeParse({ horizonPeriods: 0 }).success).toBe(false);
    expect(LifetimeValueSettingsSchema.safeParse({ periodDays: 30.5 }).success).toBe(false);
  });
});

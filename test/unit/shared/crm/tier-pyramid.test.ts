import { describe, expect, it } from 'vitest';
import { placeInPyramid, pyramidFigures, type TierInput, TierSettingsSchema, tierForProfit } from '../../../../shared/crm/tier-pyramid';

const DEFAULTS = TierSettingsSchema.parse({});
const id = (n: number): string => `c${String(n).padStart(3, '0')}`;
/** Customers c001..c00n with the given profits, in that order. */
const base = (profits: readonly number[]): TierInput[] => profits.map((profitCents, i) => ({ customerId: id(i + 1), profitCents }));
const tiers = (inputs: readonly TierInput[], settings = DEFAULTS) => placeInPyramid(inputs, settings).map((p) => p.tier);

describe('placeInPyramid', () => {
  it('splits 100 distinct customers 1 / 19 / 30 / 50', () => {
    // Cut-offs: ceil(0.01·100) = 1, ceil(0.20·100) = 20, ceil(0.50·100) = 50.
    const placements = placeInPyramid(
      base(Array.from({ length: 100 }, (_, i) => (100 - i) * 100)),
      DEFAULTS,
    );
    const count = (tier: string) => placements.filter((p) => p.tier === tier).length;
    expect([count('vip'), count('key'), count('ordinary'), count('small')]).toEqual([1, 19, 30, 50]);
    expect(placements[0]).toEqual({ customerId: id(1), tier: 'vip', rank: 1, profitCents: 10_000 });
    expect(placements[19]).toMatchObject({ rank: 20, tier: 'key' });
    expect(placements[20]).toMatchObject({ rank: 21, tier: 'ordinary' });
    expect(placements[49]).toMatchObject({ rank: 50, tier: 'ordinary' });
    expect(placements[50]).toMatchObject({ rank: 51, tier: 'small' });
  });

  it('gives a tiny base of 7 one VIP, one key, two ordinary and three small', () => {
    // ceil(0.07) = 1 VIP; ceil(1.4) = 2 → 1 key; ceil(3.5) = 4 → 2 ordinary; 3 small.
    expect(tiers(base([700, 600, 500, 400, 300, 200, 100]))).toEqual(['vip', 'key', 'ordinary', 'ordinary', 'small', 'small', 'small']);
  });

  it('rounds 101 customers up: 2 VIP, 19 key, 30 ordinary, 50 small', () => {
    // ceil(1.01) = 2, ceil(20.2) = 21, ceil(50.5) = 51.
    const placed = tiers(base(Array.from({ length: 101 }, (_, i) => 1000 - i)));
    expect(['vip', 'key', 'ordinary', 'small'].map((t) => placed.filter((p) => p === t).length)).toEqual([2, 19, 30, 50]);
  });

  it('lifts a tie across a cut-off to the higher tier and gives tied customers one rank', () => {
    // Places 0..6; cut-offs 1 / 2 / 4. c002 ties the VIP, c005 ties the last ordinary place.
    const placements = placeInPyramid(base([700, 700, 500, 400, 400, 100, 50]), DEFAULTS);
    expect(placements.map((p) => [p.customerId, p.tier, p.rank])).toEqual([
      [id(1), 'vip', 1],
      [id(2), 'vip', 1],
      [id(3), 'ordinary', 3],
      [id(4), 'ordinary', 4],
      [id(5), 'ordinary', 4],
      [id(6), 'small', 6],
      [id(7), 'small', 7],
    ]);
  });

  it('keeps customers with no positive profit small, even at the top of a tiny base', () => {
    expect(tiers(base([0, 0, 0]))).toEqual(['small', 'small', 'small']);
    expect(tiers(base([-500, 300]))).toEqual(['vip', 'small']);
    expect(tiers(base([1]))).toEqual(['vip']);
    expect(placeInPyramid([], DEFAULTS)).toEqual([]);
  });

  it('gives the same answer whatever the input order, equals ordered by id', () => {
    const inputs = base([300, 500, 300, 100, 500]);
    const reversed = [...inputs].reverse();
    expect(placeInPyramid(reversed, DEFAULTS)).toEqual(placeInPyramid(inputs, DEFAULTS));
    expect(placeInPyramid(inputs, DEFAULTS).map((p) => p.customerId)).toEqual([id(2), id(5), id(1), id(3), id(4)]);
  });

  it('follows custom cut-offs', () => {
    const settings = TierSettingsSchema.parse({ shares: { vip: 0.1, key: 0.2, ordinary: 0.3 } });
    // 10 customers: ceil(1) = 1, ceil(3) = 3, ceil(6) = 6 → 1 / 2 / 3 / 4.
    expect(tiers(base([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), settings)).toEqual([
      'vip',
      'key',
      'key',
      'ordinary',
      'ordinary',
      'ordinary',
      'small',
      'small',
      'small',
      'small',
    ]);
  });
});

describe('TierSettingsSchema', () => {
  it('defaults to a 365-day window and 1 / 19 / 30 %', () => {
    expect(DEFAULTS).toEqual({ windowDays: 365, shares: { vip: 0.01, key: 0.19, ordinary: 0.3 } });
  });

  it('refuses shares over 100 % and a zero window', () => {
    expect(TierSettingsSchema.safeParse({ shares: { vip: 0.5, key: 0.4, ordinary: 0.2 } }).success).toBe(false);
    expect(TierSettingsSchema.safeParse({ windowDays: 0 }).success).toBe(false);
    expect(TierSettingsSchema.safeParse({ shares: { vip: -0.01 } }).success).toBe(false);
  });
});

describe('pyramidFigures', () => {
  it('counts customers and profit per tier, best first, with each tier’s lowest profit', () => {
    const placements = placeInPyramid(base([700, 600, 500, 400, 300, 200, 0]), DEFAULTS);
    expect(pyramidFigures(placements)).toEqual([
      { tier: 'vip', customers: 1, profitCents: 700, minProfitCents: 700 },
      { tier: 'key', customers: 1, profitCents: 600, minProfitCents: 600 },
      { tier: 'ordinary', customers: 2, profitCents: 900, minProfitCents: 400 },
      { tier: 'small', customers: 3, profitCents: 500, minProfitCents: 0 },
    ]);
    expect(pyramidFigures([]).map((f) => f.minProfitCents)).toEqual([null, null, null, null]);
  });
});

describe('tierForProfit', () => {
  // Cut-offs from the base above: VIP ≥ 700, key ≥ 600, ordinary ≥ 400.
  const figures = pyramidFigures(placeInPyramid(base([700, 600, 500, 400, 300, 200, 0]), DEFAULTS));

  it('places one customer against the last full placement’s cut-offs', () => {
    expect([800, 700, 699, 600, 400, 399, 1, 0, -10].map((profit) => tierForProfit(profit, figures))).toEqual([
      'vip',
      'vip',
      'key',
      'key',
      'ordinary',
      'small',
      'small',
      'small',
      'small',
    ]);
  });

  it('skips empty tiers and keeps everyone small before the first recompute', () => {
    const noKey = figures.map((f) => (f.tier === 'key' ? { ...f, customers: 0, profitCents: 0, minProfitCents: null } : f));
    expect(tierForProfit(650, noKey)).toBe('ordinary');
    expect(tierForProfit(1_000_000, pyramidFigures([]))).toBe('small');
  });
});

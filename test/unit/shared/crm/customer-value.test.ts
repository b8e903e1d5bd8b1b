import { describe, expect, it } from 'vitest';
import { addOrder, CustomerValueSettingsSchema, emptySummary, recomputeCustomerValue } from '../../../../shared/crm/customer-value';
import { type Order, OrderSchema } from '../../../../shared/crm/order';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);
const SETTINGS = CustomerValueSettingsSchema.parse({});
const ULID = '01JD0000000000000000000001';

const order = (customerId: string, daysAgo: number, amountCents: number, profitCents: number): Order => ({
  customerId,
  orderedAt: NOW - daysAgo * DAY,
  amountCents,
  profitCents,
});

describe('OrderSchema', () => {
  it('takes integer cents, negative for refunds', () => {
    const row = { customerId: ULID, orderedAt: NOW, amountCents: -1999, profitCents: -300 };
    expect(OrderSchema.parse(row)).toEqual(row);
  });

  it('refuses fractional cents, a bad customer id and a negative time', () => {
    const good = { customerId: ULID, orderedAt: NOW, amountCents: 1999, profitCents: 300 };
    for (const bad of [{ amountCents: 19.99 }, { profitCents: 0.5 }, { customerId: 'c1' }, { orderedAt: -1 }, { amountCents: undefined }]) {
      expect(OrderSchema.safeParse({ ...good, ...bad }).success).toBe(false);
    }
  });
});

describe('addOrder', () => {
  it('sorts each order into the windows by its age', () => {
    const summary = emptySummary('a', SETTINGS);
    for (const o of [order('a', 10, 1000, 100), order('a', 200, 2000, 200), order('a', 400, 4000, 400), order('a', -1, 9999, 9999)]) {
      addOrder(summary, o, NOW, SETTINGS);
    }
    expect(summary).toEqual({
      customerId: 'a',
      orderCount: 3,
      firstOrderAt: NOW - 400 * DAY,
      lastOrderAt: NOW - 10 * DAY,
      // Tier and RFM windows 365 d: the 10- and 200-day orders.
      tierProfitCents: 300,
      rfmOrderCount: 2,
      rfmRevenueCents: 3000,
      // Yearly periods: ages 10 and 200 in period 0, 400 in period 1.
      profitByPeriod: [300, 400, 0],
      // Trend windows 180 d: 10 days recent, 200 days previous, 400 days in neither.
      recentRevenueCents: 1000,
      previousRevenueCents: 2000,
    });
  });
});

describe('recomputeCustomerValue', () => {
  it('gives every customer of the base a tier, RFM, lifetime value and stage', () => {
    const customers = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const orders = [
      order('a', 10, 100_000, 30_000),
      order('a', 100, 100_000, 30_000),
      order('b', 20, 50_000, 20_000),
      order('c', 30, 40_000, 15_000),
      order('d', 200, 30_000, 10_000),
      order('e', 60, 10_000, 5_000),
      order('f', 5, 1_000, 100),
      order('zz', 1, 1_000, 1_000),
    ];
    const { customers: values, orphanOrders } = recomputeCustomerValue(customers, orders, NOW, SETTINGS);
    expect(orphanOrders).toBe(1);
    // Seven customers: 1 VIP, 1 key, 2 ordinary, 3 small (g never ordered, so small and unranked by RFM).
    expect(values.map((v) => [v.customerId, v.tier, v.tierRank, v.tierProfitCents])).toEqual([
      ['a', 'vip', 1, 60_000],
      ['b', 'key', 2, 20_000],
      ['c', 'ordinary', 3, 15_000],
      ['d', 'ordinary', 4, 10_000],
      ['e', 'small', 5, 5_000],
      ['f', 'small', 6, 100],
      ['g', 'small', 7, 0],
    ]);
    // Six buyers, distinct values: floor(5·(2k+1)/12) + 1 for k = 0..5 → 1, 2, 3, 3, 4, 5.
    // Recency days a 10, b 20, c 30, d 200, e 60, f 5 → worst first d, e, c, b, a, f.
    expect(values.map((v) => v.rfm?.recency ?? null)).toEqual([4, 3, 3, 1, 2, 5, null]);
    expect(values.map((v) => v.rfm?.frequency ?? null)).toEqual([5, 3, 3, 3, 3, 3, null]);
    // a: tenure 100 days → one part-year of ¥600 held flat for 5 years: 60 000 ÷ 1.1ⁿ
    // = 54 545 + 49 587 + 45 079 + 40 981 + 37 255 = 227 447.
    expect(values[0]?.lifetimeValue.clvCents).toBe(227_447);
    expect(values.map((v) => v.lifecycle.stage)).toEqual(['formation', 'exploration', 'exploration', 'decline', 'exploration', 'exploration', 'exploration']);
    expect(values[3]?.lifecycle.reason).toBe('lapsed');
    expect(values[6]?.lifecycle.reason).toBe('no-orders');
  });

  it('counts a duplicated customer id once and leaves future orders out', () => {
    const { customers } = recomputeCustomerValue(['a', 'a'], [order('a', -3, 5000, 5000)], NOW, SETTINGS);
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ tier: 'small', rfm: null, tierProfitCents: 0 });
  });

  it('does not depend on the order of the orders', () => {
    const orders = [order('a', 10, 500, 50), order('b', 400, 900, 90), order('a', 700, 100, 10), order('b', 3, 300, 30), order('c', 50, 800, 80)];
    const forward = recomputeCustomerValue(['a', 'b', 'c'], orders, NOW, SETTINGS);
    expect(recomputeCustomerValue(['a', 'b', 'c'], [...orders].reverse(), NOW, SETTINGS)).toEqual(forward);
  });
});

import { describe, expect, it } from 'vitest';
import { addOrder, CustomerValueSettingsSchema, emptySummary, type OrderSummary, recomputeCustomerValue } from '../../../../../shared/crm/customer-value';
import type { Order } from '../../../../../shared/crm/order';
import {
  figuresDiffer,
  incrementalValue,
  nextNightlyRun,
  orderFromStored,
  rankSummaries,
  rfmAgainstCutoffs,
  rfmCutoffs,
  valueRecord,
} from '../../../../../hub/crm/value-figures';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);
const SETTINGS = CustomerValueSettingsSchema.parse({});
const EXTRAS = { pointsBalance: 0, orderCount: 0, lastOrderAt: null, creditNote: null, computedAt: NOW };

/** A reproducible base: `customers` ids, orders spread over three years, some refunds and losses. */
function base(customers: number, orders: number, seed: number): { ids: string[]; orders: Order[] } {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  const ids = Array.from({ length: customers }, (_, i) => `c${String(i).padStart(4, '0')}`);
  const list = Array.from({ length: orders }, (): Order => {
    const amountCents = random(10) === 0 ? -random(5_000) : random(200_000);
    return { customerId: ids[random(customers)] ?? 'c0000', orderedAt: NOW - random(1_100) * DAY - random(DAY), amountCents, profitCents: amountCents - random(60_000) };
  });
  return { ids, orders: list };
}

const summariesOf = (ids: readonly string[], orders: readonly Order[]): OrderSummary[] => {
  const map = new Map(ids.map((id) => [id, emptySummary(id, SETTINGS)]));
  for (const order of orders) {
    const summary = map.get(order.customerId);
    if (summary) addOrder(summary, order, NOW, SETTINGS);
  }
  return [...map.values()];
};

describe('rankSummaries', () => {
  it('gives what recomputeCustomerValue gives for the same orders', () => {
    for (const seed of [1, 7, 42]) {
      const { ids, orders } = base(300, 2_000, seed);
      const expected = recomputeCustomerValue(ids, orders, NOW, SETTINGS).customers;
      const summaries = summariesOf(ids, orders);
      const { valueFor } = rankSummaries(summaries, NOW, SETTINGS);
      expect(summaries.map(valueFor)).toEqual(expected);
    }
  });

  it('keeps the pyramid cut-offs and the buyers’ count', () => {
    const summaries = summariesOf(['a', 'b', 'c'], [
      { customerId: 'a', orderedAt: NOW - DAY, amountCents: 500, profitCents: 300 },
      { customerId: 'b', orderedAt: NOW - DAY, amountCents: 100, profitCents: 50 },
    ]);
    const { cutoffs } = rankSummaries(summaries, NOW, SETTINGS);
    expect(cutoffs.customers).toBe(3);
    // 3 customers: VIP = 1 place, key up to ceil(0.6) = 1, ordinary up to ceil(1.5) = 2; c has no profit.
    expect(cutoffs.pyramid.map((f) => [f.tier, f.customers, f.minProfitCents])).toEqual([
      ['vip', 1, 300],
      ['key', 0, null],
      ['ordinary', 1, 50],
      ['small', 1, 0],
    ]);
  });
});

describe('RFM against the last run’s cut-offs', () => {
  it('scores every customer of the run as the run did', () => {
    const { ids, orders } = base(500, 3_000, 3);
    const summaries = summariesOf(ids, orders);
    const { valueFor, cutoffs } = rankSummaries(summaries, NOW, SETTINGS);
    for (const summary of summaries) {
      const run = valueFor(summary).rfm;
      const again = rfmAgainstCutoffs(summary, cutoffs.rfm, NOW);
      expect(again, summary.customerId).toEqual(run);
    }
  });

  it('reads the quintile edges: lowest value per score for F and M, most days per score for R', () => {
    const rfm = [1, 2, 3, 4, 5].map((score, i) => ({
      customerId: `c${i}`,
      recency: score as 1 | 2 | 3 | 4 | 5,
      frequency: score as 1 | 2 | 3 | 4 | 5,
      monetary: score as 1 | 2 | 3 | 4 | 5,
      recencyDays: 50 - score * 10,
      orderCount: score * 2,
      revenueCents: score * 1_000,
    }));
    expect(rfmCutoffs(rfm)).toEqual({ recencyMaxDays: [40, 30, 20, 10, 0], frequencyMin: [2, 4, 6, 8, 10], monetaryMin: [1_000, 2_000, 3_000, 4_000, 5_000] });
    const summary = { ...emptySummary('n', SETTINGS), lastOrderAt: NOW - 25 * DAY, rfmOrderCount: 7, rfmRevenueCents: 99_999 };
    // 25 days: within score 2's 30 (not 3's 20); 7 orders reach score 3's 6 (not 4's 8); ¥999.99 tops every edge.
    expect(rfmAgainstCutoffs(summary, rfmCutoffs(rfm), NOW)).toMatchObject({ recency: 2, frequency: 3, monetary: 5, recencyDays: 25 });
  });

  it('scores a neutral 3 before any run, and nothing for a customer who never ordered', () => {
    const summary = { ...emptySummary('n', SETTINGS), lastOrderAt: NOW - DAY, rfmOrderCount: 1, rfmRevenueCents: 100 };
    expect(rfmAgainstCutoffs(summary, rfmCutoffs([]), NOW)).toMatchObject({ recency: 3, frequency: 3, monetary: 3 });
    expect(rfmAgainstCutoffs(emptySummary('n', SETTINGS), rfmCutoffs([]), NOW)).toBeNull();
  });
});

describe('incrementalValue', () => {
  const buyer = (profitCents: number) => {
    const summary = emptySummary('x', SETTINGS);
    addOrder(summary, { customerId: 'x', orderedAt: NOW - DAY, amountCents: profitCents * 2, profitCents }, NOW, SETTINGS);
    return summary;
  };
  const run = rankSummaries(
    summariesOf(['a', 'b', 'c', 'd'], [
      { customerId: 'a', orderedAt: NOW - DAY, amountCents: 2_000, profitCents: 1_000 },
      { customerId: 'b', orderedAt: NOW - DAY, amountCents: 1_000, profitCents: 500 },
    ]),
    NOW,
    SETTINGS,
  ).cutoffs;

  it('places the customer against the last run’s pyramid without re-ranking', () => {
    expect(incrementalValue(buyer(1_000), run, 'small', 4, NOW, SETTINGS)).toMatchObject({ tier: 'vip', tierRank: 4, tierProfitCents: 1_000 });
    expect(incrementalValue(buyer(999), run, 'vip', 1, NOW, SETTINGS).tier).not.toBe('vip');
    expect(incrementalValue(buyer(0), run, 'vip', 1, NOW, SETTINGS).tier).toBe('small');
  });

  it('keeps the tier the customer has until a first full run draws the pyramid', () => {
    expect(incrementalValue(buyer(1), null, 'key', null, NOW, SETTINGS)).toMatchObject({ tier: 'key', tierRank: 1 });
  });
});

describe('figuresDiffer', () => {
  const value = rankSummaries(summariesOf(['a'], [{ customerId: 'a', orderedAt: NOW - 400 * DAY, amountCents: 2_000, profitCents: 1_000 }]), NOW, SETTINGS);
  const record = valueRecord(value.valueFor(summariesOf(['a'], [{ customerId: 'a', orderedAt: NOW - 400 * DAY, amountCents: 2_000, profitCents: 1_000 }])[0] ?? emptySummary('a', SETTINGS)), EXTRAS);

  it('ignores when the figures were computed and where the periods fall', () => {
    const later = { ...record, computedAt: NOW + 1, lifetimeValue: { ...record.lifetimeValue, history: record.lifetimeValue.history.map((h) => ({ ...h, from: h.from + 1, to: h.to + 1 })) } };
    expect(figuresDiffer(record, later)).toBe(false);
    // The record reads back from its JSON exactly as built.
    expect(figuresDiffer(record, JSON.parse(JSON.stringify(record)))).toBe(false);
  });

  it('sees any figure a person reads', () => {
    expect(figuresDiffer(record, { ...record, tier: 'key' })).toBe(true);
    expect(figuresDiffer(record, { ...record, lifecycle: { ...record.lifecycle, recencyDays: 401 } })).toBe(true);
    expect(figuresDiffer(record, { ...record, pointsBalance: 1 })).toBe(true);
  });
});

describe('orderFromStored', () => {
  it('counts revenue as contribution when the shop sent no profit', () => {
    expect(orderFromStored({ customerId: 'a', occurredAt: NOW, amount: 1_500, profit: null })).toEqual({ customerId: 'a', orderedAt: NOW, amountCents: 1_500, profitCents: 1_500 });
    expect(orderFromStored({ customerId: 'a', occurredAt: NOW, amount: 1_500, profit: -200 }).profitCents).toBe(-200);
  });
});

describe('nextNightlyRun', () => {
  it('is the next 02:00 in the hub’s zone, never now', () => {
    // 01:00 in Shanghai (UTC+8) on 2 March → 02:00 the same night.
    expect(nextNightlyRun(Date.parse('2026-03-01T17:00:00Z'), 'Asia/Shanghai', 2)).toBe(Date.parse('2026-03-01T18:00:00Z'));
    // At 02:00 exactly → the next night.
    expect(nextNightlyRun(Date.parse('2026-03-01T18:00:00Z'), 'Asia/Shanghai', 2)).toBe(Date.parse('2026-03-02T18:00:00Z'));
  });

  it('runs at the jump when 02:00 does not exist (spring forward)', () => {
    // Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST at 01:00 UTC.
    expect(nextNightlyRun(Date.parse('2026-03-28T23:30:00Z'), 'Europe/Berlin', 2)).toBe(Date.parse('2026-03-29T01:00:00Z'));
  });
});

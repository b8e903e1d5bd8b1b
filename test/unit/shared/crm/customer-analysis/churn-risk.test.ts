import { describe, expect, it } from 'vitest';
import { type ChurnFigures, churnRisk, compareChurn } from '../../../../../shared/crm/analysis/churn-risk';

const figures = (over: Partial<ChurnFigures> = {}): ChurnFigures => ({ tier: 'vip', stage: 'stability', profitCents: 100_000, recency: 4, clvCents: 500_000, ...over });

describe('churnRisk', () => {
  it('flags a VIP or key customer in decline even without an earlier snapshot', () => {
    expect(churnRisk(figures({ stage: 'decline' }), null)).toEqual({ reasons: ['decline'], valueAtRiskCents: 500_000, profitDropCents: 0 });
    expect(churnRisk(figures({ tier: 'key', stage: 'decline' }), null)?.reasons).toEqual(['decline']);
  });

  it('leaves ordinary and small customers out, unless they were valuable at the snapshot', () => {
    expect(churnRisk(figures({ tier: 'ordinary', stage: 'decline' }), null)).toBeNull();
    expect(churnRisk(figures({ tier: 'small', stage: 'decline' }), { tier: 'small', profitCents: 900_000, recency: 5 })).toBeNull();
    // A VIP who dropped to ordinary is the very customer to call.
    expect(churnRisk(figures({ tier: 'ordinary', profitCents: 10_000 }), { tier: 'vip', profitCents: 200_000, recency: 4 })?.reasons).toEqual(['profit-fell']);
  });

  it('names every sign that fired: recency score down, profit down', () => {
    const verdict = churnRisk(figures({ stage: 'decline', recency: 2, profitCents: 40_000 }), { tier: 'vip', profitCents: 100_000, recency: 4 });
    expect(verdict).toEqual({ reasons: ['decline', 'recency-fell', 'profit-fell'], valueAtRiskCents: 500_000, profitDropCents: 60_000 });
  });

  it('is quiet for a steady customer, or one whose figures rose', () => {
    expect(churnRisk(figures(), { tier: 'vip', profitCents: 100_000, recency: 4 })).toBeNull();
    expect(churnRisk(figures({ recency: 5, profitCents: 150_000 }), { tier: 'vip', profitCents: 100_000, recency: 4 })).toBeNull();
    // No recency score on one side (no orders then): not a fall.
    expect(churnRisk(figures({ recency: null }), { tier: 'vip', profitCents: 100_000, recency: 4 })).toBeNull();
  });

  it('puts the profit at risk when the CLV projection is nothing', () => {
    expect(churnRisk(figures({ stage: 'decline', clvCents: 0, profitCents: 30_000 }), { tier: 'key', profitCents: 80_000, recency: 3 })?.valueAtRiskCents).toBe(80_000);
  });

  it('ranks by value at risk, then profit drop, then id', () => {
    const rows = [
      { customerId: 'B', reasons: [], valueAtRiskCents: 10, profitDropCents: 5 },
      { customerId: 'A', reasons: [], valueAtRiskCents: 10, profitDropCents: 5 },
      { customerId: 'C', reasons: [], valueAtRiskCents: 10, profitDropCents: 9 },
      { customerId: 'D', reasons: [], valueAtRiskCents: 99, profitDropCents: 0 },
    ];
    expect(rows.sort(compareChurn).map((r) => r.customerId)).toEqual(['D', 'C', 'A', 'B']);
  });
});

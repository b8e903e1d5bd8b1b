import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  adjust,
  earn,
  InsufficientPointsError,
  LoyaltySettingsSchema,
  type PointsEntry,
  pointsBalance,
  pointsForOrder,
  redeem,
} from '../../../../shared/crm/loyalty-points';

const AT = Date.UTC(2026, 10, 24, 12);
const DEFAULTS = LoyaltySettingsSchema.parse({});
const NEAREST = LoyaltySettingsSchema.parse({ rounding: 'nearest' });

const LEDGER: PointsEntry[] = [
  { kind: 'earned', at: AT, points: 50, orderRef: 'SO-1' },
  { kind: 'earned', at: AT + 1, points: 30, orderRef: 'SO-2' },
  { kind: 'redeemed', at: AT + 2, points: 60, reference: 'coupon-7' },
  { kind: 'adjusted', at: AT + 3, points: -5, reason: 'SO-2 partly refunded' },
  { kind: 'adjusted', at: AT + 4, points: 10, reason: 'goodwill for complaint 12' },
];

describe('pointsForOrder', () => {
  it('gives 1 point per full ¥10 by default', () => {
    // 1 999 fen = ¥19.99 → floor(1.999) = 1; ¥10.00 → 1; ¥9.99 → 0.
    expect([1999, 1000, 999, 123_456].map((fen) => pointsForOrder(fen, DEFAULTS))).toEqual([1, 1, 0, 123]);
  });

  it('rounds halves up when set to nearest', () => {
    // ¥15.00 → 1.5 → 2; ¥14.99 → 1; ¥9.99 → 1; ¥4.99 → 0.
    expect([1500, 1499, 999, 499].map((fen) => pointsForOrder(fen, NEAREST))).toEqual([2, 1, 1, 0]);
  });

  it('scales by points per unit and gives nothing for refunds', () => {
    const double = LoyaltySettingsSchema.parse({ points: 2 });
    expect(pointsForOrder(2500, double)).toBe(4);
    expect(pointsForOrder(-5000, DEFAULTS)).toBe(0);
    expect(pointsForOrder(0, DEFAULTS)).toBe(0);
  });

  it('refuses a zero or fractional rule', () => {
    expect(LoyaltySettingsSchema.safeParse({ perCents: 0 }).success).toBe(false);
    expect(LoyaltySettingsSchema.safeParse({ points: 1.5 }).success).toBe(false);
    expect(DEFAULTS).toEqual({ perCents: 1000, points: 1, rounding: 'down' });
  });
});

describe('pointsBalance', () => {
  it('folds the ledger in append order', () => {
    // 50 + 30 − 60 − 5 + 10 = 25.
    expect(pointsBalance(LEDGER)).toEqual({ balance: 25, earned: 80, redeemed: 60, adjusted: 5 });
    expect(pointsBalance([])).toEqual({ balance: 0, earned: 0, redeemed: 0, adjusted: 0 });
  });

  it('refuses a stored ledger that goes below zero, naming the line', () => {
    const bad: PointsEntry[] = [LEDGER[0] as PointsEntry, { kind: 'redeemed', at: AT, points: 51, reference: 'x' }];
    const error = (() => {
      try {
        pointsBalance(bad);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InsufficientPointsError);
    expect(error).toMatchObject({ code: 'insufficient-points', balance: 50, requested: 51, entryIndex: 1 });
  });
});

describe('redeem', () => {
  it('may take the balance to exactly zero', () => {
    const entry = redeem(LEDGER, 25, AT + 9, 'coupon-8');
    expect(entry).toEqual({ kind: 'redeemed', at: AT + 9, points: 25, reference: 'coupon-8' });
    expect(pointsBalance([...LEDGER, entry]).balance).toBe(0);
  });

  it('refuses to go below zero with the balance and the request', () => {
    expect(() => redeem(LEDGER, 26, AT, 'coupon-9')).toThrow(InsufficientPointsError);
    expect(() => redeem(LEDGER, 26, AT, 'coupon-9')).toThrow('cannot take 26 points from a balance of 25');
  });

  it('refuses zero, negative and fractional points', () => {
    for (const points of [0, -5, 1.5]) expect(() => redeem(LEDGER, points, AT, 'c')).toThrow(ZodError);
  });
});

describe('adjust', () => {
  it('records a signed adjustment with its reason', () => {
    expect(adjust(LEDGER, -25, AT, '  clawback SO-1 ')).toEqual({ kind: 'adjusted', at: AT, points: -25, reason: 'clawback SO-1' });
    expect(adjust([], 100, AT, 'welcome gift')).toMatchObject({ points: 100 });
  });

  it('refuses an adjustment with no reason, of 0, or that overdraws', () => {
    expect(() => adjust(LEDGER, 5, AT, '   ')).toThrow(ZodError);
    expect(() => adjust(LEDGER, 0, AT, 'nothing')).toThrow(ZodError);
    expect(() => adjust(LEDGER, -26, AT, 'clawback')).toThrow(InsufficientPointsError);
  });
});

describe('earn', () => {
  it('makes an earned line for an order, or none when it earns nothing', () => {
    expect(earn('SO-3', 25_000, AT, DEFAULTS)).toEqual({ kind: 'earned', at: AT, points: 25, orderRef: 'SO-3' });
    expect(earn('SO-4', 999, AT, DEFAULTS)).toBeNull();
  });
});

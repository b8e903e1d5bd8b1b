import { describe, expect, it } from 'vitest';
import { dateInputValue, orderDateToMs, orderRequest, parseAmount, pointsRequest } from '../../../../../renderer/features/customer-value/value-form';

const CUSTOMER = '01JD0000000000000000000001';

describe('parseAmount', () => {
  it('reads yuan with up to two decimals into fen, exactly', () => {
    expect(parseAmount('128.5')).toBe(12_850);
    expect(parseAmount(' 1,280.05 ')).toBe(128_005);
    expect(parseAmount('0.1')).toBe(10);
    expect(parseAmount('-20')).toBe(-2_000);
    // 0.29 · 100 is 28.999… in floating point; the digits are added as integers.
    expect(parseAmount('0.29')).toBe(29);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '1.234', '1e3', '--1', '12.']) expect(parseAmount(bad), bad).toBeNull();
  });
});

describe('orderDateToMs', () => {
  it('is noon that day in the desk’s zone, and refuses impossible dates', () => {
    const at = orderDateToMs('2026-11-24');
    expect(at).not.toBeNull();
    expect(dateInputValue(at ?? 0)).toBe('2026-11-24');
    expect(new Date(at ?? 0).getHours()).toBe(12);
    expect(orderDateToMs('2026-02-30')).toBeNull();
    expect(orderDateToMs('')).toBeNull();
  });
});

describe('orderRequest', () => {
  const form = { orderNo: ' PH-7 ', amount: '99.90', profit: '', currency: 'CNY', items: ' Tea ', orderedAt: '2026-11-24' };

  it('turns the form into the order:add request, profit only when typed', () => {
    const result = orderRequest(CUSTOMER, form);
    expect(result).toEqual({ ok: true, request: { customerId: CUSTOMER, orderNo: 'PH-7', amountCents: 9_990, currency: 'CNY', items: 'Tea', orderedAt: orderDateToMs('2026-11-24') } });
    const withProfit = orderRequest(CUSTOMER, { ...form, profit: '20' });
    expect(withProfit.ok && withProfit.request.profitCents).toBe(2_000);
  });

  it('names every wrong field', () => {
    expect(orderRequest(CUSTOMER, { ...form, orderNo: ' ', amount: 'x', profit: '1.001', orderedAt: '' })).toEqual({ ok: false, errors: ['orderNo', 'amount', 'profit', 'orderedAt'] });
  });
});

describe('pointsRequest', () => {
  it('sends a signed adjustment with its reason, a positive redemption with its reference', () => {
    expect(pointsRequest(CUSTOMER, { kind: 'adjust', points: '-30', text: ' Refund ' })).toEqual({ ok: true, request: { customerId: CUSTOMER, kind: 'adjust', points: -30, reason: 'Refund' } });
    expect(pointsRequest(CUSTOMER, { kind: 'redeem', points: '50', text: 'VOUCHER-7' })).toEqual({ ok: true, request: { customerId: CUSTOMER, kind: 'redeem', points: 50, reference: 'VOUCHER-7' } });
  });

  it('refuses 0, fractions, a negative redemption and a missing reason', () => {
    expect(pointsRequest(CUSTOMER, { kind: 'adjust', points: '0', text: '' })).toEqual({ ok: false, errors: ['points', 'text'] });
    expect(pointsRequest(CUSTOMER, { kind: 'adjust', points: '1.5', text: 'x' })).toEqual({ ok: false, errors: ['points'] });
    expect(pointsRequest(CUSTOMER, { kind: 'redeem', points: '-5', text: 'x' })).toEqual({ ok: false, errors: ['points'] });
  });
});

import { describe, expect, it } from 'vitest';
import { mapHeader, normalizeHeader } from '../../../../../shared/crm/order-import/columns';

describe('mapHeader', () => {
  it('maps English headers whatever the case, spacing or underscores', () => {
    expect(mapHeader(['Order_ID', 'customer  Number', 'Ordered-At', 'AMOUNT', 'Profit', 'Products'])).toEqual({
      ok: true,
      columns: { orderId: 0, customerRef: 1, orderedAt: 2, amount: 3, profit: 4, products: 5 },
      ignored: [],
    });
  });

  it('maps Chinese headers, units in brackets included, and lists unknown columns', () => {
    expect(mapHeader(['客户编号', '订单号', '备注', '下单时间', '金额（元）', '利润(元)', '商品', ''])).toEqual({
      ok: true,
      columns: { customerRef: 0, orderId: 1, orderedAt: 3, amount: 4, profit: 5, products: 6 },
      ignored: ['备注'],
    });
  });

  it('leaves optional columns out', () => {
    const result = mapHeader(['order id', 'customer', 'date', 'total']);
    expect(result).toMatchObject({ ok: true, columns: { profit: null, products: null } });
  });

  it('names every missing required column, in both languages', () => {
    const result = mapHeader(['订单号', 'amount', 'notes']);
    expect(result).toMatchObject({ ok: false, code: 'missing-column', missing: ['customerRef', 'orderedAt'] });
    expect(result.ok ? '' : result.message).toBe(
      'Missing column: customerRef (e.g. "customer number" or "客户编号"), orderedAt (e.g. "ordered at" or "下单时间")',
    );
  });

  it('refuses two columns meaning the same field', () => {
    expect(mapHeader(['订单号', 'customer', 'date', '金额', 'Amount'])).toMatchObject({
      ok: false,
      code: 'duplicate-column',
      field: 'amount',
      headers: ['金额', 'Amount'],
    });
  });

  it('normalizes headers', () => {
    expect(normalizeHeader(' Amount (CNY): ')).toBe('amount');
    expect(normalizeHeader('ＯＲＤＥＲ　ＩＤ')).toBe('order id'); // full-width letters and space
  });
});

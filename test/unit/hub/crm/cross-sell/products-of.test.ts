import { describe, expect, it } from 'vitest';
import { productsOf } from '../../../../../hub/crm/cross-sell/cross-sell-store';

describe('productsOf', () => {
  it('splits an order’s items on the separators the order import reads', () => {
    // The importer joins with "; "; a hand-typed order may use the Chinese separators or a bar.
    expect(productsOf('Tea set; Teapot')).toEqual(['Tea set', 'Teapot']);
    expect(productsOf('茶具；茶壶、茶杯|Cups')).toEqual(['茶具', '茶壶', '茶杯', 'Cups']);
  });

  it('drops blanks and a name cut short by the items limit', () => {
    expect(productsOf(' ; ;Teapot;  ')).toEqual(['Teapot']);
    expect(productsOf('Tea set; Long product na…')).toEqual(['Tea set']);
    expect(productsOf('')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseAmountCents } from '../../../../../shared/crm/order-import/amount';

const cents = (raw: string, sep: '.' | ',' = '.') => {
  const result = parseAmountCents(raw, sep);
  return result.ok ? result.cents : result.problem;
};

describe('parseAmountCents', () => {
  it('reads yuan with a decimal point into integer fen', () => {
    expect(cents('1234.5')).toBe(123_450); // 1234 × 100 + 50
    expect(cents('¥1,234.50')).toBe(123_450);
    expect(cents('￥1,234.50')).toBe(123_450); // full-width yuan sign
    expect(cents('1 234.50')).toBe(123_450);
    expect(cents('1\u00a0234.50')).toBe(123_450); // no-break space from Excel
    expect(cents('1,234,567.89')).toBe(123_456_789); // 1 234 567 × 100 + 89
    expect(cents('CNY 99')).toBe(9_900);
    expect(cents('99.9元')).toBe(9_990);
    expect(cents('１２３元')).toBe(12_300); // full-width digits
    expect(cents('0.07')).toBe(7);
    expect(cents('0')).toBe(0);
    expect(cents('12.500')).toBe(1_250); // trailing zeros are not extra precision
  });

  it('reads negatives written four ways', () => {
    expect(cents('-12.50')).toBe(-1_250);
    expect(cents('¥-12.50')).toBe(-1_250);
    expect(cents('RMB -5')).toBe(-500);
    expect(cents('(12.50)')).toBe(-1_250); // accounting brackets
    expect(cents('12.50-')).toBe(-1_250); // trailing minus from some ERPs
    expect(cents('−3')).toBe(-300); // U+2212 minus sign
    expect(cents('-0')).toBe(0);
  });

  it('reads the decimal-comma convention only when set, and says why otherwise', () => {
    expect(cents('1 234,50', ',')).toBe(123_450);
    expect(cents('1.234,50', ',')).toBe(123_450);
    expect(cents('1.234', ',')).toBe(123_400); // a thousands dot under this setting
    expect(cents('1,234')).toBe(123_400); // and a thousands comma under the default
    expect(cents('1 234,50')).toBe('wrong-decimal-separator');
    expect(cents('12,50')).toBe('wrong-decimal-separator');
    expect(cents('1,234.50', ',')).toBe('wrong-decimal-separator');
  });

  it('refuses sub-fen precision instead of rounding money', () => {
    expect(cents('12.345')).toBe('too-many-decimals');
    expect(cents('0.001')).toBe('too-many-decimals');
  });

  it('refuses other currencies, non-numbers and spreadsheet noise', () => {
    expect(cents('$12.00')).toBe('foreign-currency');
    expect(cents('12 EUR')).toBe('foreign-currency');
    for (const raw of ['', 'abc', '1e3', '#VALUE!', '12.5.0', '1,23,456', '.5', '¥', '--5', '1 2', '(-5)', '5--']) {
      expect(cents(raw), raw).toBe('not-a-number');
    }
  });

  it('keeps amounts within ±1 000 000 000 yuan', () => {
    expect(cents('1,000,000,000.00')).toBe(100_000_000_000);
    expect(cents('-1000000000')).toBe(-100_000_000_000);
    expect(cents('1000000000.01')).toBe('out-of-range');
    expect(cents('99999999999999999999')).toBe('out-of-range');
  });

  it('quotes the cell in the detail', () => {
    expect(parseAmountCents('12,50', '.')).toEqual({
      ok: false,
      problem: 'wrong-decimal-separator',
      detail: '"12,50" uses "," as the decimal separator; this import reads "." (a setting)',
    });
  });
});

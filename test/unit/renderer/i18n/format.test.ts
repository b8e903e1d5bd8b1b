import { describe, expect, it } from 'vitest';
import { formatDuration, formatMoney, minorToDecimal } from '../../../../renderer/i18n/format';

describe('minorToDecimal', () => {
  it('places the decimal point without floating point', () => {
    expect(minorToDecimal(123456, 2)).toBe('1234.56');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-1999, 2)).toBe('-19.99');
    expect(minorToDecimal(500, 0)).toBe('500');
    // 2^53 - 1 fen is still exact.
    expect(minorToDecimal(9_007_199_254_740_991, 2)).toBe('90071992547409.91');
  });
});

describe('formatMoney', () => {
  it('formats minor units in the currency of the order', () => {
    expect(formatMoney(123456, 'CNY', 'zh-CN')).toBe('¥1,234.56');
    expect(formatMoney(123456, 'USD', 'en')).toBe('$1,234.56');
    // Yen has no minor unit: 500 is ¥500.
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
  });
});

describe('formatDuration', () => {
  it('reads like a call timer', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(245)).toBe('4:05');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});

/**
 * Money cells → integer cents (fen), without floating point: "¥1,234.50" is
 * 123 450 cents exactly. Accepted: a yuan sign (¥ or full-width ￥), CNY/RMB
 * before or after, 元 after; a sign before or after the currency; accounting
 * brackets "(12.50)" for a negative; thousands grouped by the non-decimal
 * separator or a space (also no-break and thin spaces); full-width digits.
 * Refused with a specific detail: other currencies (one import is one
 * currency), more than two decimals that are not zeros (no silent rounding of
 * money), the other decimal convention, exponent notation, Excel errors.
 */

export type AmountProblem = 'not-a-number' | 'wrong-decimal-separator' | 'foreign-currency' | 'too-many-decimals' | 'out-of-range';

export type AmountResult = { ok: true; cents: number } | { ok: false; problem: AmountProblem; detail: string };

/** ±1 000 000 000 yuan, the bounds of CentsSchema in ../order.ts: sums over a million orders stay exact. */
export const MAX_ABS_CENTS = 1_000_000_000_00;

const CURRENCY_BEFORE = /^(?:¥|CNY|RMB)\s*/i;
const CURRENCY_AFTER = /\s*(?:元|CNY|RMB)$/i;
const FOREIGN = /[$€£₩₹]|USD|EUR|GBP|HKD|JPY/i;

/** Most cells; NFKC is the slow part of a million-row import and does nothing to them. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const POINT_STYLE = /^(?:\d{1,3}(?:(,| )\d{3})(?:\1\d{3})*|\d+)(?:\.(\d+))?$/;
const COMMA_STYLE = /^(?:\d{1,3}(?:(\.| )\d{3})(?:\1\d{3})*|\d+)(?:,(\d+))?$/;

/** The usual cell, "12.34": read without the general path below. */
const PLAIN = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

export function parseAmountCents(raw: string, decimalSeparator: '.' | ','): AmountResult {
  const plain = decimalSeparator === '.' ? PLAIN.exec(raw) : null;
  if (plain) {
    const cents = Number(plain[1]) * 100 + Number((plain[2] ?? '').padEnd(2, '0'));
    return cents > MAX_ABS_CENTS ? outOfRange(raw) : { ok: true, cents };
  }
  // NFKC: full-width digits, ￥ → ¥, no-break and thin spaces → space.
  let s = (PRINTABLE_ASCII.test(raw) ? raw : raw.normalize('NFKC').replace(/\u2212/g, '-')).trim();
  // One sign at most, before or after the currency: "--5" and "(-5)" are typos, not amounts.
  let sign: 1 | -1 | null = null;
  if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1).trim();
  }
  if (sign === null && /^[-+]/.test(s)) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1).trim();
  }
  s = s.replace(CURRENCY_BEFORE, '');
  if (sign === null && /^[-+]/.test(s)) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1).trim();
  }
  s = s.replace(CURRENCY_AFTER, '');
  if (sign === null && s.endsWith('-')) {
    sign = -1; // "12.50-" from some ERPs
    s = s.slice(0, -1).trim();
  }
  if (FOREIGN.test(s)) return { ok: false, problem: 'foreign-currency', detail: `"${raw}" is not in yuan; one import is one currency` };

  const mine = decimalSeparator === '.' ? POINT_STYLE : COMMA_STYLE;
  const other = decimalSeparator === '.' ? COMMA_STYLE : POINT_STYLE;
  const match = mine.exec(s);
  if (!match) {
    if (other.test(s)) {
      return {
        ok: false,
        problem: 'wrong-decimal-separator',
        detail: `"${raw}" uses "${decimalSeparator === '.' ? ',' : '.'}" as the decimal separator; this import reads "${decimalSeparator}" (a setting)`,
      };
    }
    return { ok: false, problem: 'not-a-number', detail: `"${raw}" is not an amount` };
  }
  const integerDigits = (match[0].split(decimalSeparator)[0] ?? '').replace(/[^\d]/g, '');
  const fraction = match[2] ?? '';
  if (fraction.length > 2 && /[^0]/.test(fraction.slice(2))) {
    return { ok: false, problem: 'too-many-decimals', detail: `"${raw}" has more than two decimals; amounts are kept to the fen` };
  }
  if (integerDigits.replace(/^0+/, '').length > 12) return outOfRange(raw);
  const cents = Number(integerDigits) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (cents > MAX_ABS_CENTS) return outOfRange(raw);
  return { ok: true, cents: sign === -1 && cents !== 0 ? -cents : cents };
}

function outOfRange(raw: string): AmountResult {
  return { ok: false, problem: 'out-of-range', detail: `"${raw}" is more than ${MAX_ABS_CENTS / 100} yuan either way` };
}

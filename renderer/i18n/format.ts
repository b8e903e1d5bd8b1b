import type { Locale } from './translate';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!(format instanceof Intl.DateTimeFormat)) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

export const formatDateTime = (ms: number, locale: Locale): string =>
  dateFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(ms);

export const formatDate = (ms: number, locale: Locale): string =>
  dateFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(ms);

export const formatTime = (ms: number, locale: Locale): string =>
  dateFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(ms);

/** "4:05", "1:02:03": how a call-centre reads a call length. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Minor units (fen, cents) to an exact decimal string — "123456", 2 → "1234.56" —
 * so money is never divided in floating point on its way to the screen.
 */
export function minorToDecimal(amount: number, fractionDigits: number): string {
  const negative = amount < 0;
  const digits = String(Math.abs(Math.trunc(amount)));
  if (fractionDigits <= 0) return `${negative ? '-' : ''}${digits}`;
  const padded = digits.padStart(fractionDigits + 1, '0');
  const whole = padded.slice(0, -fractionDigits);
  const fraction = padded.slice(-fractionDigits);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

const isDecimal = (value: string): value is `${number}` => /^-?\d+(\.\d+)?$/.test(value);

function currencyFormat(locale: Locale, currency: string): Intl.NumberFormat {
  const key = `c|${locale}|${currency}`;
  let format = cache.get(key);
  if (!(format instanceof Intl.NumberFormat)) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    cache.set(key, format);
  }
  return format;
}

/** An order amount in minor units, in the currency's own number of decimals (JPY 0, CNY 2, …). */
export function formatMoney(amountMinor: number, currency: string, locale: Locale): string {
  let format: Intl.NumberFormat;
  try {
    format = currencyFormat(locale, currency.toUpperCase());
  } catch {
    return `${minorToDecimal(amountMinor, 2)} ${currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // Intl formats decimal strings exactly (ES2023 Intl.NumberFormat v3).
  const decimal = minorToDecimal(amountMinor, digits);
  return isDecimal(decimal) ? format.format(decimal) : decimal;
}

import type { Locale } from '../../i18n/translate';

const formats = new Map<Locale, Intl.DateTimeFormat>();

/** "14:05:09" in the user's language: the live view says to the second how fresh its figures are. */
export function formatClock(ms: number, locale: Locale): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(locale, format);
  }
  return format.format(ms);
}

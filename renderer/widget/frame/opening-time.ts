import type { VisitorLocale } from '../../../shared/protocol/visitor';
import type { WidgetText } from '../i18n/widget-text';

/** The calendar day of an instant in a time zone, as a day count, so "tomorrow" follows the visitor's clock. */
function dayNumber(ms: number, locale: VisitorLocale, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Math.round(Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000);
}

/**
 * When a closed chat queue opens next, in the visitor's own words and time
 * zone: "today at 9:00 AM", "tomorrow at 9:00 AM", "Monday at 9:00 AM", or a
 * date when it is more than a week away.
 */
export function formatNextOpening(t: WidgetText, nextOpenAt: number, now: number, locale: VisitorLocale, timeZone?: string): string {
  const days = dayNumber(nextOpenAt, locale, timeZone) - dayNumber(now, locale, timeZone);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(nextOpenAt);
  let day: string;
  if (days <= 1) day = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.max(0, days), 'day');
  else if (days < 7) day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long' }).format(nextOpenAt);
  else day = new Intl.DateTimeFormat(locale, { timeZone, month: 'long', day: 'numeric', weekday: 'long' }).format(nextOpenAt);
  return t('closed.dayTime', { day, time });
}

import type { ReportGroup, ReportLine } from '../../../shared/protocol/reports';
import { formatDuration } from '../../i18n/format';
import type { Locale, Translate } from '../../i18n/translate';

const CHANNELS = ['call', 'video', 'chat', 'sms', 'email'] as const;
const isChannel = (key: string): key is (typeof CHANNELS)[number] => (CHANNELS as readonly string[]).includes(key);

/** A group's name as the supervisor reads it: the hub's label, else the channel or "none" in their language. */
export function lineName(t: Translate, groupBy: ReportGroup, line: ReportLine): string {
  if (line.label !== null) return line.label;
  if (groupBy === 'channel' && isChannel(line.key)) return t(`channel.${line.key}`);
  if (line.key === '') return t(groupBy === 'agent' ? 'reports.noAgent' : 'reports.noDisposition');
  return line.key;
}

/** "42.9%"; "—" where nothing was measured (a zero denominator is not 0 %). */
export function formatPercent(t: Translate, value: number | null, locale: Locale): string {
  if (value === null) return t('reports.noFigure');
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** Seconds as a call-centre clock ("0:14", "1:02:03"); "—" where nothing was measured. */
export function formatSeconds(t: Translate, value: number | null): string {
  return value === null ? t('reports.noFigure') : formatDuration(Math.round(value));
}

/** The chart's step labels in the supervisor's zone: "3/1" or "3月1日" by day, "09:00" by hour (with the date when the range spans days). */
export function stepLabel(start: number, interval: 'day' | 'hour', locale: Locale, timeZone: string, spansDays: boolean): string {
  const day: Intl.DateTimeFormatOptions = { month: 'numeric', day: 'numeric' };
  const hour: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  const options = interval === 'day' ? day : spansDays ? { ...day, ...hour } : hour;
  return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(start);
}

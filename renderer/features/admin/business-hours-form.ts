import type { BusinessHours, OpenRange, Weekday } from '../../../shared/domain/routing';

/** Monday first, as rotas in the centre are written. */
export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** The zones the centre's sites are in; a queue already set to another zone keeps it in the list. */
export const COMMON_TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
] as const;

/** Business hours as the editor holds them: every weekday present (empty = closed), holidays one per row. */
export type HoursDraft = {
  /** Off = the queue has hours; the rows are kept while toggling so nothing typed is lost. */
  alwaysOpen: boolean;
  timeZone: string;
  weekly: Record<Weekday, OpenRange[]>;
  holidays: string[];
};

const OFFICE_DAY: OpenRange = { open: '09:00', close: '18:00' };

const weekOf = (rangesOn: (day: Weekday) => OpenRange[]): Record<Weekday, OpenRange[]> => ({
  mon: rangesOn('mon'),
  tue: rangesOn('tue'),
  wed: rangesOn('wed'),
  thu: rangesOn('thu'),
  fri: rangesOn('fri'),
  sat: rangesOn('sat'),
  sun: rangesOn('sun'),
});

/** A new timetable starts as office hours in Beijing time, the most common case here. */
const officeWeek = () => weekOf((day) => (WORKDAYS.includes(day) ? [{ ...OFFICE_DAY }] : []));

export function hoursDraftFrom(hours: BusinessHours | null): HoursDraft {
  if (!hours) return { alwaysOpen: true, timeZone: 'Asia/Shanghai', weekly: officeWeek(), holidays: [] };
  const weekly = weekOf((day) => (hours.weekly[day] ?? []).map((range) => ({ ...range })));
  return { alwaysOpen: false, timeZone: hours.timeZone, weekly, holidays: [...hours.holidays] };
}

/** null = always open. Closed days are left out, as the schema has them. Checking is the schema's job. */
export function businessHoursFrom(draft: HoursDraft): BusinessHours | null {
  if (draft.alwaysOpen) return null;
  const weekly: BusinessHours['weekly'] = {};
  for (const day of WEEK) {
    const ranges = draft.weekly[day];
    if (ranges.length > 0) weekly[day] = ranges.map((range) => ({ open: range.open.trim(), close: range.close.trim() }));
  }
  return { timeZone: draft.timeZone, weekly, holidays: draft.holidays.map((day) => day.trim()) };
}

/** "Same as Monday" for Tuesday to Friday: most queues keep one timetable through the working week. */
export function copyToWorkdays(draft: HoursDraft, from: Weekday): HoursDraft {
  const source = draft.weekly[from];
  const weekly = { ...draft.weekly };
  for (const day of WORKDAYS) if (day !== from) weekly[day] = source.map((range) => ({ ...range }));
  return { ...draft, weekly };
}

export function timeZoneChoices(current: string): string[] {
  const common: readonly string[] = COMMON_TIME_ZONES;
  return common.includes(current) ? [...common] : [current, ...common];
}

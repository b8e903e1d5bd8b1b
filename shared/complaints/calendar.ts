import { z } from 'zod';
import { BusinessHoursSchema, IsoDateSchema, type OpenRange, type Weekday, WeekdaySchema } from '../domain/routing';
import { firstInstantAtWall, wallAt } from '../routing/zoned-time';

/**
 * The working calendar SLA clocks count in: the routing business hours
 * (weekly hours in an IANA zone, holidays as local dates) plus make-up
 * working days (调休): a Saturday or Sunday worked in exchange for a longer
 * public holiday, with the hours of a named weekday.
 *
 * Business time is real elapsed time inside open hours, so an opening range
 * that spans a DST change counts what the clock on the wall really ran
 * (00:00–03:00 on the spring-forward night is two hours).
 */

export const MakeUpDaySchema = z.object({
  date: IsoDateSchema,
  /** Whose weekly hours the day keeps; Chinese make-up days follow a normal weekday. */
  hoursOf: WeekdaySchema.default('mon'),
});
export type MakeUpDay = z.infer<typeof MakeUpDaySchema>;

export const ComplaintCalendarSchema = BusinessHoursSchema.extend({
  makeUpDays: z.array(MakeUpDaySchema).max(100).default([]),
}).refine((c) => !c.makeUpDays.some((d) => c.holidays.includes(d.date)), {
  message: 'a date cannot be both a holiday and a make-up working day',
  path: ['makeUpDays'],
});
export type ComplaintCalendar = z.infer<typeof ComplaintCalendarSchema>;

/** Half-open [start, end) instants. */
export type Interval = { start: number; end: number };

const DAY = 86_400_000;
const MINUTE = 60_000;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Consecutive closed days after which a calendar is taken to never open again (a long holiday list still fits). */
export const CLOSED_HORIZON_DAYS = 400;

const minutes = (wallTime: string): number => Number(wallTime.slice(0, 2)) * 60 + Number(wallTime.slice(3, 5));
const isoDate = (wall: number): string => new Date(wall).toISOString().slice(0, 10);
const localMidnight = (wall: number): number => wall - (((wall % DAY) + DAY) % DAY);

function rangesOn(calendar: ComplaintCalendar, dayWall: number): readonly OpenRange[] {
  const date = isoDate(dayWall);
  if (calendar.holidays.includes(date)) return [];
  const weekday = calendar.makeUpDays.find((d) => d.date === date)?.hoursOf ?? WEEKDAYS[new Date(dayWall).getUTCDay()] ?? 'sun';
  return calendar.weekly[weekday] ?? [];
}

/** One local day's open ranges as merged, ordered instants (a range inside a spring-forward gap is empty). */
function dayIntervals(calendar: ComplaintCalendar, dayWall: number): Interval[] {
  const raw = rangesOn(calendar, dayWall)
    .map((r) => ({
      start: firstInstantAtWall(calendar.timeZone, dayWall + minutes(r.open) * MINUTE),
      end: firstInstantAtWall(calendar.timeZone, dayWall + minutes(r.close) * MINUTE),
    }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of raw) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * Open intervals from `from` on, clipped to start at `from`, in order.
 * Stops after `CLOSED_HORIZON_DAYS` closed days in a row, so a calendar with
 * no hours ends the walk instead of spinning. A null calendar is always open.
 */
export function* openIntervals(calendar: ComplaintCalendar | null, from: number): Generator<Interval> {
  if (calendar === null) {
    yield { start: from, end: Number.POSITIVE_INFINITY };
    return;
  }
  // A range of the local day `from` falls in can have started before `from`; earlier days' ranges end by its midnight.
  let dayWall = localMidnight(wallAt(calendar.timeZone, from));
  let closedDays = 0;
  while (closedDays <= CLOSED_HORIZON_DAYS) {
    const intervals = dayIntervals(calendar, dayWall).filter((i) => i.end > from);
    closedDays = intervals.length === 0 ? closedDays + 1 : 0;
    for (const i of intervals) yield { start: Math.max(i.start, from), end: i.end };
    dayWall += DAY;
  }
}

/** Removes the (ordered, non-overlapping) `gaps` from an interval. */
function subtract(interval: Interval, gaps: readonly Interval[]): Interval[] {
  const pieces: Interval[] = [];
  let cursor = interval.start;
  for (const gap of gaps) {
    if (gap.end <= cursor || gap.start >= interval.end) continue;
    if (gap.start > cursor) pieces.push({ start: cursor, end: gap.start });
    cursor = Math.max(cursor, gap.end);
  }
  if (cursor < interval.end) pieces.push({ start: cursor, end: interval.end });
  return pieces;
}

/** Sorts and merges gaps so `subtract` can walk them once. */
export function normaliseGaps(gaps: readonly Interval[]): Interval[] {
  const sorted = gaps.filter((g) => g.end > g.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const gap of sorted) {
    const last = merged.at(-1);
    if (last && gap.start <= last.end) last.end = Math.max(last.end, gap.end);
    else merged.push({ ...gap });
  }
  return merged;
}

/** Business time (ms) between two instants, leaving out `gaps` (a clock's pauses); 0 when `to` is not after `from`. */
export function businessTimeBetween(calendar: ComplaintCalendar | null, from: number, to: number, gaps: readonly Interval[] = []): number {
  if (to <= from) return 0;
  const merged = normaliseGaps(gaps);
  let total = 0;
  for (const open of openIntervals(calendar, from)) {
    if (open.start >= to) break;
    for (const piece of subtract({ start: open.start, end: Math.min(open.end, to) }, merged)) total += piece.end - piece.start;
  }
  return total;
}

/**
 * The instant `duration` ms of business time after `start`, leaving out
 * `gaps`. Reaching it exactly at closing time answers the closing time
 * ("due by Friday 17:00"), not the next opening. Null when the calendar
 * never opens long enough.
 */
export function addBusinessTime(calendar: ComplaintCalendar | null, start: number, duration: number, gaps: readonly Interval[] = []): number | null {
  if (duration <= 0) return start;
  const merged = normaliseGaps(gaps);
  // A gap without end (a pause still running) stops the clock for good: nothing after it counts.
  const frozenFrom = merged.find((g) => g.end === Number.POSITIVE_INFINITY)?.start ?? Number.POSITIVE_INFINITY;
  let left = duration;
  for (const open of openIntervals(calendar, start)) {
    if (open.start >= frozenFrom) return null;
    for (const piece of subtract(open, merged)) {
      if (piece.end - piece.start >= left) return piece.start + left;
      left -= piece.end - piece.start;
    }
  }
  return null;
}

import type { BusinessHours, OpenRange, Weekday } from '../domain/routing';
import { firstInstantAtWall, wallAt } from './zoned-time';

/**
 * Business hours in the queue's own time zone, read with Intl so a DST change
 * moves opening time with the local clock (09:00 stays 09:00). `null` hours
 * mean always open. Holidays close the whole local day.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const minutes = (wallTime: string): number => Number(wallTime.slice(0, 2)) * 60 + Number(wallTime.slice(3, 5));
const isoDate = (wall: number): string => new Date(wall).toISOString().slice(0, 10);

function rangesOn(hours: BusinessHours, dayWall: number): readonly OpenRange[] {
  if (hours.holidays.includes(isoDate(dayWall))) return [];
  return hours.weekly[WEEKDAYS[new Date(dayWall).getUTCDay()] ?? 'sun'] ?? [];
}

export function isOpen(hours: BusinessHours | null, now: number): boolean {
  if (hours === null) return true;
  const wall = wallAt(hours.timeZone, now);
  const dayWall = wall - (((wall % DAY) + DAY) % DAY);
  const intoDay = wall - dayWall;
  return rangesOn(hours, dayWall).some((r) => intoDay >= minutes(r.open) * MINUTE && intoDay < minutes(r.close) * MINUTE);
}

/**
 * `now` when open; otherwise the next instant the queue opens, or null when
 * it has no opening hours within `horizonDays` (a long holiday list can close
 * a queue for months, so the horizon is generous).
 */
export function nextOpening(hours: BusinessHours | null, now: number, horizonDays = 400): number | null {
  if (hours === null || isOpen(hours, now)) return now;
  if (Object.values(hours.weekly).every((ranges) => ranges.length === 0)) return null;
  const wall = wallAt(hours.timeZone, now);
  const today = wall - (((wall % DAY) + DAY) % DAY);
  for (let day = 0; day <= horizonDays; day++) {
    const dayWall = today + day * DAY;
    const opens = rangesOn(hours, dayWall)
      .map((r) => minutes(r.open))
      .sort((a, b) => a - b);
    for (const open of opens) {
      const at = firstInstantAtWall(hours.timeZone, dayWall + open * MINUTE);
      // A range wholly inside a spring-forward gap never opens; its candidate lands past its close.
      if (at > now && isOpen(hours, at)) return at;
    }
  }
  return null;
}

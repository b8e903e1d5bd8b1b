import { firstInstantAtWall, wallAt } from '../routing/zoned-time';

/**
 * "Today" and its 15-minute intervals in the hub's time zone: the live view
 * counts from local midnight, as a wallboard on the floor would.
 */

const DAY_MS = 86_400_000;
export const INTERVAL_MS = 15 * 60_000;

/** The first instant of the local day holding `now`. */
export function dayStartOf(timeZone: string, now: number): number {
  const wall = wallAt(timeZone, now);
  return firstInstantAtWall(timeZone, wall - (wall % DAY_MS));
}

/** The first instant of the next local day (23 or 25 hours away on a clock-change day). */
export function nextDayStartOf(timeZone: string, now: number): number {
  const wall = wallAt(timeZone, now);
  return firstInstantAtWall(timeZone, wall - (wall % DAY_MS) + DAY_MS);
}

/**
 * The start of the local quarter hour holding `at`. Counted back in the
 * offset `at` is in, so the hour clocks fall back is two intervals, not one
 * (every zone's offset is a whole number of quarter hours).
 */
export function intervalStartOf(timeZone: string, at: number): number {
  const wall = wallAt(timeZone, at);
  return at - (wall % INTERVAL_MS);
}

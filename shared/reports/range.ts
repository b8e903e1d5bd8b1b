import { firstInstantAtWall, wallAt } from '../routing/zoned-time';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** YYYY-MM-DD of a wall value (see zoned-time.ts). */
const isoOfWall = (wall: number): string => new Date(wall).toISOString().slice(0, 10);
const wallOfIso = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** The instants [start, end) of local days `from`..`to` (both included) in the zone. */
export function dayRange(from: string, to: string, timeZone: string): { start: number; end: number } {
  return { start: firstInstantAtWall(timeZone, wallOfIso(from)), end: firstInstantAtWall(timeZone, wallOfIso(to) + DAY) };
}

/** Whole local days from..to inclusive. */
export function daysBetween(from: string, to: string): number {
  return Math.round((wallOfIso(to) - wallOfIso(from)) / DAY) + 1;
}

/** The date-range picker's shortcuts, as local dates in the zone on the day `now`. */
export type RangePreset = 'today' | 'yesterday' | 'last7' | 'thisMonth';

export function presetRange(preset: RangePreset, now: number, timeZone: string): { from: string; to: string } {
  const today = wallAt(timeZone, now) - (wallAt(timeZone, now) % DAY);
  switch (preset) {
    case 'today':
      return { from: isoOfWall(today), to: isoOfWall(today) };
    case 'yesterday':
      return { from: isoOfWall(today - DAY), to: isoOfWall(today - DAY) };
    case 'last7':
      return { from: isoOfWall(today - 6 * DAY), to: isoOfWall(today) };
    case 'thisMonth':
      return { from: `${isoOfWall(today).slice(0, 8)}01`, to: isoOfWall(today) };
  }
}

/**
 * The starts of the chart's intervals across [start, end): local midnights
 * for days (a DST day is 23 or 25 h long), or every hour for hours.
 */
export function intervalStarts(start: number, end: number, interval: 'day' | 'hour', timeZone: string): number[] {
  const starts: number[] = [];
  if (interval === 'hour') {
    for (let at = start; at < end; at += HOUR) starts.push(at);
    return starts;
  }
  let wall = wallAt(timeZone, start);
  wall -= wall % DAY;
  for (let at = start; at < end; ) {
    starts.push(at);
    wall += DAY;
    at = firstInstantAtWall(timeZone, wall);
  }
  return starts;
}

/** Index of the interval holding `at` (starts ascending, at ≥ starts[0]). */
export function intervalIndex(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

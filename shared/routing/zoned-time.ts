/**
 * Wall-clock time in an IANA zone with Intl alone (no library, no Node), for
 * business hours. A "wall" value is the local date and time written as if it
 * were UTC epoch ms, so local dates and minutes can be read with getUTC*.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // h23: midnight is 00, never the 24 some locales print.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Local wall time of an instant, as epoch-ms-like number (ms kept). */
export function wallAt(timeZone: string, instant: number): number {
  const part: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) {
    if (type !== 'literal') part[type] = Number(value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(part.year ?? 1970, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0) + ms;
}

const HOUR = 3_600_000;

/**
 * The earliest instant whose local wall time is at or after `wall`.
 * Ambiguous (clocks fell back): the first of the two. Skipped (clocks sprang
 * forward): the moment of the jump, since the first wall time after it is
 * already past `wall`. Zone offsets stay within ±18 h.
 */
export function firstInstantAtWall(timeZone: string, wall: number): number {
  // Offsets a day either side bracket any change near this wall time.
  const offsetBefore = wallAt(timeZone, wall - 24 * HOUR) - (wall - 24 * HOUR);
  const offsetAfter = wallAt(timeZone, wall + 24 * HOUR) - (wall + 24 * HOUR);
  const exact = [wall - offsetBefore, wall - offsetAfter].filter((t) => wallAt(timeZone, t) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: search between the two guesses for the first instant at or past `wall`.
  let lo = Math.min(wall - offsetBefore, wall - offsetAfter);
  let hi = Math.max(wall - offsetBefore, wall - offsetAfter);
  if (wallAt(timeZone, lo) >= wall) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAt(timeZone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

import { firstInstantAtWall, wallAt } from '../../routing/zoned-time';

/**
 * "Ordered at" cells → epoch ms. Accepted, year first only:
 *   ISO 8601 2026-11-24T13:05:00Z, 2026-11-24T13:05+08:00 (an explicit zone wins);
 *   2026-11-24, 2026/11/24, 2026.11.24, each optionally with " 13:05" or " 13:05:30";
 *   2026年11月24日, optionally with 13:05 or 13时05分(30秒).
 * A date without a zone is local time in the centre's IANA zone; a date
 * without a time is local midnight. Refused with a specific detail: day and
 * month before the year (24/11/2026 and 11/24/2026 cannot be told apart by
 * rule), Excel serial day numbers (the column was not formatted as a date),
 * impossible dates (2026-02-30, 25:00), years outside 1970–2100.
 */

export type DateResult = { ok: true; at: number } | { ok: false; detail: string };

const FORMAT =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DAY_FIRST = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b/;
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;

/**
 * Local wall time → instant for one zone, cached per quarter hour of wall
 * time: Intl is slow and a million-row file has few distinct quarter hours,
 * and every zone changes its offset on a quarter-hour boundary. A time in a
 * spring-forward gap reads with the offset before the jump (02:30 → 03:30),
 * a repeated fall-back time as its first occurrence.
 */
export class LocalTimeReader {
  private readonly offsets = new Map<number, number>();
  readonly timeZone: string;

  /** Throws RangeError for a zone Intl does not know. */
  constructor(timeZone: string) {
    this.timeZone = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  }

  instantOf(wall: number): number {
    const slot = Math.floor(wall / QUARTER_HOUR) * QUARTER_HOUR;
    let offset = this.offsets.get(slot);
    if (offset === undefined) {
      const instant = firstInstantAtWall(this.timeZone, slot);
      // In a gap firstInstantAtWall gives the jump itself; the offset just before it is the one we mean.
      offset = wallAt(this.timeZone, instant) === slot ? slot - instant : wallAt(this.timeZone, instant - 1) - (instant - 1);
      this.offsets.set(slot, offset);
    }
    return wall - offset;
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function toIsoShape(raw: string): string {
  // Most cells: nothing to rewrite, and NFKC is the slow part of a million-row import.
  if (PRINTABLE_ASCII.test(raw)) return raw.trim();
  // NFKC: full-width digits and colons. Then Chinese date and time words → ISO separators.
  return raw
    .normalize('NFKC')
    .trim()
    .replace(/^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*/, (_m, y: string, mo: string, d: string) => `${y}-${mo}-${d} `)
    .replace(/(\d{1,2})\s*[时點点]\s*(\d{1,2})\s*分(?:\s*(\d{1,2})\s*秒)?$/, (_m, h: string, mi: string, sec?: string) =>
      `${h}:${mi.padStart(2, '0')}${sec ? `:${sec.padStart(2, '0')}` : ''}`,
    )
    .trim();
}

export function parseOrderedAt(raw: string, local: LocalTimeReader): DateResult {
  const s = toIsoShape(raw);
  const m = FORMAT.exec(s);
  if (!m) {
    if (DAY_FIRST.test(s)) return { ok: false, detail: `"${raw}": day and month order is ambiguous; write the year first, e.g. 2026-11-24` };
    if (EXCEL_SERIAL.test(s)) return { ok: false, detail: `"${raw}" looks like an Excel day number; format the column as a date before saving` };
    return { ok: false, detail: `"${raw}" is not a date (e.g. 2026-11-24 13:05, 2026/11/24, 2026年11月24日)` };
  }
  const [, y, , mo, d, h, mi, sec, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(sec ?? 0);
  const ms = Number((frac ?? '').slice(0, 3).padEnd(3, '0'));
  if (year < 1970 || year > 2100) return { ok: false, detail: `"${raw}": year ${year} is out of range` };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, detail: `"${raw}": no such day` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, detail: `"${raw}": no such time of day` };
  if (zone !== undefined && h === undefined) return { ok: false, detail: `"${raw}": a zone needs a time` };
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (zone === undefined) return { ok: true, at: local.instantOf(wall) };
  if (zone.toUpperCase() === 'Z') return { ok: true, at: wall };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetHours = Number(digits.slice(0, 2));
  const offsetMinutes = Number(digits.slice(2) || '0');
  if (offsetHours > 18 || offsetMinutes > 59) return { ok: false, detail: `"${raw}": no such zone offset` };
  return { ok: true, at: wall - sign * (offsetHours * 60 + offsetMinutes) * MINUTE };
}

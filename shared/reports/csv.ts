/**
 * CSV that Excel opens cleanly: a UTF-8 byte-order mark (without it Excel
 * reads UTF-8 as the local code page and Chinese names turn to mojibake),
 * CRLF line ends and RFC 4180 quoting. A cell that starts with = + - @ (or a
 * tab or carriage return) would run as a formula in a spreadsheet (CSV
 * injection), so it gets a leading apostrophe; numbers are written by us, and
 * a negative number is never a report figure.
 */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return `${CSV_BOM}${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

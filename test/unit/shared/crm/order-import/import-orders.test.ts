import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importOrdersCsv, OrderImport, OrderImportError, type OrderImportReport } from '../../../../../shared/crm/order-import/import-orders';

const SHANGHAI = { timeZone: 'Asia/Shanghai' };
// 2026-11-24 00:00 UTC (worked out in order-date.test.ts); Shanghai is UTC+8 all year.
const NOV_24_UTC = 1_795_478_400_000;
const H = 3_600_000;
const LOCAL_MIDNIGHT_NOV_24 = NOV_24_UTC - 8 * H;

function report(input: string | Uint8Array, options: Parameters<typeof importOrdersCsv>[1] = SHANGHAI): OrderImportReport {
  const result = importOrdersCsv(input, options);
  if (!result.ok) throw new Error(`expected a report, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure(input: string | Uint8Array, options: Parameters<typeof importOrdersCsv>[1] = SHANGHAI) {
  const result = importOrdersCsv(input, options);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

const HEADER = '订单号,客户编号,下单时间,金额,利润,商品,备注';
const FILE = [
  HEADER,
  'O-1,C-100,2026-11-24 13:05,"¥1,234.50",234.50,茶叶;茶具,first', // line 2
  'O-2,C-101,2026年11月24日,99,,茶叶、月饼,', // 3
  'O-3,C-102,24/11/2026,10,,,', // 4 day-first
  'O-4,C-103,2026-11-24,"1 234,50",,,', // 5 decimal comma
  ',C-104,2026-11-24,10,,,', // 6 no order id
  'O-1,C-105,2026-11-25,10,,,', // 7 duplicate of line 2
  'O-6,C-106,2026-11-24', // 8 short row
  'O-7,"=HYPERLINK(""http://x"")",2026-11-24,10,,,', // 9 formula
  'O-8,C-108,2026-11-24,10,20,,', // 10 profit > amount
  'O-9,C-109,2026-11-24,10,abc,,', // 11 bad profit
  'O-10,C-110,2026-11-24,-5,-7,,', // 12 a refund line
  'O-11,C-111,,10,,,', // 13 no date
  `${'X'.repeat(65)},C-112,2026-11-24,10,,,`, // 14 id too long
  'O-12,C-113,2026-11-24,10,,"茶叶;@cmd|\' /C calc\'!A0",', // 15 formula in products
  "'=O-13,C-114,2026-11-24,10,,,", // 16 defused by our own export
  'O-14,C-115,2026-11-24,,,,', // 17 no amount
  '', // blank line: skipped
  'O-15,C-116,2026-11-24,10,,,,,', // 19 trailing empty cells: fine
].join('\r\n');

describe('importOrdersCsv', () => {
  const result = report(FILE);

  it('keeps every good row as integer fen and epoch ms', () => {
    expect(result.good).toEqual([
      {
        line: 2,
        orderId: 'O-1',
        customerRef: 'C-100',
        orderedAt: NOV_24_UTC + 5 * H + 5 * 60_000, // 13:05 local = 05:05 UTC
        amountCents: 123_450, // 1234 × 100 + 50
        profitCents: 23_450,
        products: ['茶叶', '茶具'],
      },
      { line: 3, orderId: 'O-2', customerRef: 'C-101', orderedAt: LOCAL_MIDNIGHT_NOV_24, amountCents: 9_900, profitCents: null, products: ['茶叶', '月饼'] },
      // A refund: negative amount and profit, allowed by default.
      { line: 12, orderId: 'O-10', customerRef: 'C-110', orderedAt: LOCAL_MIDNIGHT_NOV_24, amountCents: -500, profitCents: -700, products: [] },
      { line: 16, orderId: '=O-13', customerRef: 'C-114', orderedAt: LOCAL_MIDNIGHT_NOV_24, amountCents: 1_000, profitCents: null, products: [] },
      { line: 19, orderId: 'O-15', customerRef: 'C-116', orderedAt: LOCAL_MIDNIGHT_NOV_24, amountCents: 1_000, profitCents: null, products: [] },
    ]);
  });

  it('lists every bad row with its line, reason and field', () => {
    expect(result.bad.map(({ line, reason, field }) => [line, reason, field])).toEqual([
      [4, 'bad-date', 'orderedAt'],
      [5, 'bad-amount', 'amount'],
      [6, 'missing-value', 'orderId'],
      [7, 'duplicate-order-id', 'orderId'],
      [8, 'wrong-field-count', null],
      [9, 'formula-cell', 'customerRef'],
      [10, 'profit-exceeds-amount', 'profit'],
      [11, 'bad-profit', 'profit'],
      [13, 'missing-value', 'orderedAt'],
      [14, 'value-too-long', 'orderId'],
      [15, 'formula-cell', 'products'],
      [17, 'missing-value', 'amount'],
    ]);
  });

  it('says in the detail what is wrong with the cell', () => {
    const detail = (line: number) => result.bad.find((b) => b.line === line)?.detail;
    expect(detail(4)).toBe('"24/11/2026": day and month order is ambiguous; write the year first, e.g. 2026-11-24');
    expect(detail(5)).toBe('"1 234,50" uses "," as the decimal separator; this import reads "." (a setting)');
    expect(detail(7)).toBe('Order "O-1" is already on line 2');
    expect(detail(8)).toBe('3 columns where the header has 7 (a comma inside an unquoted value?)');
    expect(detail(9)).toBe('The customer number "=HYPERLINK("http://x")" starts like a spreadsheet formula');
  });

  it('reports the counts and the columns it ignored', () => {
    expect(result.rows).toBe(17); // 18 data lines, one blank
    expect(result.good.length + result.bad.length).toBe(result.rows);
    expect(result.ignoredColumns).toEqual(['备注']);
    expect(result.encoding).toBeNull();
  });

  it('gives the same rows on a second import, each order id once: the hub upserts on it', () => {
    const again = report(FILE);
    expect(again).toEqual(result);
    const ids = result.good.map((row) => row.orderId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('takes the corrected copy of a bad row under the same order id', () => {
    const text = 'order id,customer,date,amount\nA,C,2026-13-01,1\nA,C,2026-12-01,1\nA,C,2026-12-02,1\n';
    const fixed = report(text);
    expect(fixed.good.map((row) => row.line)).toEqual([3]);
    expect(fixed.bad.map((row) => [row.line, row.reason])).toEqual([
      [2, 'bad-date'],
      [4, 'duplicate-order-id'],
    ]);
  });

  it('refuses negative amounts when the setting says sales only', () => {
    const salesOnly = report(FILE, { ...SHANGHAI, settings: { allowNegativeAmounts: false } });
    expect(salesOnly.bad.find((b) => b.line === 12)).toMatchObject({ reason: 'negative-amount', field: 'amount' });
    expect(salesOnly.good.map((row) => row.line)).toEqual([2, 3, 16, 19]);
  });

  it('reads a decimal-comma file with semicolons when set', () => {
    const text = 'order id;customer;date;amount\nA;C;2026-11-24;1.234,50\n';
    expect(report(text, { ...SHANGHAI, settings: { decimalSeparator: ',', delimiter: ';' } }).good[0]?.amountCents).toBe(123_450);
  });

  it('reads a GBK-encoded file from Chinese Excel', () => {
    // GBK has no half-width ¥: Chinese Excel writes the full-width ￥.
    const gbk = iconv.encode(`${HEADER}\r\nO-1,C-100,2026年11月24日 13:05,"￥1,234.50",234.50,茶叶,\r\n`, 'gbk');
    const gbkReport = report(gbk);
    expect(gbkReport.encoding).toBe('gb18030');
    expect(gbkReport.ignoredColumns).toEqual(['备注']);
    expect(gbkReport.good).toEqual([
      { line: 2, orderId: 'O-1', customerRef: 'C-100', orderedAt: NOV_24_UTC + 5 * H + 5 * 60_000, amountCents: 123_450, profitCents: 23_450, products: ['茶叶'] },
    ]);
  });

  it('reads UTF-8 bytes with a BOM the same as the text', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(FILE)]);
    expect(report(bytes)).toEqual({ ...result, encoding: 'utf-8' });
  });
});

describe('importOrdersCsv refusing the whole file', () => {
  it('names the missing columns', () => {
    expect(failure('订单号,金额\nO-1,10\n')).toMatchObject({ code: 'missing-column', line: 1 });
  });

  it('refuses two columns for one field', () => {
    expect(failure('order id,customer,date,amount,total\n')).toMatchObject({ code: 'duplicate-column', line: 1 });
  });

  it('refuses an empty file, but takes a header alone as zero rows', () => {
    expect(failure('')).toMatchObject({ code: 'empty-file', line: null });
    expect(failure('\r\n\r\n')).toMatchObject({ code: 'empty-file' });
    expect(report('order id,customer,date,amount\r\n')).toMatchObject({ rows: 0, good: [], bad: [] });
  });

  it('stops at an unclosed quote with its line', () => {
    expect(failure('order id,customer,date,amount\nO-1,C,2026-11-24,"10\nO-2,C,2026-11-24,10\n')).toMatchObject({ code: 'unterminated-quote', line: 2 });
  });

  it('stops a huge field at the limit', () => {
    const huge = `order id,customer,date,amount\nO-1,${'x'.repeat(10_001)},2026-11-24,10\n`;
    expect(failure(huge)).toMatchObject({ code: 'field-too-long', line: 2 });
    // 10 000 characters: within the field limit, so only this row is bad (too long for a key).
    expect(report(huge.replace('x', '')).bad[0]).toMatchObject({ reason: 'value-too-long', field: 'customerRef' });
  });

  it('stops past the row limit', () => {
    const text = 'order id,customer,date,amount\nA,C,2026-11-24,1\nB,C,2026-11-24,1\nD,C,2026-11-24,1\n';
    expect(report(text, { ...SHANGHAI, settings: { maxRows: 3 } }).rows).toBe(3);
    expect(failure(text, { ...SHANGHAI, settings: { maxRows: 2 } })).toMatchObject({ code: 'too-many-rows', line: 4 });
  });

  it('refuses bytes it cannot decode and an unknown time zone', () => {
    expect(failure(new Uint8Array([0x41, 0xff, 0x0a]))).toMatchObject({ code: 'undecodable' });
    expect(failure('order id,customer,date,amount\n', { timeZone: 'Mars/Olympus' })).toMatchObject({ code: 'bad-time-zone' });
  });

  it('rejects settings out of range when they are parsed', () => {
    expect(() => importOrdersCsv('', { ...SHANGHAI, settings: { maxFieldChars: 1 } })).toThrow();
  });
});

describe('OrderImport streaming', () => {
  it('gives the same report whatever the chunk size', () => {
    const whole = report(FILE);
    for (const size of [1, 3, 7, 64]) {
      const importer = new OrderImport(SHANGHAI);
      const good = [];
      const bad = [];
      for (let i = 0; i < FILE.length; i += size) {
        const batch = importer.push(FILE.slice(i, i + size));
        good.push(...batch.good);
        bad.push(...batch.bad);
      }
      const last = importer.end();
      expect([...good, ...last.good]).toEqual(whole.good);
      expect([...bad, ...last.bad]).toEqual(whole.bad);
    }
  });

  it('throws a typed error from push', () => {
    const importer = new OrderImport(SHANGHAI);
    expect(() => importer.push('订单号\n')).toThrow(OrderImportError);
  });

  it('takes a million rows in chunks', () => {
    const ROWS = 1_000_000;
    const CHUNK_ROWS = 10_000;
    const importer = new OrderImport(SHANGHAI);
    let good = 0;
    let bad = 0;
    let amountSum = 0;
    importer.push('order id,customer number,ordered at,amount,profit\r\n');
    for (let from = 0; from < ROWS; from += CHUNK_ROWS) {
      const lines: string[] = [];
      for (let i = from; i < from + CHUNK_ROWS; i += 1) {
        // Every 1000th row has a bad amount; days cycle through November.
        lines.push(`O-${i},C-${i % 100_000},2026-11-${String((i % 30) + 1).padStart(2, '0')} 13:05,${i % 1000 === 999 ? 'n/a' : '12.34'},1.00\r\n`);
      }
      const batch = importer.push(lines.join(''));
      good += batch.good.length;
      bad += batch.bad.length;
      for (const row of batch.good) amountSum += row.amountCents;
    }
    const last = importer.end();
    expect(last).toEqual({ good: [], bad: [] });
    expect(bad).toBe(1_000); // lines with i % 1000 = 999
    expect(good).toBe(999_000);
    expect(amountSum).toBe(999_000 * 1_234);
    expect(importer.rowCount).toBe(ROWS);
  }, 30_000);
});

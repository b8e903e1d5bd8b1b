import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CsvByteDecoder, CsvDecodeError, detectEncoding } from '../../../../../shared/crm/order-import/decode';
import { importOrdersCsv } from '../../../../../shared/crm/order-import/import-orders';

/** Inputs found by the order import's fuzz corpus (test/fixtures/csv-corpus/). */

const HEADER = 'order id,customer,date,amount,products';

describe('a file that turns from UTF-8 into GBK', () => {
  const mixed = Buffer.concat([Buffer.from(`${HEADER}\nA-1,C1,2026-01-01,1,绿茶礼盒\n${'x'.repeat(5_000)}\nA-2,C1,2026-01-02,2,`), iconv.encode('红茶', 'gbk')]);

  it('is refused whole, rather than read as GB18030 with its UTF-8 part turned into other characters', () => {
    expect(() => detectEncoding(mixed)).toThrow(CsvDecodeError);
    const decoder = new CsvByteDecoder();
    expect(() => decoder.push(mixed) + decoder.end()).toThrow(CsvDecodeError);
  });

  it('is not confused with GBK whose first character happens to be valid UTF-8', () => {
    // 0xC4 0xA3 is a GBK character and also a two-byte UTF-8 sequence; the next one is not UTF-8.
    const gbk = Buffer.concat([Buffer.from(`${HEADER}\nA-1,C1,2026-01-01,1,`), Buffer.from([0xc4, 0xa3]), iconv.encode('中文商品', 'gbk')]);
    expect(detectEncoding(gbk)).toBe('gb18030');
    const decoder = new CsvByteDecoder();
    expect(decoder.push(gbk) + decoder.end()).toContain('中文商品');
  });
});

describe('control characters in cells', () => {
  const rows = (cells: string[]) => importOrdersCsv([HEADER, ...cells].join('\r\n'), { timeZone: 'UTC' });

  it('refuses a NUL, tab or line break in a key and an escape in a product, row by row', () => {
    const result = rows(['A\u0000-1,C1,2026-01-01,1,tea', '"A-2\t",C1,2026-01-01,1,tea', 'A-3,C1,2026-01-01,1,"red\u001b[31m"', 'A-4,"C\r\n1",2026-01-01,1,tea', 'A-5,C1,2026-01-01,1,"two\r\nlines\tand a tab"']);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.bad.map((row) => [row.line, row.reason, row.field])).toEqual([
      [2, 'control-character', 'orderId'],
      [4, 'control-character', 'products'],
      [5, 'control-character', 'customerRef'],
    ]);
    // A quoted product keeps its tab and line break; "A-2\t" is trimmed to A-2 before it is checked.
    expect(result.value.good.map((row) => row.orderId)).toEqual(['A-2', 'A-5']);
  });
});

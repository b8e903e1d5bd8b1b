import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CsvByteDecoder, CsvDecodeError, DETECTION_WINDOW_BYTES, decodeCsvBytes, detectEncoding, isValidUtf8 } from '../../../../../shared/crm/order-import/decode';

// Full-width ￥: GBK has no half-width yen sign, so that is what a Chinese Excel file holds.
const HEADER = '客户编号,订单号,下单时间,金额\r\nC1,O-1,2026年11月24日,￥12.50\r\n';
const bytes = (...list: number[]) => Uint8Array.from(list);

describe('isValidUtf8', () => {
  it('accepts ASCII and well-formed multi-byte text', () => {
    expect(isValidUtf8(new TextEncoder().encode('abc 客户 😀'))).toBe(true);
  });

  it('refuses overlongs, surrogates, code points past U+10FFFF and stray continuation bytes', () => {
    expect(isValidUtf8(bytes(0xc0, 0x80))).toBe(false); // overlong NUL
    expect(isValidUtf8(bytes(0xe0, 0x80, 0x80))).toBe(false); // overlong
    expect(isValidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(false); // U+D800
    expect(isValidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(false); // U+110000
    expect(isValidUtf8(bytes(0x80))).toBe(false);
  });

  it('treats a sequence cut by the end of a chunk as fine only when asked', () => {
    // 客 = E5 AE A2
    expect(isValidUtf8(bytes(0x41, 0xe5, 0xae))).toBe(false);
    expect(isValidUtf8(bytes(0x41, 0xe5, 0xae), 0, true)).toBe(true);
  });
});

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    const plain = new TextEncoder().encode(HEADER);
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeCsvBytes(plain)).toEqual({ encoding: 'utf-8', text: HEADER });
    expect(decodeCsvBytes(withBom)).toEqual({ encoding: 'utf-8', text: HEADER });
  });

  it('detects a GBK file (Excel on Chinese Windows) and reads it as GB18030', () => {
    const gbk = iconv.encode(HEADER, 'gbk');
    // 客 in GBK is BF CD: 0xBF is a continuation byte, not a UTF-8 lead.
    expect([gbk[0], gbk[1]]).toEqual([0xbf, 0xcd]);
    expect(detectEncoding(gbk)).toBe('gb18030');
    expect(decodeCsvBytes(gbk)).toEqual({ encoding: 'gb18030', text: HEADER });
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    const le = iconv.encode(HEADER, 'utf-16le', { addBOM: true });
    expect(decodeCsvBytes(le)).toEqual({ encoding: 'utf-16le', text: HEADER });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 with a typed error', () => {
    // 0xFF is no GB18030 lead byte.
    expect(() => decodeCsvBytes(bytes(0x41, 0xff, 0x42))).toThrow(CsvDecodeError);
    expect(() => decodeCsvBytes(bytes(0x41, 0xff, 0x42))).toThrow(expect.objectContaining({ code: 'undecodable' }));
  });

  it('decodes an empty file to empty text', () => {
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ encoding: 'utf-8', text: '' });
  });
});

describe('CsvByteDecoder', () => {
  function decodeInChunks(input: Uint8Array, size: number): { text: string; encoding: string | null } {
    const decoder = new CsvByteDecoder();
    let text = '';
    for (let i = 0; i < input.length; i += size) text += decoder.push(input.subarray(i, i + size));
    text += decoder.end();
    return { text, encoding: decoder.encoding };
  }

  // An English header and ASCII rows first, Chinese product names only later: the choice must wait.
  const LATE_CHINESE = `order id,customer,date,amount,products\r\n${'O-1,C-1,2026-11-24,1,tea\r\n'.repeat(300)}O-2,C-2,2026-11-24,2,茶叶、月饼\r\n`;

  it('gives the same text and encoding as the whole-file decoder at any chunk size', () => {
    const inputs = [
      new TextEncoder().encode(HEADER),
      Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(HEADER)]),
      iconv.encode(HEADER, 'gbk'),
      iconv.encode(HEADER, 'utf-16le', { addBOM: true }),
      iconv.encode(LATE_CHINESE, 'gbk'),
      new TextEncoder().encode(LATE_CHINESE),
      new TextEncoder().encode('plain,ascii\n'),
    ];
    for (const input of inputs) {
      const whole = decodeCsvBytes(input);
      for (const size of [1, 2, 5, 64, 4096, input.length]) {
        expect(decodeInChunks(input, size), `${whole.encoding} in chunks of ${size}`).toEqual(whole);
      }
    }
  });

  it('waits for evidence: nothing is decided while the bytes are ASCII', () => {
    const decoder = new CsvByteDecoder();
    expect(decoder.push(new TextEncoder().encode('id,name\n'))).toBe('id,name\n');
    expect(decoder.encoding).toBeNull();
    // Two GBK bytes are not enough to decide; the rest of the window or the end is.
    expect(decoder.push(iconv.encode('茶', 'gbk'))).toBe('');
    expect(decoder.end()).toBe('茶');
    expect(decoder.encoding).toBe('gb18030');
  });

  it('stops with undecodable when a UTF-8 file turns into something else past the window', () => {
    const decoder = new CsvByteDecoder();
    decoder.push(new TextEncoder().encode(`客${'a'.repeat(DETECTION_WINDOW_BYTES)}`));
    expect(decoder.encoding).toBe('utf-8');
    expect(() => decoder.push(iconv.encode('茶', 'gbk'))).toThrow(expect.objectContaining({ code: 'undecodable' }));
  });

  it('stops with undecodable on bytes GB18030 cannot map', () => {
    const decoder = new CsvByteDecoder();
    expect(() => {
      decoder.push(Uint8Array.from([0x41, 0xff, 0x42]));
      decoder.end();
    }).toThrow(expect.objectContaining({ code: 'undecodable' }));
  });
});

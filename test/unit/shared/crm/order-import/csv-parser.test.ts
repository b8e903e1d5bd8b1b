import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParseError, CsvParser, parseCsv } from '../../../../../shared/crm/order-import/csv-parser';
import { csvCell } from '../../../../../shared/reports/csv';

const fieldsOf = (text: string, options?: ConstructorParameters<typeof CsvParser>[0]) => parseCsv(text, options).map((r) => r.fields);

function parseInChunks(text: string, size: number): ReturnType<typeof parseCsv> {
  const parser = new CsvParser();
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  out.push(...parser.end());
  return out;
}

describe('CsvParser', () => {
  it('reads plain, quoted, escaped and multi-line fields (RFC 4180)', () => {
    const text = 'id,note\r\n1,plain\r\n2,"a, b"\r\n3,"say ""hi"""\r\n4,"two\r\nlines"\r\n5,""\r\n';
    expect(fieldsOf(text)).toEqual([
      ['id', 'note'],
      ['1', 'plain'],
      ['2', 'a, b'],
      ['3', 'say "hi"'],
      ['4', 'two\r\nlines'],
      ['5', ''],
    ]);
  });

  it('numbers records by the physical line they start on', () => {
    // Line 1 header, record on lines 2–3 (embedded LF), next record on line 4, blank line 5 skipped, line 6.
    const records = parseCsv('h1,h2\n1,"x\ny"\n2,z\n\n3,w');
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h1'],
      [2, '1'],
      [4, '2'],
      [6, '3'],
    ]);
  });

  it('takes LF, CRLF and lone CR line ends, mixed, and a last line without one', () => {
    expect(fieldsOf('a\nb\r\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fieldsOf('a,,c,\n')).toEqual([['a', '', 'c', '']]);
    expect(fieldsOf(',')).toEqual([['', '']]);
  });

  it('drops a BOM at the start only', () => {
    expect(fieldsOf('\uFEFFa,b\n1,\uFEFF2')).toEqual([
      ['a', 'b'],
      ['1', '\uFEFF2'],
    ]);
  });

  it('is lenient like Excel with stray quotes', () => {
    expect(fieldsOf('ab"c,"x"y\n')).toEqual([['ab"c', 'xy']]);
  });

  it('uses another delimiter when told, and refuses a quote as one', () => {
    expect(fieldsOf('a;"b;c"\n', { delimiter: ';' })).toEqual([['a', 'b;c']]);
    expect(() => new CsvParser({ delimiter: '"' })).toThrow(RangeError);
    expect(() => new CsvParser({ delimiter: ',,' })).toThrow(RangeError);
  });

  it('gives the same records whatever the chunk boundaries, CR/LF split included', () => {
    const text = 'id,note\r\n1,"a ""b""\r\nc",x\r\n2,plain\r\n\r\n3,"",\r\n';
    const whole = parseCsv(text);
    for (let size = 1; size <= text.length; size += 1) expect(parseInChunks(text, size)).toEqual(whole);
  });

  it('round-trips anything our CSV writer writes, in random chunks (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '客', '=') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 7 }), (rows, size) => {
        // csvCell prefixes ' to formula-looking cells; compare against what it writes, unquoted.
        const written = rows.map((row) => row.map((c) => csvCell(c)));
        const text = `${written.map((row) => row.join(',')).join('\r\n')}\r\n`;
        const expected = written.map((row) => row.map((c) => (c.startsWith('"') ? c.slice(1, -1).replaceAll('""', '"') : c)));
        expect(parseInChunks(text, size).map((r) => r.fields)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('fails with unterminated-quote on the line the field opened', () => {
    const error = (() => {
      try {
        parseCsv('a,b\n1,2\n3,"never closed\n4,5\n');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CsvParseError);
    expect(error).toMatchObject({ code: 'unterminated-quote', line: 3 });
  });

  it('stops a runaway field during push, before the file is all read', () => {
    const parser = new CsvParser({ maxFieldChars: 100 });
    parser.push('a,"');
    expect(() => parser.push('x'.repeat(101))).toThrow(expect.objectContaining({ code: 'field-too-long', line: 1 }));
    // Exactly at the limit is fine.
    expect(fieldsOf(`${'y'.repeat(100)}\n`, { maxFieldChars: 100 })).toEqual([['y'.repeat(100)]]);
  });

  it('limits columns per record', () => {
    expect(() => parseCsv(`${','.repeat(5)}\n`, { maxFieldsPerRecord: 5 })).toThrow(expect.objectContaining({ code: 'too-many-fields', line: 1 }));
    expect(fieldsOf(`${','.repeat(4)}\n`, { maxFieldsPerRecord: 5 })).toEqual([['', '', '', '', '']]);
  });
});

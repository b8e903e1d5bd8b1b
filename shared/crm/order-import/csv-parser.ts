/**
 * RFC 4180 CSV, fed in chunks of text so a million-row file never needs one
 * giant string or a per-character copy: unquoted fields are sliced straight
 * out of the chunk, and only a field cut by a chunk boundary (or holding a ""
 * escape) is stitched together.
 *
 * Accepted: quoted fields with embedded delimiters, quotes ("") and line
 * breaks; CRLF, LF and lone CR line ends, mixed; a BOM at the very start.
 * Lenient where Excel is lenient: a quote inside an unquoted field, or text
 * after a closing quote, is kept as text rather than failing the whole file.
 * Blank lines are skipped (Excel leaves them at the end).
 *
 * Fatal, as a typed CsvParseError: an unterminated quote (the rest of the file
 * would collapse into one field) and fields or rows past the limits, which is
 * also how an unterminated quote in a huge file is stopped early.
 */

export interface CsvRecord {
  /** 1-based physical line where the record starts, as a spreadsheet user counts it. */
  line: number;
  fields: string[];
}

export type CsvParseErrorCode = 'field-too-long' | 'too-many-fields' | 'unterminated-quote';

export class CsvParseError extends Error {
  readonly code: CsvParseErrorCode;
  readonly line: number;
  constructor(code: CsvParseErrorCode, line: number, message: string) {
    super(message);
    this.name = 'CsvParseError';
    this.code = code;
    this.line = line;
  }
}

export interface CsvParserOptions {
  /** One character; ',' unless the file was saved with ';' or tab. */
  delimiter?: string;
  maxFieldChars?: number;
  maxFieldsPerRecord?: number;
}

export const DEFAULT_MAX_FIELD_CHARS = 10_000;
export const DEFAULT_MAX_FIELDS_PER_RECORD = 200;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** A quote inside a quoted field: either the first of "" or the closing quote. */
  QuoteInQuoted: 3,
} as const;
type State = (typeof State)[keyof typeof State];

export class CsvParser {
  private readonly delimiter: number;
  private readonly maxFieldChars: number;
  private readonly maxFields: number;
  private state: State = State.FieldStart;
  private fields: string[] = [];
  /** The part of the current field carried over from earlier chunks or before a "" escape. */
  private carried = '';
  private line = 1;
  private recordLine = 1;
  /** The last chunk ended on CR: a LF opening the next one belongs to it. */
  private pendingCr = false;
  private started = false;

  constructor(options: CsvParserOptions = {}) {
    const delimiter = options.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    this.maxFieldChars = options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS;
    this.maxFields = options.maxFieldsPerRecord ?? DEFAULT_MAX_FIELDS_PER_RECORD;
  }

  /** Parses a chunk; returns the records it completed (possibly none). */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (!this.started) {
      this.started = text.length > 0;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const n = text.length;
    let start = 0;
    for (let i = 0; i < n; i += 1) {
      const c = text.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (this.state === State.Quoted) {
        if (c === QUOTE) {
          this.append(text, start, i);
          this.state = State.QuoteInQuoted;
          start = i + 1;
        } else if (c === LF) this.line += 1;
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          // "" → one quote, keep reading the quoted field.
          this.append(text, i, i + 1);
          this.state = State.Quoted;
          start = i + 1;
          continue;
        }
        // The quote closed the field; anything before the delimiter is kept as text.
        this.state = State.Unquoted;
        start = i;
      }
      if (c === this.delimiter) {
        this.endField(text, start, i);
        start = i + 1;
        this.state = State.FieldStart;
      } else if (c === LF || c === CR) {
        this.endField(text, start, i);
        this.endRecord(out);
        this.line += 1;
        this.recordLine = this.line;
        this.pendingCr = c === CR;
        start = i + 1;
        this.state = State.FieldStart;
      } else if (c === QUOTE && this.state === State.FieldStart) {
        this.state = State.Quoted;
        start = i + 1;
      } else {
        this.state = State.Unquoted;
      }
    }
    if (this.state === State.Quoted || this.state === State.Unquoted) this.append(text, start, n);
    return out;
  }

  /** Call once after the last chunk; returns the last record if the file has no final line break. */
  end(): CsvRecord[] {
    if (this.state === State.Quoted) {
      throw new CsvParseError('unterminated-quote', this.recordLine, `Line ${this.recordLine}: a quoted field is never closed`);
    }
    const out: CsvRecord[] = [];
    if (this.state !== State.FieldStart || this.fields.length > 0) {
      this.endField('', 0, 0);
      this.endRecord(out);
    }
    this.state = State.FieldStart;
    return out;
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.carried += text.slice(from, to);
    this.checkLength(this.carried.length);
  }

  private endField(text: string, from: number, to: number): void {
    const value = this.carried === '' ? text.slice(from, to) : this.carried + text.slice(from, to);
    this.carried = '';
    this.checkLength(value.length);
    if (this.fields.length >= this.maxFields) {
      throw new CsvParseError('too-many-fields', this.recordLine, `Line ${this.recordLine}: more than ${this.maxFields} columns`);
    }
    this.fields.push(value);
  }

  private endRecord(out: CsvRecord[]): void {
    const fields = this.fields;
    this.fields = [];
    if (fields.length === 1 && fields[0] === '') return; // blank line
    out.push({ line: this.recordLine, fields });
  }

  private checkLength(length: number): void {
    if (length > this.maxFieldChars) {
      throw new CsvParseError(
        'field-too-long',
        this.recordLine,
        `Line ${this.recordLine}: a field is longer than ${this.maxFieldChars} characters (an unclosed quote?)`,
      );
    }
  }
}

/** Whole text at once; for small files and tests. */
export function parseCsv(text: string, options?: CsvParserOptions): CsvRecord[] {
  const parser = new CsvParser(options);
  return [...parser.push(text), ...parser.end()];
}

import { type ColumnMap, mapHeader, type OrderField } from './columns';
import { type AmountResult, parseAmountCents } from './amount';
import { CsvParseError, type CsvParseErrorCode, CsvParser, type CsvRecord } from './csv-parser';
import { CsvDecodeError, type CsvEncoding, type DecodeErrorCode, decodeCsvBytes } from './decode';
import { LocalTimeReader, parseOrderedAt } from './order-date';
import { type OrderImportSettings, type OrderImportSettingsInput, OrderImportSettingsSchema } from './settings';

/**
 * Order file → rows to import and a validation report. Every bad row is
 * listed with its line, a reason code the screen can translate, and a detail
 * quoting the cell; every good row is kept. Only a broken file as a whole
 * (missing columns, an unclosed quote, past the limits) stops the import.
 *
 * Idempotency: the order id is required and is the key the hub upserts on
 * (per tenant), so importing the same file twice changes nothing, and a
 * corrected file re-imported updates the orders it names. The customer
 * number is resolved to a customer by the hub; an unknown one is the hub's
 * bad row ('unknown-customer'), not ours.
 */

export interface OrderRow {
  line: number;
  /** Trimmed as written; the upsert key. */
  orderId: string;
  /** The customer number from the file, for the hub to resolve. */
  customerRef: string;
  orderedAt: number;
  /** Integer cents (fen); negative for a refund line when allowed. */
  amountCents: number;
  /** Null when the file has no profit column. */
  profitCents: number | null;
  products: string[];
}

export type BadRowReason =
  | 'wrong-field-count'
  | 'missing-value'
  | 'value-too-long'
  | 'formula-cell'
  | 'control-character'
  | 'bad-date'
  | 'bad-amount'
  | 'negative-amount'
  | 'bad-profit'
  | 'profit-exceeds-amount'
  | 'duplicate-order-id';

export interface BadRow {
  line: number;
  reason: BadRowReason;
  /** Which field the reason is about, when it is about one. */
  field: OrderField | null;
  detail: string;
}

export interface OrderImportBatch {
  good: OrderRow[];
  bad: BadRow[];
}

export type OrderImportErrorCode = 'bad-time-zone' | 'empty-file' | 'missing-column' | 'duplicate-column' | 'too-many-rows' | CsvParseErrorCode | DecodeErrorCode;

export class OrderImportError extends Error {
  readonly code: OrderImportErrorCode;
  readonly line: number | null;
  constructor(code: OrderImportErrorCode, line: number | null, message: string) {
    super(message);
    this.name = 'OrderImportError';
    this.code = code;
    this.line = line;
  }
}

/** = + - @ tab CR at the start of a cell run as a formula when the data is opened in a spreadsheet again. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PRODUCT_SEPARATOR = /[;；、|]/;
/**
 * NUL and the other control characters are no part of an order: Postgres
 * cannot store NUL in text at all, and an escape sequence in a product name
 * would repaint the terminal of whoever reads it in a log. A key takes none;
 * a product name keeps tabs and the line breaks of a quoted cell.
 */
const CONTROL_IN_KEY = /\p{Cc}/u;
const CONTROL_IN_TEXT = /[^\P{Cc}\t\n\r]/u;

type Checked<T> = { ok: true; value: T } | { ok: false; bad: Omit<BadRow, 'line'> };

/**
 * Streaming import: push decoded text chunks as they arrive, take each
 * batch of good rows to the database, call end() once. The first record is
 * the header.
 */
export class OrderImport {
  private readonly settings: OrderImportSettings;
  private readonly local: LocalTimeReader;
  private readonly parser: CsvParser;
  private columns: ColumnMap | null = null;
  private headerWidth = 0;
  /**
   * Order id → line of the row imported with it. A later row with that id is
   * a duplicate; a row after a *bad* row with the same id is not, since
   * nothing was imported under the id (that is usually the corrected copy).
   */
  private readonly seen = new Map<string, number>();
  private rows = 0;
  private ignored: string[] = [];

  constructor(options: { timeZone: string; settings?: OrderImportSettingsInput }) {
    this.settings = OrderImportSettingsSchema.parse(options.settings ?? {});
    try {
      this.local = new LocalTimeReader(options.timeZone);
    } catch {
      throw new OrderImportError('bad-time-zone', null, `Unknown time zone "${options.timeZone}"`);
    }
    this.parser = new CsvParser({ delimiter: this.settings.delimiter, maxFieldChars: this.settings.maxFieldChars });
  }

  /** Header cells that map to no order field, for the report. */
  get ignoredColumns(): readonly string[] {
    return this.ignored;
  }

  /** Rows read so far, header excluded. */
  get rowCount(): number {
    return this.rows;
  }

  push(text: string): OrderImportBatch {
    return this.take(() => this.parser.push(text));
  }

  end(): OrderImportBatch {
    const batch = this.take(() => this.parser.end());
    if (this.columns === null) throw new OrderImportError('empty-file', null, 'The file is empty: no header row');
    return batch;
  }

  private take(read: () => CsvRecord[]): OrderImportBatch {
    let records: CsvRecord[];
    try {
      records = read();
    } catch (error) {
      if (error instanceof CsvParseError) throw new OrderImportError(error.code, error.line, error.message);
      throw error;
    }
    const batch: OrderImportBatch = { good: [], bad: [] };
    for (const record of records) {
      if (this.columns === null) {
        this.readHeader(record);
        continue;
      }
      this.rows += 1;
      if (this.rows > this.settings.maxRows) {
        throw new OrderImportError('too-many-rows', record.line, `More than ${this.settings.maxRows} rows; split the file`);
      }
      const checked = this.checkRow(record, this.columns);
      if (checked.ok) batch.good.push(checked.value);
      else batch.bad.push({ line: record.line, ...checked.bad });
    }
    return batch;
  }

  private readHeader(record: CsvRecord): void {
    const header = mapHeader(record.fields);
    if (!header.ok) throw new OrderImportError(header.code, record.line, header.message);
    this.columns = header.columns;
    this.headerWidth = record.fields.length;
    this.ignored = header.ignored;
  }

  private checkRow(record: CsvRecord, columns: ColumnMap): Checked<OrderRow> {
    const { fields } = record;
    // Trailing empty cells past the header are what spreadsheets leave behind; anything else is a shifted row.
    if (fields.length < this.headerWidth || fields.slice(this.headerWidth).some((f) => f.trim() !== '')) {
      return bad('wrong-field-count', null, `${fields.length} columns where the header has ${this.headerWidth} (a comma inside an unquoted value?)`);
    }

    const orderId = this.key(cellOf(fields, columns, 'orderId'), 'orderId');
    if (!orderId.ok) return orderId;
    const customerRef = this.key(cellOf(fields, columns, 'customerRef'), 'customerRef');
    if (!customerRef.ok) return customerRef;

    const dateCell = cellOf(fields, columns, 'orderedAt');
    if (dateCell === '') return bad('missing-value', 'orderedAt', 'No order date');
    const date = parseOrderedAt(dateCell, this.local);
    if (!date.ok) return bad('bad-date', 'orderedAt', date.detail);

    const amountCell = cellOf(fields, columns, 'amount');
    if (amountCell === '') return bad('missing-value', 'amount', 'No amount');
    const amount: AmountResult = parseAmountCents(amountCell, this.settings.decimalSeparator);
    if (!amount.ok) return bad('bad-amount', 'amount', amount.detail);
    if (amount.cents < 0 && !this.settings.allowNegativeAmounts) {
      return bad('negative-amount', 'amount', `"${amountCell}" is negative; this import takes sales only (a setting)`);
    }

    let profitCents: number | null = null;
    const profitCell = cellOf(fields, columns, 'profit');
    if (columns.profit !== null && profitCell !== '') {
      const profit = parseAmountCents(profitCell, this.settings.decimalSeparator);
      if (!profit.ok) return bad('bad-profit', 'profit', profit.detail);
      // A sale cannot earn more than it brought in; usually the two columns are swapped.
      if (amount.cents >= 0 && profit.cents > amount.cents) {
        return bad('profit-exceeds-amount', 'profit', `Profit "${profitCell}" is more than the amount "${amountCell}"`);
      }
      profitCents = profit.cents;
    }

    const productCell = cellOf(fields, columns, 'products');
    if (CONTROL_IN_TEXT.test(productCell)) return bad('control-character', 'products', 'The products hold a control character (a NUL or an escape sequence?)');
    const products: string[] = [];
    for (const raw of productCell.split(PRODUCT_SEPARATOR)) {
      const product = raw.trim();
      if (product === '') continue;
      const safe = defusedText(product);
      if (safe === null) return bad('formula-cell', 'products', `Product "${product}" starts like a spreadsheet formula`);
      products.push(safe);
    }

    const firstLine = this.seen.get(orderId.value);
    if (firstLine !== undefined) return bad('duplicate-order-id', 'orderId', `Order "${orderId.value}" is already on line ${firstLine}`);
    this.seen.set(orderId.value, record.line);

    return {
      ok: true,
      value: {
        line: record.line,
        orderId: orderId.value,
        customerRef: customerRef.value,
        orderedAt: date.at,
        amountCents: amount.cents,
        profitCents,
        products,
      },
    };
  }

  private key(raw: string, field: 'orderId' | 'customerRef'): Checked<string> {
    const what = field === 'orderId' ? 'order id' : 'customer number';
    if (raw === '') return bad('missing-value', field, `No ${what}`);
    if (CONTROL_IN_KEY.test(raw)) return bad('control-character', field, `The ${what} holds a control character (a NUL, tab or line break?)`);
    const value = defusedText(raw);
    if (value === null) return bad('formula-cell', field, `The ${what} "${raw}" starts like a spreadsheet formula`);
    if (value.length > this.settings.maxKeyChars) return bad('value-too-long', field, `The ${what} is longer than ${this.settings.maxKeyChars} characters`);
    return { ok: true, value };
  }
}

function cellOf(fields: readonly string[], columns: ColumnMap, field: OrderField): string {
  const index = columns[field];
  return index === null ? '' : (fields[index] ?? '').trim();
}

function bad(reason: BadRowReason, field: OrderField | null, detail: string): { ok: false; bad: Omit<BadRow, 'line'> } {
  return { ok: false, bad: { reason, field, detail } };
}

/**
 * A raw formula cell is refused (null): stored as is, it would run when some
 * other tool exports it to a spreadsheet. One already defused with a leading
 * apostrophe, as our own export writes it (../../reports/csv.ts), is text the
 * sender meant, and reads back without the apostrophe.
 */
function defusedText(value: string): string | null {
  if (value.startsWith("'") && FORMULA_START.test(value.slice(1))) return value.slice(1);
  return FORMULA_START.test(value) ? null : value;
}

export interface OrderImportReport extends OrderImportBatch {
  encoding: CsvEncoding | null;
  /** Data rows read (header and blank lines excluded) = good + bad. */
  rows: number;
  ignoredColumns: string[];
}

export type OrderImportResult = { ok: true; value: OrderImportReport } | { ok: false; error: { code: OrderImportErrorCode; line: number | null; message: string } };

/**
 * A whole file at once (bytes from an upload, or text from the HTTP
 * endpoint). Large files: decode and push chunks through OrderImport instead.
 */
export function importOrdersCsv(input: Uint8Array | string, options: { timeZone: string; settings?: OrderImportSettingsInput }): OrderImportResult {
  try {
    let text: string;
    let encoding: CsvEncoding | null = null;
    if (typeof input === 'string') text = input;
    else ({ text, encoding } = decodeCsvBytes(input));
    const importer = new OrderImport(options);
    const first = importer.push(text);
    const last = importer.end();
    return {
      ok: true,
      value: {
        encoding,
        good: [...first.good, ...last.good],
        bad: [...first.bad, ...last.bad],
        rows: importer.rowCount,
        ignoredColumns: [...importer.ignoredColumns],
      },
    };
  } catch (error) {
    if (error instanceof OrderImportError) return { ok: false, error: { code: error.code, line: error.line, message: error.message } };
    if (error instanceof CsvDecodeError) return { ok: false, error: { code: error.code, line: null, message: error.message } };
    throw error;
  }
}

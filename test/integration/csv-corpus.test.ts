import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionOf } from '../../shared/domain/interaction';
import { ORDER_IMPORT_BAD_LIST_MAX, ORDER_IMPORT_PATH, type OrderImportAnswer, type OrderImportBadReason } from '../../shared/protocol/orders';
import { startTestHub, type TestHub } from './helpers/test-hub';
import { TEST_STORES, type TestStore } from './helpers/test-stores';

/**
 * The order import's fuzz corpus (test/fixtures/csv-corpus/, one file per way
 * a shop's export goes wrong) posted to the real HTTP route on each store.
 * Each file either imports, listing every bad row with its line and a typed
 * reason, or is refused as a whole with a typed code and line; every valid
 * row lands exactly once, and importing the file again changes nothing.
 * Two files are made here rather than kept: 100k rows, and a 1 MB cell.
 * CSV_CORPUS_ROWS sets the big file's size.
 */

const BIG_ROWS = Number(process.env.CSV_CORPUS_ROWS ?? 100_000);
const corpus = (name: string): Buffer => readFileSync(new URL(`../fixtures/csv-corpus/${name}`, import.meta.url));

type Refusal = { code: string; message: string; issues?: { path: string; message: string }[] };
type Answer = { ok: true; data: OrderImportAnswer } | { ok: false; error: Refusal };

/** A file that imports: its valid orders (by order number) and its bad rows as [line, reason]. */
type Imports = { kind: 'imports'; encoding: OrderImportAnswer['encoding']; valid: string[]; bad: [number, OrderImportBadReason][]; query?: Record<string, string> };
/** A file refused as a whole: the file error's code and the line it names (null: none). */
type Refused = { kind: 'refused'; status: number; path: string; line: number | null; query?: Record<string, string> };

const CASES: Record<string, Imports | Refused> = {
  'utf8-bom.csv': { kind: 'imports', encoding: 'utf-8', valid: ['BOM-1', 'BOM-2', 'BOM-3'], bad: [] },
  // Excel's "Unicode text": UTF-16LE, tab-separated, Chinese headers, a Chinese date and full-width digits.
  'utf16le-bom-tab.csv': { kind: 'imports', encoding: 'utf-16le', valid: ['U16LE-1', 'U16LE-2'], bad: [], query: { delimiter: '\t' } },
  'utf16be-bom.csv': { kind: 'imports', encoding: 'utf-16be', valid: ['U16BE-1'], bad: [[3, 'bad-amount']] },
  // A four-byte GB18030 character and an amount in Chinese numerals.
  'gb18030-chinese-headers.csv': { kind: 'imports', encoding: 'gb18030', valid: ['GB-1', 'GB-2'], bad: [[4, 'bad-amount']] },
  // CRLF, LF and lone CR in one file: lines still count as a spreadsheet shows them (the blank line 6 included).
  'mixed-line-endings.csv': { kind: 'imports', encoding: 'utf-8', valid: ['MIX-1', 'MIX-2', 'MIX-3', 'MIX-5'], bad: [[5, 'bad-date']] },
  // A quoted line break makes Q-2 two lines: Q-3 is on line 5.
  'quotes-in-fields.csv': { kind: 'imports', encoding: 'utf-8', valid: ['Q-1', 'Q-2', 'Q-4', 'Q-5'], bad: [[5, 'bad-amount']] },
  'unterminated-quote.csv': { kind: 'refused', status: 400, path: 'unterminated-quote', line: 4 },
  // =, +, -, @ at the start of a key or product (after the blanks a spreadsheet skips) are refused; an apostrophe-defused one is text.
  'formula-injection.csv': {
    kind: 'imports',
    encoding: 'utf-8',
    valid: ['FX-6', 'FX-7', 'FX-8'],
    bad: [
      [2, 'formula-cell'],
      [3, 'formula-cell'],
      [4, 'formula-cell'],
      [5, 'formula-cell'],
      [6, 'formula-cell'],
    ],
  },
  'empty.csv': { kind: 'refused', status: 400, path: 'empty-file', line: null },
  'header-only.csv': { kind: 'imports', encoding: 'utf-8', valid: [], bad: [] },
  'duplicate-columns.csv': { kind: 'refused', status: 400, path: 'duplicate-column', line: 1 },
  'wrong-decimal-separator.csv': {
    kind: 'imports',
    encoding: 'utf-8',
    valid: ['DEC-2', 'DEC-6'],
    bad: [
      [2, 'bad-amount'],
      [4, 'bad-amount'],
      [5, 'bad-amount'],
      [6, 'bad-amount'],
      [8, 'bad-amount'],
    ],
  },
  'comma-decimal-semicolon.csv': { kind: 'imports', encoding: 'utf-8', valid: ['EU-1', 'EU-3'], bad: [[3, 'bad-amount']], query: { delimiter: ';', decimalSeparator: ',' } },
  // Read in Shanghai (UTC+8): 1970-01-01 00:30 there is before the epoch.
  'dates-out-of-range.csv': {
    kind: 'imports',
    encoding: 'utf-8',
    valid: ['DT-7', 'DT-9'],
    bad: [
      [2, 'bad-date'],
      [3, 'bad-date'],
      [4, 'bad-date'],
      [5, 'bad-date'],
      [6, 'bad-date'],
      [7, 'bad-date'],
      [9, 'bad-date'],
      [11, 'bad-date'],
    ],
  },
  'shifted-rows.csv': {
    kind: 'imports',
    encoding: 'utf-8',
    valid: ['SH-1'],
    bad: [
      [3, 'wrong-field-count'],
      [4, 'wrong-field-count'],
      [5, 'missing-value'],
      [6, 'missing-value'],
      [7, 'unknown-customer'],
      [8, 'profit-exceeds-amount'],
      [9, 'duplicate-order-id'],
      [10, 'value-too-long'],
    ],
  },
  // NUL, BEL and an escape sequence: refused per row (Postgres cannot store NUL; an escape would repaint a terminal reading the log).
  'nul-and-controls.csv': {
    kind: 'imports',
    encoding: 'utf-8',
    valid: ['NUL-4'],
    bad: [
      [2, 'control-character'],
      [3, 'control-character'],
      [4, 'control-character'],
    ],
  },
  'binary-garbage.csv': { kind: 'refused', status: 400, path: 'undecodable', line: null },
  // UTF-8 Chinese, then GBK 5 KB later: refused, rather than read whole as GB18030 with its UTF-8 part turned into other characters.
  'mixed-encodings.csv': { kind: 'refused', status: 400, path: 'undecodable', line: null },
};

describe.each(TEST_STORES)('the order import corpus on %s', (label, makeStore) => {
  // Reading the file is the same on both stores; on Postgres each of the big file's batches commits slower, so it gets a fifth of the rows.
  const bigRows = label === 'sqlite' ? BIG_ROWS : Math.ceil(BIG_ROWS / 5);
  let store: TestStore;
  let t: TestHub;
  let token: string;

  const post = async (body: Buffer | string, query: Record<string, string> = {}): Promise<{ status: number; answer: Answer }> => {
    const response = await fetch(`${t.hub.url}${ORDER_IMPORT_PATH}?${new URLSearchParams({ timeZone: 'Asia/Shanghai', ...query })}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: response.status, answer: (await response.json()) as Answer };
  };
  /** Order numbers stored with this prefix, once per stored order. */
  const storedOrders = async (prefix: string): Promise<string[]> =>
    (await t.hub.db.selectFrom('interactions').select('data').where('channel', '=', 'order').execute())
      .map((row) => (JSON.parse(row.data) as InteractionOf<'order'>).orderNo)
      .filter((orderNo) => orderNo.startsWith(prefix))
      .sort();

  beforeAll(async () => {
    store = await makeStore();
    t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
    token = (await t.login('admin')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    await store?.cleanup();
  });

  it('has an expectation for every file in the corpus', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(new URL('../fixtures/csv-corpus/', import.meta.url)).filter((name) => name.endsWith('.csv')).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [file, expected] of Object.entries(CASES)) {
    it(`${file}: ${expected.kind === 'imports' ? `${expected.valid.length} orders in, ${expected.bad.length} rows listed` : `refused (${expected.path})`}`, async () => {
      const bytes = corpus(file);
      const { status, answer } = await post(bytes, expected.query);
      if (expected.kind === 'refused') {
        expect(status).toBe(expected.status);
        if (answer.ok) throw new Error(`expected a refusal, got ${JSON.stringify(answer.data)}`);
        expect(answer.error.code).toBe('invalid-payload');
        expect(answer.error.issues?.[0]?.path).toBe(expected.path);
        if (expected.line !== null) expect(answer.error.message).toContain(`(line ${expected.line})`);
        return;
      }
      expect(status).toBe(200);
      if (!answer.ok) throw new Error(`expected an import, got ${JSON.stringify(answer.error)}`);
      const rows = expected.valid.length + expected.bad.length;
      expect(answer.data).toMatchObject({ encoding: expected.encoding, rows, imported: expected.valid.length, badTotal: expected.bad.length });
      expect(answer.data.bad.map((row) => [row.line, row.reason])).toEqual(expected.bad);
      // Each bad row says what was wrong with which field, for a person to fix.
      for (const row of answer.data.bad) expect(row.detail.length).toBeGreaterThan(0);
      const prefix = (expected.valid[0] ?? file).split('-')[0] ?? file;
      expect(await storedOrders(`${prefix}-`)).toEqual([...expected.valid].sort());

      // The same file again: nothing new, every valid order already there once.
      const again = await post(bytes, expected.query);
      expect(again.answer.ok && again.answer.data).toMatchObject({ imported: 0, unchanged: expected.valid.length, badTotal: expected.bad.length });
      expect(await storedOrders(`${prefix}-`)).toEqual([...expected.valid].sort());
    });
  }

  it(`imports ${bigRows} rows with every 997th bad: each good row once, each bad one counted with its line`, async () => {
    const lines = ['order id,customer,date,amount'];
    const badLines: number[] = [];
    for (let i = 0; i < bigRows; i += 1) {
      const bad = i % 997 === 996;
      if (bad) badLines.push(i + 2);
      lines.push(`BIG-${i},C00000${(i % 9) + 1},2026-01-${String((i % 28) + 1).padStart(2, '0')},${bad ? 'n/a' : `${i % 1000}.${String(i % 100).padStart(2, '0')}`}`);
    }
    const { status, answer } = await post(lines.join('\r\n'));
    expect(status).toBe(200);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    expect(answer.data).toMatchObject({ rows: bigRows, imported: bigRows - badLines.length, badTotal: badLines.length });
    expect(answer.data.bad.map((row) => row.line)).toEqual(badLines.slice(0, ORDER_IMPORT_BAD_LIST_MAX));
    const stored = await storedOrders('BIG-');
    expect(stored.length).toBe(bigRows - badLines.length);
    expect(new Set(stored).size).toBe(stored.length);
  }, 120_000);

  it('stops at a 1 MB cell with its line, keeps the batches before it, and the corrected file adds only what is missing', async () => {
    const good = Array.from({ length: 1_200 }, (_, i) => `MB-${i},C000002,2026-02-01,1.00,`);
    const header = 'order id,customer,date,amount,products';
    const huge = `MB-HUGE,C000003,2026-02-02,2.00,${'茶'.repeat(1_000_000)}`;
    const file = [header, ...good.slice(0, 1_000), huge, ...good.slice(1_000)].join('\n');
    const { status, answer } = await post(file);
    expect(status).toBe(400);
    if (answer.ok) throw new Error('a 1 MB cell was imported');
    expect(answer.error.issues?.[0]?.path).toBe('field-too-long');
    expect(answer.error.message).toContain('(line 1002)');
    const kept = await storedOrders('MB-');
    // Whole batches of 500 before the break are in, and the answer says how many.
    expect(kept.length % 500).toBe(0);
    expect(answer.error.message).toContain(kept.length > 0 ? `The ${kept.length} orders before it were imported` : '');

    const corrected = [header, ...good].join('\n');
    const fixed = await post(corrected);
    expect(fixed.answer.ok && fixed.answer.data).toMatchObject({ rows: 1_200, imported: 1_200 - kept.length, unchanged: kept.length, badTotal: 0 });
    expect(await storedOrders('MB-')).toEqual(good.map((row) => row.split(',')[0] ?? '').sort());
  });
});

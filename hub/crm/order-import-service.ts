import type { Kysely } from 'kysely';
import {
  CsvByteDecoder,
  CsvDecodeError,
  OrderImport,
  OrderImportError,
  type OrderImportBatch,
  type OrderImportErrorCode,
  type OrderRow,
} from '../../shared/crm/order-import';
import type { Change } from '../../shared/protocol/changes';
import { ORDER_IMPORT_BAD_LIST_MAX, type OrderImportAnswer, type OrderImportBadRow } from '../../shared/protocol/orders';
import { appendChanges, type ChangeDraft } from '../db/change-log';
import type { Database, Queryable } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { customerIdsByNumber, type OrderInteraction, orderInteractionId, storedInteractionData, upsertOrders } from './order-store';

export type OrderImportDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  /** Sends committed changes to the desktops (the same path as pushed mutations). */
  broadcast: (changes: Change[]) => void;
  /** Customer value (hub/crm/value-service.ts): points and figures follow the orders. */
  orderValues?: OrderValues;
};

/**
 * What the import asks of customer value, in each batch's own transaction so
 * points and figures commit with the orders or not at all. A file's first
 * `incrementalMax` orders recompute their customers at once; past that (a
 * year's export) the rest only earn their points, and one full recompute
 * follows the file: cheaper than recomputing each customer many times over.
 */
export type OrderValues = {
  incrementalMax: number;
  /** Earns and recomputes; answers the changes to append. */
  applyOrders(trx: Queryable, orders: readonly OrderInteraction[]): Promise<ChangeDraft[]>;
  earnPoints(trx: Queryable, orders: readonly OrderInteraction[]): Promise<void>;
  recomputeLater(): void;
};

export type OrderImportOptions = {
  timeZone: string;
  currency: string;
  decimalSeparator?: '.' | ',' | undefined;
  delimiter?: ',' | ';' | '\t' | undefined;
  maxBytes: number;
};

/**
 * Rows per transaction: big enough that a million-row file is a few thousand
 * commits, small enough that calls and chats waiting on the write queue are
 * held for milliseconds, not seconds.
 */
const ROWS_PER_BATCH = 500;

/** The order interaction's own limits (shared/domain/interaction.ts). */
const ORDER_NO_MAX = 40;
const ITEMS_MAX = 2000;

/** The file as a whole could not be read, or was too big; `committed` orders before `line` are already in. */
export class OrderFileError extends Error {
  readonly code: OrderImportErrorCode | 'too-large';
  readonly line: number | null;
  readonly committed: number;
  constructor(code: OrderImportErrorCode | 'too-large', line: number | null, message: string, committed: number) {
    super(message);
    this.name = 'OrderFileError';
    this.code = code;
    this.line = line;
    this.committed = committed;
  }
}

type Tally = Omit<OrderImportAnswer, 'encoding' | 'rows' | 'ignoredColumns'>;

/**
 * Reads an order file chunk by chunk and writes each batch of good rows in
 * its own transaction through the write queue, so the hub keeps answering
 * while a big file goes in. An order is keyed by customer and order number
 * (order-store.ts): a row already stored as written is left alone and sends
 * nothing to the desktops, so importing the same file twice changes nothing.
 * A file that breaks part-way (an unclosed quote, mixed encodings) stops
 * there with the batches before it kept; importing it again once fixed adds
 * only what is missing.
 */
export async function importOrderStream(deps: OrderImportDeps, body: AsyncIterable<Uint8Array>, options: OrderImportOptions): Promise<OrderImportAnswer> {
  const decoder = new CsvByteDecoder();
  const tally: Tally = { imported: 0, updated: 0, unchanged: 0, bad: [], badTotal: 0 };
  const addBad = (row: OrderImportBadRow) => {
    tally.badTotal += 1;
    if (tally.bad.length < ORDER_IMPORT_BAD_LIST_MAX) tally.bad.push(row);
  };
  let importer: OrderImport | null = null;
  let pending: OrderRow[] = [];
  const take = (batch: OrderImportBatch) => {
    for (const row of batch.bad) addBad(row);
    pending.push(...batch.good);
  };
  let deferred = false;
  const flush = async () => {
    const rows = pending;
    pending = [];
    if (rows.length === 0) return;
    const limit = deps.orderValues?.incrementalMax ?? Number.POSITIVE_INFINITY;
    deferred ||= tally.imported + rows.length > limit;
    await writeBatch(deps, rows, options.currency, tally, addBad, deferred);
  };

  let bytes = 0;
  try {
    importer = new OrderImport({
      timeZone: options.timeZone,
      settings: { decimalSeparator: options.decimalSeparator, delimiter: options.delimiter, maxKeyChars: ORDER_NO_MAX },
    });
    for await (const chunk of body) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        throw new OrderFileError('too-large', null, `Order files up to ${Math.floor(options.maxBytes / (1024 * 1024))} MB can be imported; split the file.`, tally.imported);
      }
      take(importer.push(decoder.push(chunk)));
      if (pending.length >= ROWS_PER_BATCH) await flush();
    }
    take(importer.push(decoder.end()));
    take(importer.end());
    await flush();
  } catch (error) {
    if (error instanceof OrderImportError) throw new OrderFileError(error.code, error.line, error.message, tally.imported);
    if (error instanceof CsvDecodeError) throw new OrderFileError(error.code, null, error.message, tally.imported);
    throw error;
  } finally {
    // Also when the file broke part-way: the batches before the break are in and their figures are owed.
    if (deferred) deps.orderValues?.recomputeLater();
  }
  tally.bad.sort((a, b) => a.line - b.line);
  return { encoding: decoder.encoding, rows: importer.rowCount, ...tally, ignoredColumns: [...importer.ignoredColumns] };
}

function orderOf(row: OrderRow, customerId: string, currency: string): OrderInteraction {
  const items = row.products.join('; ');
  const order: OrderInteraction = {
    id: orderInteractionId(customerId, row.orderId),
    customerId,
    occurredAt: row.orderedAt,
    // Orders come from the shop, not from an agent.
    agentId: null,
    channel: 'order',
    orderNo: row.orderId,
    amount: row.amountCents,
    currency,
    items: items.length > ITEMS_MAX ? `${items.slice(0, ITEMS_MAX - 1)}…` : items,
  };
  return row.profitCents === null ? order : { ...order, profit: row.profitCents };
}

async function writeBatch(
  deps: OrderImportDeps,
  rows: readonly OrderRow[],
  currency: string,
  tally: Tally,
  addBad: (row: OrderImportBadRow) => void,
  deferValues: boolean,
): Promise<void> {
  await deps.writeQueue(async () => {
    const outcome = await deps.db.transaction().execute(async (trx) => {
      const customers = await customerIdsByNumber(
        trx,
        rows.map((row) => row.customerRef),
      );
      const unknown: OrderImportBadRow[] = [];
      const orders: OrderInteraction[] = [];
      for (const row of rows) {
        const customerId = customers.get(row.customerRef);
        if (customerId === undefined) {
          unknown.push({ line: row.line, reason: 'unknown-customer', field: 'customerRef', detail: `No customer has the number "${row.customerRef}"` });
        } else if (row.orderedAt < 0) {
          // A date just after 1970-01-01 read in a zone east of UTC: before the epoch, which no timestamp may be.
          unknown.push({ line: row.line, reason: 'bad-date', field: 'orderedAt', detail: 'The order date is before 1970-01-01 UTC' });
        } else {
          orders.push(orderOf(row, customerId, currency));
        }
      }
      const stored = await storedInteractionData(
        trx,
        orders.map((order) => order.id),
      );
      const fresh: OrderInteraction[] = [];
      const changed: OrderInteraction[] = [];
      for (const order of orders) {
        const before = stored.get(order.id);
        if (before === undefined) fresh.push(order);
        else if (before !== JSON.stringify(order)) changed.push(order);
      }
      await upsertOrders(trx, fresh, changed);
      const written = [...fresh, ...changed];
      let values: ChangeDraft[] = [];
      if (deps.orderValues && deferValues) await deps.orderValues.earnPoints(trx, written);
      else if (deps.orderValues) values = await deps.orderValues.applyOrders(trx, written);
      const changes = await appendChanges(trx, [...[...fresh, ...changed].map((data) => ({ entity: 'interaction' as const, op: 'put' as const, data })), ...values]);
      return { unknown, changes, fresh: fresh.length, changed: changed.length, unchanged: orders.length - fresh.length - changed.length };
    });
    // Still inside the write queue, so broadcasts leave in seq order.
    if (outcome.changes.length > 0) deps.broadcast(outcome.changes);
    for (const row of outcome.unknown) addBad(row);
    tally.imported += outcome.fresh + outcome.changed;
    tally.updated += outcome.changed;
    tally.unchanged += outcome.unchanged;
  });
}

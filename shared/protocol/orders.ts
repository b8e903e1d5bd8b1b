import { z } from 'zod';
import type { BadRowReason, CsvEncoding, OrderField } from '../crm/order-import';

/**
 * The order import over HTTP (hub/crm/order-import-http.ts): an administrator
 * or supervisor POSTs the shop's CSV export as the request body, and each good
 * row lands on its customer's timeline as an `order` interaction.
 */
export const ORDER_IMPORT_PATH = '/api/orders/import';

/** Spreadsheets of a few years of orders run to tens of MB; this leaves room without letting one upload fill the disk. */
export const ORDER_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The query string. Dates without an offset are read in `timeZone`; every amount is in `currency`. */
export const OrderImportQuerySchema = z.object({
  /** Absent: the hub's own zone (where the shop usually is). */
  timeZone: z.string().max(64).refine(isTimeZone, 'expected an IANA time zone such as Asia/Shanghai').optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as CNY')
    .default('CNY'),
  decimalSeparator: z.enum(['.', ',']).optional(),
  delimiter: z.enum([',', ';', '\t']).optional(),
});
export type OrderImportQuery = z.input<typeof OrderImportQuerySchema>;

/** The hub's own refusal besides the file's (shared/crm/order-import): a customer number no customer has. */
export type OrderImportBadReason = BadRowReason | 'unknown-customer';

export type OrderImportBadRow = {
  line: number;
  reason: OrderImportBadReason;
  field: OrderField | null;
  detail: string;
};

/** At most this many bad rows are listed; `badTotal` counts them all. */
export const ORDER_IMPORT_BAD_LIST_MAX = 1000;

/**
 * What an import did. rows = imported + unchanged + badTotal. Importing the
 * same file again answers imported 0: every order is already there as written.
 */
export type OrderImportAnswer = {
  /** The file's detected encoding; null for an empty body. */
  encoding: CsvEncoding | null;
  /** Data rows read (header and blank lines excluded). */
  rows: number;
  /** Orders written: new ones plus the `updated` ones. */
  imported: number;
  /** Of `imported`, orders that were already on the timeline with other figures (a corrected file). */
  updated: number;
  /** Orders already on the timeline exactly as in the file: nothing written, nothing sent to desktops. */
  unchanged: number;
  bad: OrderImportBadRow[];
  badTotal: number;
  /** Header cells that map to no order field. */
  ignoredColumns: string[];
};

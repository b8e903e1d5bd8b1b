import { z } from 'zod';

/**
 * How an administrator's order files are read. The decimal separator is
 * declared, never guessed per row: "1,234" is 1 234 yuan with a decimal point
 * and 1.234 with a decimal comma, and a guess would import one of them wrong
 * without a word.
 */
export const OrderImportSettingsSchema = z.object({
  /** '.' (China, UK, US): "1,234.50" / "1 234.50". ',' (much of Europe): "1.234,50" / "1 234,50". */
  decimalSeparator: z.enum(['.', ',']).default('.'),
  /** Excel writes ';' where the decimal separator is a comma. */
  delimiter: z.enum([',', ';', '\t']).default(','),
  /** A refund or credit note is its own negative line (see ../order.ts); turn off for sales-only feeds. */
  allowNegativeAmounts: z.boolean().default(true),
  /** Longest single cell; also what stops an unclosed quote from swallowing the file. */
  maxFieldChars: z.number().int().min(64).max(1_000_000).default(10_000),
  maxRows: z.number().int().positive().max(10_000_000).default(2_000_000),
  /** Order ids and customer numbers are keys, not prose. */
  maxKeyChars: z.number().int().min(8).max(256).default(64),
});
export type OrderImportSettings = z.infer<typeof OrderImportSettingsSchema>;
export type OrderImportSettingsInput = z.input<typeof OrderImportSettingsSchema>;

export const DEFAULT_ORDER_IMPORT_SETTINGS: OrderImportSettings = OrderImportSettingsSchema.parse({});

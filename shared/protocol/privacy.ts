import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from '../domain/ids';

/**
 * Data protection (PIPL 个人信息保护法, GDPR): a customer's data as one
 * download, its erasure, and how long recordings and contact files are kept.
 * Supervisors and administrators export and erase; administrators set the
 * retention.
 */

export const PRIVACY_PATHS = {
  /** GET `<prefix><customerId>` with a bearer token: everything held about one customer as one JSON file. */
  export: '/api/privacy/export/',
} as const;

/** The tag an erased customer carries (beside the name "Erased customer #<number>"): the desktop shows the erased state by it. */
export const ERASED_TAG = 'erased';

/** The name an erased customer is left with; the number stays so reports and orders still add up. */
export const erasedName = (number: string): string => `Erased customer #${number}`;

/** What stands in for words that must go but whose field may not be empty (a complaint's description, a note). */
export const ERASED_TEXT = '—';

/** `privacy:erase`: the reason is kept with the record of the erasure (who asked, under which request). */
export const EraseCustomerRequestSchema = z
  .object({
    customerId: UlidSchema,
    reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
  })
  .strict();
export type EraseCustomerRequest = z.input<typeof EraseCustomerRequestSchema>;

/** How many of each thing an erasure removed or blanked: the record keeps the counts, never the data. */
export const ErasureCountsSchema = z.object({
  identities: z.number().int().nonnegative(),
  interactions: z.number().int().nonnegative(),
  complaints: z.number().int().nonnegative(),
  followUps: z.number().int().nonnegative(),
  surveys: z.number().int().nonnegative(),
  chats: z.number().int().nonnegative(),
  emailThreads: z.number().int().nonnegative(),
  smsConversations: z.number().int().nonnegative(),
  /** Stored files (recordings, email, chat and SMS files) whose bytes were deleted. */
  files: z.number().int().nonnegative(),
  /** Earlier entries of the sync change log that carried the customer's data. */
  logEntries: z.number().int().nonnegative(),
});
export type ErasureCounts = z.infer<typeof ErasureCountsSchema>;

/** The lasting record of one erasure (table `customer_erasures`). */
export const ErasureRecordSchema = z.object({
  id: UlidSchema,
  customerId: UlidSchema,
  number: z.string(),
  erasedBy: UlidSchema,
  erasedByName: z.string(),
  erasedAt: EpochMsSchema,
  reason: z.string(),
  counts: ErasureCountsSchema,
});
export type ErasureRecord = z.infer<typeof ErasureRecordSchema>;

/** `privacy:erasure`: the record of a customer's erasure, or null when they were never erased. */
export const ErasureLookupSchema = z.object({ customerId: UlidSchema }).strict();

/**
 * The sync change that tells every desktop to forget what it cached of the
 * customer (identities, timeline, complaints, follow-ups, value); the
 * anonymised rows follow it in the log.
 */
export const ErasureNoticeSchema = z.object({ id: UlidSchema, customerId: UlidSchema, erasedAt: EpochMsSchema });
export type ErasureNotice = z.infer<typeof ErasureNoticeSchema>;

const KeepDaysSchema = z.number().int().min(1).max(36_500).nullable();

/** Days each kind of file is kept after it arrived; null keeps it forever. */
export const RetentionSettingsSchema = z
  .object({
    recordings: KeepDaysSchema,
    email: KeepDaysSchema,
    chat: KeepDaysSchema,
    sms: KeepDaysSchema,
  })
  .strict();
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;
export type RetentionKind = keyof RetentionSettings;
export const RETENTION_KINDS = ['recordings', 'email', 'chat', 'sms'] as const satisfies readonly RetentionKind[];

export const KEEP_FOREVER: RetentionSettings = { recordings: null, email: null, chat: null, sms: null };

/** `admin:retention:sweep`: what the sweep removed now (it also runs daily). */
export type RetentionSweepAnswer = { files: number; at: number };

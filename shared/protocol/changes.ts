import { z } from 'zod';
import { ComplaintSchema } from '../complaints/complaint';
import { CustomerSchema, IdentitySchema } from '../domain/customer';
import { UlidSchema } from '../domain/ids';
import { CustomerValueRecordSchema } from './customer-value';
import { InteractionSchema } from '../domain/interaction';
import { FollowUpSchema } from '../follow-ups/follow-up';
import { ErasureNoticeSchema } from './privacy';

/**
 * One committed change from the hub's change log. `seq` is global and
 * gap-free, so a desktop that sees seq N+2 after N knows it missed one and pulls.
 * The customer and identity put/delete pairs are nested under `op`: zod 4 refuses the same
 * discriminator value twice in one discriminated union (it threw on first parse).
 */
export const ChangeSchema = z.discriminatedUnion('entity', [
  z.discriminatedUnion('op', [
    z.object({ seq: z.number().int().positive(), entity: z.literal('customer'), op: z.literal('put'), data: CustomerSchema }),
    // A provisional customer linked into an existing one: their identities and interactions moved first (hub/customers/link-customer.ts).
    z.object({ seq: z.number().int().positive(), entity: z.literal('customer'), op: z.literal('delete'), data: z.object({ id: UlidSchema }) }),
  ]),
  z.discriminatedUnion('op', [
    z.object({ seq: z.number().int().positive(), entity: z.literal('identity'), op: z.literal('put'), data: IdentitySchema }),
    z.object({
      seq: z.number().int().positive(),
      entity: z.literal('identity'),
      op: z.literal('delete'),
      data: z.object({ id: UlidSchema, customerId: UlidSchema }),
    }),
  ]),
  // ── complaints (hub/complaints/) ──
  z.object({ seq: z.number().int().positive(), entity: z.literal('complaint'), op: z.literal('put'), data: ComplaintSchema }),
  // ── follow-ups (hub/follow-ups/) ──
  z.object({ seq: z.number().int().positive(), entity: z.literal('followUp'), op: z.literal('put'), data: FollowUpSchema }),
  // ── customer value (hub/crm/) ──
  z.object({ seq: z.number().int().positive(), entity: z.literal('customerValue'), op: z.literal('put'), data: CustomerValueRecordSchema }),
  // ── data protection (hub/privacy/) ──
  // A customer was erased: desktops drop every row they cached of them; the anonymised rows follow in the log.
  z.object({ seq: z.number().int().positive(), entity: z.literal('erasure'), op: z.literal('put'), data: ErasureNoticeSchema }),
  z.object({ seq: z.number().int().positive(), entity: z.literal('interaction'), op: z.literal('put'), data: InteractionSchema }),
]);
export type Change = z.infer<typeof ChangeSchema>;
export type ChangeEntity = Change['entity'];

export const PULL_PAGE_MAX = 10_000;

export const PullRequestSchema = z.object({
  /** Highest seq the desktop has applied; 0 on an empty cache. */
  since: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(PULL_PAGE_MAX).default(5_000),
  /**
   * The desktop caches only recent interactions (a setting); older ones are
   * skipped here and fetched page by page when a timeline is scrolled past them.
   */
  interactionsSince: z.number().int().nonnegative().default(0),
});
export type PullRequest = z.input<typeof PullRequestSchema>;

export type PullResult = {
  changes: Change[];
  /** Apply `changes`, then set the cursor to this; it may be past the last change (filtered rows). */
  cursor: number;
  /** The hub's newest seq when the page was read. */
  head: number;
  more: boolean;
};

export const HistoryRequestSchema = z.object({
  customerId: UlidSchema,
  /** Interactions strictly older than this, newest first. */
  before: z.number().int().nonnegative(),
  /**
   * Tie-break for a page that ended on several interactions at the same ms:
   * pass the last one's id with its `occurredAt` as `before`, and the next page
   * also includes interactions at exactly `before` with a smaller id.
   */
  beforeId: UlidSchema.optional(),
  limit: z.number().int().positive().max(500).default(200),
});
export type HistoryRequest = z.input<typeof HistoryRequestSchema>;

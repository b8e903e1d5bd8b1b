import { z } from 'zod';
import { CustomerPatchSchema, IdentityKindSchema } from '../domain/customer';
import { EpochMsSchema, UlidSchema } from '../domain/ids';
import { ComplaintActArgsSchema, ComplaintLogArgsSchema } from './complaints';
import { EmailSendArgsSchema } from './email-outbound';
import type { HubError } from './errors';
import { FollowUpRecordArgsSchema, FollowUpScheduleArgsSchema } from './follow-ups';

/**
 * The mutation catalogue: every change an agent can make, by name. A desktop
 * writes the optimistic change and the mutation in one Dexie transaction; the
 * hub re-validates the intent against current state and applies it once.
 */
export const MutationArgsSchemas = {
  'interaction.addNote': z.object({
    interactionId: UlidSchema,
    customerId: UlidSchema,
    text: z.string().trim().min(1).max(10_000),
    occurredAt: EpochMsSchema,
  }),
  'customer.update': z.object({
    customerId: UlidSchema,
    /** Only the fields the agent touched: the hub merges field by field, so two agents editing different fields both win. */
    patch: CustomerPatchSchema,
  }),
  'customer.addIdentity': z.object({
    identityId: UlidSchema,
    customerId: UlidSchema,
    kind: IdentityKindSchema,
    /** As typed; the hub normalises (E.164, lower-case email) and refuses what it cannot. */
    value: z.string().trim().min(1).max(320),
  }),
  'customer.removeIdentity': z.object({
    identityId: UlidSchema,
    customerId: UlidSchema,
  }),
  /**
   * Two records of one person: the duplicate's identities, timeline, open tasks and conversations move to the
   * survivor, the duplicate goes, and `auditId` becomes the note on the survivor's timeline that says who merged whom.
   */
  'customer.merge': z
    .object({ survivorId: UlidSchema, duplicateId: UlidSchema, auditId: UlidSchema })
    .refine((args) => args.survivorId !== args.duplicateId, { path: ['duplicateId'], message: 'a customer cannot be merged into themselves' }),
  // ── complaints (hub/complaints/) ──
  /** Log a complaint (from a contact or the profile, online or offline). */
  'complaint.log': ComplaintLogArgsSchema,
  /** One step of a complaint's workflow (acknowledge, investigate, resolve, close, reopen, assign …). */
  'complaint.act': ComplaintActArgsSchema,
  // ── follow-ups (hub/follow-ups/) ──
  /** Schedule a follow-up (回访) by hand, with its `scheduled` timeline line. */
  'followUp.schedule': FollowUpScheduleArgsSchema,
  /** What came of a follow-up: reached, no answer, rescheduled, or cancelled. */
  'followUp.record': FollowUpRecordArgsSchema,
  // ── customer value (hub/crm/) ──
  /** A reply, reply-all or forward in an email thread: filed on the thread and timeline, then sent from the hub's outbox. */
  'email.send': EmailSendArgsSchema,
} as const;

export type MutationName = keyof typeof MutationArgsSchemas;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MutationArgsSchemas)[N]>;

const envelope = <N extends MutationName>(name: N) =>
  z.object({
    id: UlidSchema,
    name: z.literal(name),
    args: MutationArgsSchemas[name],
    createdAt: EpochMsSchema,
  });

export const MutationSchema = z.discriminatedUnion('name', [
  envelope('interaction.addNote'),
  envelope('customer.update'),
  envelope('customer.addIdentity'),
  envelope('customer.removeIdentity'),
  envelope('customer.merge'),
  envelope('email.send'),
  // ── complaints (hub/complaints/) ──
  envelope('complaint.log'),
  envelope('complaint.act'),
  // ── follow-ups (hub/follow-ups/) ──
  envelope('followUp.schedule'),
  envelope('followUp.record'),
  // ── customer value (hub/crm/) ──
]);
export type Mutation = z.infer<typeof MutationSchema>;
export type MutationOf<N extends MutationName> = Extract<Mutation, { name: N }>;

export const PushRequestSchema = z.object({
  /**
   * In outbox order. Each mutation is validated on its own, so one bad entry
   * is refused with its reason while the valid ones around it still apply.
   */
  mutations: z.array(z.unknown()).min(1).max(500),
});
export type PushRequest = { mutations: Mutation[] };

/**
 * Per-mutation outcome. `duplicate` means the id was applied before: the
 * first result is returned again, nothing is applied twice.
 */
export type MutationResult =
  | { id: string; status: 'applied'; seq: number }
  | { id: string; status: 'duplicate'; seq: number }
  | { id: string; status: 'rejected'; error: HubError };

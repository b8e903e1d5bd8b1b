import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from '../domain/ids';

/**
 * A customer complaint (投诉) as the workflow and the SLA clocks see it.
 * Categories and root causes are admin-managed trees; here they are codes,
 * checked against the tree by whoever holds it.
 */

export const ComplaintSeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type ComplaintSeverity = z.infer<typeof ComplaintSeveritySchema>;
export const COMPLAINT_SEVERITIES = ComplaintSeveritySchema.options;

export const ComplaintStatusSchema = z.enum(['new', 'acknowledged', 'investigating', 'resolved', 'closed']);
export type ComplaintStatus = z.infer<typeof ComplaintStatusSchema>;

/** Where the complaint came from; acknowledgement and resolution messages go back the same way. */
export const ComplaintChannelSchema = z.enum(['call', 'email', 'chat', 'sms', 'profile']);
export type ComplaintChannel = z.infer<typeof ComplaintChannelSchema>;

/** A category, sub-category or root-cause code from an admin-managed tree (`billing`, `billing.double-charge`). */
export const ComplaintCodeSchema = z
  .string()
  .max(60)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'letters, digits, dot, dash, underscore');

const NoteSchema = z.string().trim().max(4000);

/** What the customer was given to put things right; all optional, recorded on resolve. */
export const CompensationSchema = z.object({
  loyaltyPoints: z.number().int().nonnegative().max(10_000_000).default(0),
  couponCode: z.string().trim().min(1).max(64).nullable().default(null),
  /** Refunds are made in the order system; this says what was done (amount, reference). */
  refundNote: z.string().trim().min(1).max(1000).nullable().default(null),
});
export type Compensation = z.infer<typeof CompensationSchema>;
export const NO_COMPENSATION: Compensation = { loyaltyPoints: 0, couponCode: null, refundNote: null };

export const ResolutionSchema = z.object({
  note: NoteSchema.min(1),
  rootCause: ComplaintCodeSchema,
  compensation: CompensationSchema,
  resolvedBy: z.string().min(1).max(64),
  resolvedAt: EpochMsSchema,
});
export type Resolution = z.infer<typeof ResolutionSchema>;

/** A stretch when the resolution clock stood still: waiting on the customer, or resolved until reopened. */
export const ClockPauseSchema = z.object({
  reason: z.enum(['awaiting-customer', 'resolved']),
  from: EpochMsSchema,
  /** null while the pause lasts. */
  to: EpochMsSchema.nullable(),
});
export type ClockPause = z.infer<typeof ClockPauseSchema>;

export const ComplaintSchema = z.object({
  id: UlidSchema,
  customerId: UlidSchema,
  channel: ComplaintChannelSchema,
  category: ComplaintCodeSchema,
  subCategory: ComplaintCodeSchema.nullable(),
  severity: ComplaintSeveritySchema,
  description: NoteSchema.min(1),
  /** What the customer asks for (a refund, an apology, a replacement). */
  customerRequest: NoteSchema,
  linkedInteractionIds: z.array(UlidSchema).max(200),
  /** Order or product references as the order system writes them. */
  orderRefs: z.array(z.string().trim().min(1).max(64)).max(100),
  ownerId: z.string().min(1).max(64).nullable(),
  teamId: z.string().min(1).max(64).nullable(),
  status: ComplaintStatusSchema,
  openedAt: EpochMsSchema,
  /** First response: stops the first-response clock; kept through reopen. */
  acknowledgedAt: EpochMsSchema.nullable(),
  resolution: ResolutionSchema.nullable(),
  closedAt: EpochMsSchema.nullable(),
  reopenCount: z.number().int().nonnegative(),
  pauses: z.array(ClockPauseSchema).max(500),
  /** Last change, so an event dated before it is refused (clocks only run forward). */
  updatedAt: EpochMsSchema,
});
export type Complaint = z.infer<typeof ComplaintSchema>;

import { z } from 'zod';
import { type Complaint, ComplaintCodeSchema } from '../complaints/complaint';
import { EscalationSettingsSchema } from '../complaints/escalation';
import { ComplaintSlaSettingsSchema, type SlaClock } from '../complaints/sla';
import { ComplaintEventSchema, ComplaintLoggedSchema } from '../complaints/workflow';
import { UlidSchema } from '../domain/ids';

/**
 * Complaints between desktop and hub. Logging and every workflow step are
 * mutations (offline-safe, applied once); the hub stamps who did it and
 * writes each step as a `complaint` line on the customer's timeline under
 * the id the desktop chose, so the optimistic line and the hub's are one.
 */

/** `complaint.log`: a new complaint. `lineId` is its first timeline line (step `logged`). */
export const ComplaintLogArgsSchema = z.object({
  complaint: ComplaintLoggedSchema,
  lineId: UlidSchema,
});
export type ComplaintLogArgs = z.infer<typeof ComplaintLogArgsSchema>;

/**
 * `complaint.act`: one workflow step. The event's `by` is overwritten with the
 * pushing user (a desktop cannot act in someone else's name); `at` is when the
 * agent acted, so a step taken offline keeps its time, and one dated before
 * the complaint's last change is refused (`time-went-backwards`).
 */
export const ComplaintActArgsSchema = z.object({
  complaintId: UlidSchema,
  lineId: UlidSchema,
  event: ComplaintEventSchema,
});
export type ComplaintActArgs = z.infer<typeof ComplaintActArgsSchema>;

/** One node of the admin-managed category tree (and of the root-cause list): a code and its label in both languages. */
export const ComplaintCodeLabelSchema = z.object({
  code: ComplaintCodeSchema,
  en: z.string().trim().min(1).max(80),
  zh: z.string().trim().min(1).max(80),
});
export type ComplaintCodeLabel = z.infer<typeof ComplaintCodeLabelSchema>;

export const ComplaintCategorySchema = ComplaintCodeLabelSchema.extend({
  children: z.array(ComplaintCodeLabelSchema).max(100).default([]),
});
export type ComplaintCategory = z.infer<typeof ComplaintCategorySchema>;

/** A message to the customer, per language; `{customerName}`, `{complaintNumber}`, `{resolution}` are filled in. */
const TemplateTextSchema = z.object({ subject: z.string().trim().max(200), body: z.string().trim().min(1).max(4000) });
export const ComplaintTemplateSchema = z.object({ en: TemplateTextSchema, zh: TemplateTextSchema });
export type ComplaintTemplate = z.infer<typeof ComplaintTemplateSchema>;

export const ComplaintTemplatesSchema = z.object({ acknowledge: ComplaintTemplateSchema, resolve: ComplaintTemplateSchema });
export type ComplaintTemplates = z.infer<typeof ComplaintTemplatesSchema>;

/** What an administrator sets for complaints (`admin:complaints:set`); everyone who logs complaints reads it. */
export const ComplaintSettingsSchema = z.object({
  categories: z.array(ComplaintCategorySchema).min(1).max(100),
  rootCauses: z.array(ComplaintCodeLabelSchema).min(1).max(200),
  sla: ComplaintSlaSettingsSchema,
  escalation: EscalationSettingsSchema,
  templates: ComplaintTemplatesSchema,
  /**
   * The escalation chain, user ids nearest first (level 1 = chain[0]; a level
   * past its end goes to its top). Absent or empty: level 1 goes to every
   * supervisor and level 2 and above to every administrator. Every
   * escalation is also shown to every supervisor.
   */
  chain: z.array(UlidSchema).max(10).optional(),
});
export type ComplaintSettings = z.infer<typeof ComplaintSettingsSchema>;

/** The number a customer is told and an agent reads out (`CP-` and the random tail of the id), like an email thread's ticket ref. */
export const complaintNumberOf = (complaintId: string): string => `CP-${complaintId.slice(-8)}`;

/**
 * How the hub refuses a complaint mutation, so the desk can say exactly why:
 * - a workflow refusal (shared/complaints/workflow.ts) is `conflict` whose
 *   `issues[0]` is `{ path, message: <ComplaintTransitionErrorCode> }`
 *   (`invalid-transition`, `resolution-note-required`, `root-cause-required`,
 *   `time-went-backwards`, …); `path` names the field (`args.event.note`);
 * - a category, sub-category or root cause not in the settings, or a linked
 *   interaction that is not the customer's, is `invalid-payload` whose issue
 *   names the field and whose message is `unknown-category`,
 *   `unknown-sub-category`, `unknown-root-cause` or `not-this-customers`;
 *   an owner who is no user or a team that is no queue (on log or assign)
 *   likewise, with `unknown-owner` / `unknown-team`;
 * - a complaint or line id already used is `conflict` with no issues;
 * - acting on a complaint that is not yours, your team's (a queue you work)
 *   or, for supervisors and administrators, anyone's is `forbidden`.
 * Any agent may log a complaint; one logged with neither owner nor team is
 * owned by whoever logged it (the hub's `complaint` change says so).
 * A complaint's team is a queue id: its members are the agents working it.
 *
 * The customer hears of `acknowledge` and `resolve` back the way the
 * complaint came (chat: the open chat, else email, else SMS; email: email,
 * else SMS; SMS: SMS, else email; call / profile: email, else SMS), in the
 * open chat's language, else Chinese when their name is written in Chinese
 * characters, else English; a `customer-told` line says how, or why not.
 */
export const COMPLAINT_PAYLOAD_CODES = ['unknown-category', 'unknown-sub-category', 'unknown-root-cause', 'not-this-customers', 'unknown-owner', 'unknown-team'] as const;
export type ComplaintPayloadCode = (typeof COMPLAINT_PAYLOAD_CODES)[number];

/** The specific code of a complaint refusal (see above), or null when it has none. */
export function complaintRefusalCode(error: { code: string; issues?: { path: string; message: string }[] | undefined }): string | null {
  if (error.code !== 'conflict' && error.code !== 'invalid-payload') return null;
  return error.issues?.[0]?.message ?? null;
}

/** A complaint with its clocks as the hub reads them now: for lists and the complaint view. */
export type ComplaintView = Complaint & { clocks: SlaClock[]; customerName: string; customerNumber: string };

/** `complaint:list`: open complaints (or all), mine, my team's, or every one for supervisors. */
export const ComplaintListRequestSchema = z
  .object({
    scope: z.enum(['mine', 'team', 'all']).default('mine'),
    status: z.enum(['open', 'all']).default('open'),
    customerId: UlidSchema.optional(),
    limit: z.number().int().positive().max(500).default(200),
  })
  .strict();
export type ComplaintListRequest = z.input<typeof ComplaintListRequestSchema>;

/** To a manager on the escalation chain (and to supervisors): a complaint's clock turned amber or was breached. */
export type ComplaintEscalationNotice = {
  key: string;
  complaintId: string;
  customerId: string;
  customerName: string;
  clock: 'first-response' | 'resolution';
  reason: 'warning' | 'breach';
  level: number;
  dueAt: number | null;
};

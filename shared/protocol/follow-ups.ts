import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from '../domain/ids';
import { type FollowUp, FollowUpKindSchema, FollowUpPrioritySchema, FollowUpRecordOutcomeSchema } from '../follow-ups/follow-up';

/**
 * Follow-ups (回访) between desktop and hub. Scheduling and recording an
 * outcome are mutations (offline-safe, applied once); each writes a
 * `follow-up` line on the customer's timeline under the id the desktop chose.
 */

const NoteSchema = z.string().trim().max(4000);

/** `followUp.schedule`: a new follow-up by hand. `lineId` is its `scheduled` timeline line. */
export const FollowUpScheduleArgsSchema = z.object({
  followUpId: UlidSchema,
  lineId: UlidSchema,
  customerId: UlidSchema,
  kind: FollowUpKindSchema,
  dueAt: EpochMsSchema,
  /** Who makes the contact (the desktop fills in the agent by default); null hands it to `queueId`. */
  assigneeId: UlidSchema.nullable(),
  queueId: UlidSchema.nullable(),
  priority: FollowUpPrioritySchema.default('normal'),
  notes: NoteSchema.default(''),
});
export type FollowUpScheduleArgs = z.infer<typeof FollowUpScheduleArgsSchema>;

/**
 * `followUp.record`: what came of it — reached, no answer (it stays open for
 * another try), rescheduled to `dueAt`, or cancelled. `at` is when the agent
 * recorded it, so an outcome typed offline keeps its time.
 */
export const FollowUpRecordArgsSchema = z
  .object({
    followUpId: UlidSchema,
    lineId: UlidSchema,
    outcome: FollowUpRecordOutcomeSchema,
    /** The new due time; only with `rescheduled`, and required there. */
    dueAt: EpochMsSchema.nullable().default(null),
    note: NoteSchema.default(''),
    at: EpochMsSchema,
  })
  .refine((args) => (args.outcome === 'rescheduled') === (args.dueAt !== null), {
    path: ['dueAt'],
    message: 'a new due time goes with rescheduled, and only with it',
  });
export type FollowUpRecordArgs = z.infer<typeof FollowUpRecordArgsSchema>;

/**
 * `followUp:list`: my open follow-ups (scheduled and due), or the overdue
 * ones — mine, or (`everyone`, supervisors and admins only) everybody's.
 */
export const FollowUpListRequestSchema = z
  .object({
    scope: z.enum(['mine', 'overdue']).default('mine'),
    everyone: z.boolean().default(false),
    limit: z.number().int().positive().max(1000).default(500),
  })
  .strict();
export type FollowUpListRequest = z.input<typeof FollowUpListRequestSchema>;

/** A follow-up as a list shows it: who it is about and who has it, read when the list is asked for. */
export type FollowUpView = FollowUp & {
  customerName: string;
  customerNumber: string;
  assigneeName: string | null;
  overdue: boolean;
};

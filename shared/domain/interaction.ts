import { z } from 'zod';
import { ComplaintStatusSchema } from '../complaints/complaint';
import { FollowUpKindSchema, FollowUpOutcomeSchema } from '../follow-ups/follow-up';
import { EpochMsSchema, UlidSchema } from './ids';

export const ChannelSchema = z.enum(['call', 'email', 'chat', 'sms', 'video', 'note', 'order', 'complaint', 'follow-up', 'survey']);
export type Channel = z.infer<typeof ChannelSchema>;

export const DirectionSchema = z.enum(['inbound', 'outbound']);

export const AttachmentSchema = z.object({
  name: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(127),
  size: z.number().int().nonnegative(),
});

/**
 * How a call ended, as a supervisor reads it: answered by an agent, rung
 * out with nobody answering (missed), given up by the caller while waiting
 * or ringing (abandoned), released at the queue's max wait to a callback
 * task, or turned down by the agent it rang (declined; direct calls).
 */
export const CallOutcomeSchema = z.enum(['answered', 'missed', 'abandoned', 'released', 'declined']);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

const base = {
  id: UlidSchema,
  customerId: UlidSchema,
  occurredAt: EpochMsSchema,
  /** Who handled it; null for contacts nobody has handled yet (or automated ones). */
  agentId: UlidSchema.nullable(),
};

export const ChatMessageSchema = z.object({
  /** `system`: lines the hub wrote into a live chat (greeting, queue and max-wait messages). */
  from: z.enum(['customer', 'agent', 'system']),
  text: z.string().max(4000),
  at: EpochMsSchema,
  /** A file sent in the chat; the transcript keeps its description and capability link, the hub keeps the bytes. */
  attachment: AttachmentSchema.extend({ url: z.string().startsWith('/api/chat/file/').max(300) }).optional(),
});

/**
 * One timeline, every channel: a channel-discriminated union. Interactions are
 * append-only; a correction is a new interaction, never an edit.
 */
export const InteractionSchema = z.discriminatedUnion('channel', [
  z.object({
    ...base,
    channel: z.literal('call'),
    direction: DirectionSchema,
    from: z.string().max(64),
    to: z.string().max(64),
    /** Talk time: from the answer to the end, hold time left out. */
    durationSec: z.number().int().nonnegative(),
    disposition: z.string().max(64).nullable(),
    // The figures below came with issue 4: rows written before have none, so each is optional (absent = not recorded).
    /** The SIP Call-ID: the key recordings are filed under. */
    callId: z.string().max(256).nullable().optional(),
    /** The queue the call waited in; null for a direct or outbound call. `name` as it was then. */
    queue: z.object({ id: UlidSchema, name: z.string().max(200) }).nullable().optional(),
    /** The agent's name as it was then (agentId names who answered or dialled). */
    agentName: z.string().max(200).nullable().optional(),
    outcome: CallOutcomeSchema.optional(),
    /** Arrival to answer, or to the caller giving up. */
    waitSec: z.number().int().nonnegative().optional(),
    holdSec: z.number().int().nonnegative().optional(),
    /** The agent's wrap-up notes. */
    notes: z.string().max(10_000).optional(),
  }),
  z.object({
    ...base,
    channel: z.literal('email'),
    direction: DirectionSchema,
    from: z.string().max(320),
    to: z.string().max(320),
    subject: z.string().max(998),
    body: z.string().max(100_000),
    attachments: z.array(AttachmentSchema).max(50),
    // The fields below came with issue 5 (the email channel): rows written before have none, so each is optional.
    /** The email thread (shared/domain/email.ts) and the mail's RFC 5322 Message-ID. */
    threadId: UlidSchema.optional(),
    messageId: z.string().max(998).optional(),
    cc: z.array(z.string().max(320)).max(500).optional(),
    /** The HTML body as received (the desktop sanitises it for display); the text body is in `body`. */
    html: z.string().max(100_000).nullable().optional(),
    /** The stored files behind `attachments`, in the same order (the thread's message lists every one). */
    attachmentIds: z.array(UlidSchema).max(50).optional(),
    /** A bounce or an auto-reply (out of office): kept on the timeline, never a task. */
    autoKind: z.enum(['none', 'bounce', 'auto-reply']).optional(),
  }),
  z.object({
    ...base,
    channel: z.literal('chat'),
    direction: DirectionSchema,
    messages: z.array(ChatMessageSchema).max(2000),
  }),
  z.object({
    ...base,
    channel: z.literal('sms'),
    direction: DirectionSchema,
    from: z.string().max(64),
    to: z.string().max(64),
    text: z.string().max(1600),
  }),
  z.object({
    ...base,
    channel: z.literal('video'),
    direction: DirectionSchema,
    durationSec: z.number().int().nonnegative(),
  }),
  z.object({
    ...base,
    channel: z.literal('note'),
    text: z.string().min(1).max(10_000),
    /** Set on the audit note a customer merge writes (issue 5): who was merged into this customer; `agentId` is who merged. */
    mergedFrom: z.object({ customerId: UlidSchema, number: z.string().max(32), name: z.string().max(120) }).optional(),
  }),
  z.object({
    ...base,
    channel: z.literal('order'),
    orderNo: z.string().max(40),
    /** Minor units (fen / cents) so money never meets floating point. */
    amount: z.number().int(),
    currency: z.string().length(3),
    items: z.string().max(2000),
    /** Gross profit in minor units, when the imported order file has it (issue 7); absent on older rows and on shops that do not send it. */
    profit: z.number().int().optional(),
  }),
  // Issue 7: complaints, follow-ups and surveys write their history here, so the customer's one timeline tells all of it.
  z.object({
    ...base,
    channel: z.literal('complaint'),
    complaintId: UlidSchema,
    /** `logged`, a workflow step (shared/complaints/workflow.ts), or what the hub did about it (escalated, customer told). */
    step: z.enum(['logged', 'acknowledge', 'investigate', 'await-customer', 'customer-replied', 'resolve', 'close', 'reopen', 'assign', 'escalated', 'customer-told']),
    /** The complaint's status after the step. */
    status: ComplaintStatusSchema,
    /** The step's own words: the description when logged, the resolution note, the reopen reason, whom it went to. */
    text: z.string().max(4000),
  }),
  z.object({
    ...base,
    channel: z.literal('follow-up'),
    followUpId: UlidSchema,
    kind: FollowUpKindSchema,
    outcome: FollowUpOutcomeSchema,
    /** When it is (or, once worked, was) due; a rescheduled one names the new time. */
    dueAt: EpochMsSchema,
    note: z.string().max(4000),
  }),
  z.object({
    ...base,
    channel: z.literal('survey'),
    surveyId: UlidSchema,
    /** Satisfaction 1–5 (满意度); null when only the NPS question was asked. */
    csat: z.number().int().min(1).max(5).nullable(),
    /** Likelihood to recommend 0–10, when the survey asked it. */
    nps: z.number().int().min(0).max(10).nullable(),
    comment: z.string().max(2000),
    /** What was rated: a task (its queue and agent feed their figures) or a complaint. */
    about: z.object({ kind: z.enum(['task', 'complaint']), id: UlidSchema }),
    queueId: UlidSchema.nullable(),
  }),
]);
export type Interaction = z.infer<typeof InteractionSchema>;
export type InteractionOf<C extends Channel> = Extract<Interaction, { channel: C }>;

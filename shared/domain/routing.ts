import { z } from 'zod';
import { TierSchema } from './customer';
import { EpochMsSchema, UlidSchema } from './ids';

/**
 * The channels work arrives on. Notes and orders are interactions, never work
 * waiting for an agent, so they are not here. Callbacks and follow-ups are
 * `call` / `email` tasks.
 */
export const TaskChannelSchema = z.enum(['call', 'video', 'chat', 'sms', 'email']);
export type TaskChannel = z.infer<typeof TaskChannelSchema>;
export const TASK_CHANNELS = TaskChannelSchema.options;
/** The channels that are a live conversation on the agent's phone: one at a time, wrap-up after. */
export const LIVE_CHANNELS: readonly TaskChannel[] = ['call', 'video'];

/**
 * A skill code, admin-managed (`billing`, `粤语`). It must start with a letter
 * or digit so a code can never be `__proto__` when used as a record key.
 */
export const SkillSchema = z
  .string()
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'letters, digits, dot, dash, underscore');
export const SkillLevelSchema = z.number().int().min(1).max(5);

/** skill → minimum level needed (1 = merely has the skill). */
export const SkillRequirementsSchema = z.record(SkillSchema, SkillLevelSchema);
export type SkillRequirements = z.infer<typeof SkillRequirementsSchema>;

// ── business hours ──────────────────────────────────────────────────────────

export const WeekdaySchema = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
export type Weekday = z.infer<typeof WeekdaySchema>;

const WallTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');

/** Local wall-clock times in the queue's zone; `close` is exclusive and may be 24:00. Overnight = two ranges. */
export const OpenRangeSchema = z
  .object({ open: WallTimeSchema, close: WallTimeSchema })
  .refine((r) => r.open < r.close, 'open must be before close');
export type OpenRange = z.infer<typeof OpenRangeSchema>;

/** True when the runtime's Intl knows the zone (a bad zone would make every clock check throw later). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const IsoDateSchema = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');

export const BusinessHoursSchema = z.object({
  timeZone: z.string().refine(isKnownTimeZone, 'unknown time zone'),
  /** Weekdays left out are closed all day. */
  weekly: z.partialRecord(WeekdaySchema, z.array(OpenRangeSchema).max(8)),
  /** Whole local days closed, in the queue's zone. */
  holidays: z.array(IsoDateSchema).max(400),
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

// ── queues and agents ───────────────────────────────────────────────────────

/** Admin-managed reason code an agent gives for being away (break, lunch, training, meeting …). */
export const AwayReasonCodeSchema = z
  .string()
  .max(40)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore');
export const AwayReasonSchema = z.object({ code: AwayReasonCodeSchema, label: z.string().trim().min(1).max(80) });
export type AwayReason = z.infer<typeof AwayReasonSchema>;
export const DEFAULT_AWAY_REASONS = [
  { code: 'break', label: 'Break' },
  { code: 'lunch', label: 'Lunch' },
  { code: 'training', label: 'Training' },
  { code: 'meeting', label: 'Meeting' },
] as const satisfies readonly AwayReason[];
/** Set by the hub, never chosen by an agent: too many offers went unanswered. */
export const MISSED_OFFERS_REASON = 'missed-offers';

export const DispositionSchema = z.string().trim().min(1).max(64);

export const QueueSchema = z
  .object({
    id: UlidSchema,
    name: z.string().trim().min(1).max(80),
    channels: z.array(TaskChannelSchema).min(1),
    /** Asked of every task in the queue, on top of the task's own. */
    requiredSkills: SkillRequirementsSchema,
    /** e.g. 80 % answered within 20 s. */
    serviceLevel: z.object({ percent: z.number().min(0).max(100), seconds: z.number().int().positive() }),
    /** Counted from when the task entered this queue, so an overflow queue gets its own full wait. */
    maxWaitSec: z.number().int().positive(),
    overflowQueueId: UlidSchema.nullable(),
    /** null = always open. */
    businessHours: BusinessHoursSchema.nullable(),
    /** Empty = wrap-up needs no disposition. */
    dispositions: z.array(DispositionSchema).max(200),
    /** How long a task waits for its preferred agent before anyone may take it; 0 = no preference. */
    preferredAgentHoldSec: z.number().int().nonnegative().max(600),
    /** Calls in this queue are recorded by the agent's desktop (absent on queues saved before recording existed: off). */
    recordCalls: z.boolean().optional(),
    /** What the agent tells the caller about the recording (a legal notice); '' or absent = none. */
    recordingNotice: z.string().trim().max(500).optional(),
  })
  .refine((q) => q.overflowQueueId !== q.id, { message: 'a queue cannot overflow into itself', path: ['overflowQueueId'] })
  .refine((q) => new Set(q.dispositions).size === q.dispositions.length, {
    message: 'dispositions must be unique',
    path: ['dispositions'],
  });
export type Queue = z.infer<typeof QueueSchema>;

export const AgentProfileSchema = z.object({
  userId: UlidSchema,
  skills: z.record(SkillSchema, SkillLevelSchema),
  queueIds: z.array(UlidSchema),
  /** Tasks held at once per channel; a channel left out is one the agent does not take. */
  capacity: z.partialRecord(TaskChannelSchema, z.number().int().nonnegative().max(50)),
  /** Channels whose offers are taken without the agent pressing accept. */
  autoAccept: z.partialRecord(TaskChannelSchema, z.boolean()),
  /** Unanswered offers in a row before the hub sets the agent away; 0 = never. */
  maxMissedBeforeAway: z.number().int().nonnegative().max(100),
});
export type AgentProfile = z.infer<typeof AgentProfileSchema>;

/**
 * What the agent is doing as far as routing is concerned. "Busy" is not a
 * state: it is load per channel against capacity, so an agent on one chat is
 * still available for a second.
 */
export const AgentStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('offline'), since: EpochMsSchema }),
  z.object({ status: z.literal('available'), since: EpochMsSchema }),
  z.object({ status: z.literal('away'), since: EpochMsSchema, reasonCode: AwayReasonCodeSchema }),
  z.object({ status: z.literal('wrap-up'), since: EpochMsSchema, until: EpochMsSchema }),
]);
export type AgentState = z.infer<typeof AgentStateSchema>;

// ── tasks ───────────────────────────────────────────────────────────────────

/**
 * queued → offered → assigned → wrap-up → done, or abandoned / timed-out.
 * A transfer or overflow is an event, not a resting state: the same task lives
 * on in the receiving queue (queued) or with the receiving agent (offered).
 */
export const TaskStatusSchema = z.enum(['queued', 'offered', 'assigned', 'wrap-up', 'done', 'abandoned', 'timed-out']);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export const FINAL_TASK_STATUSES = ['done', 'abandoned', 'timed-out'] as const satisfies readonly TaskStatus[];

/** Base priority: higher is more urgent. Tier boost and ageing are added on top (shared/routing/priority). */
export const TaskPrioritySchema = z.number().int().min(0).max(100);

export const TaskSchema = z.object({
  id: UlidSchema,
  channel: TaskChannelSchema,
  queueId: UlidSchema,
  priority: TaskPrioritySchema,
  customerId: UlidSchema.nullable(),
  customerTier: TierSchema.nullable(),
  requiredSkills: SkillRequirementsSchema,
  /** When the contact arrived; priority ages from here (the customer's whole wait). */
  createdAt: EpochMsSchema,
  /** When it entered its current queue; max wait and the preferred-agent hold count from here. */
  queuedAt: EpochMsSchema,
  status: TaskStatusSchema,
  offeredTo: UlidSchema.nullable(),
  offerExpiresAt: EpochMsSchema.nullable(),
  assignedTo: UlidSchema.nullable(),
  preferredAgentId: UlidSchema.nullable(),
  /** Agents who declined or let the offer run out; never offered this task again. */
  declinedBy: z.array(UlidSchema),
  disposition: DispositionSchema.nullable(),
});
export type Task = z.infer<typeof TaskSchema>;

// ── task events: supervisor figures are computed from these ─────────────────

const eventBase = { at: EpochMsSchema, taskId: UlidSchema, queueId: UlidSchema };

export const OfferReasonSchema = z.enum(['preferred', 'longest-idle']);
export type OfferReason = z.infer<typeof OfferReasonSchema>;

export const TransferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queueId: UlidSchema }),
  /** The receiving agent gets an offer, so a transfer cannot force work on someone who is away. */
  z.object({ kind: z.literal('agent'), agentId: UlidSchema, expiresAt: EpochMsSchema }),
]);
export type TransferTarget = z.infer<typeof TransferTargetSchema>;

export const TaskEventSchema = z.discriminatedUnion('kind', [
  z.object({
    ...eventBase,
    kind: z.literal('created'),
    channel: TaskChannelSchema,
    priority: TaskPrioritySchema,
    customerId: UlidSchema.nullable(),
    customerTier: TierSchema.nullable(),
    requiredSkills: SkillRequirementsSchema,
    preferredAgentId: UlidSchema.nullable(),
  }),
  z.object({ ...eventBase, kind: z.literal('offered'), agentId: UlidSchema, expiresAt: EpochMsSchema, reason: OfferReasonSchema }),
  z.object({ ...eventBase, kind: z.literal('accepted'), agentId: UlidSchema }),
  z.object({ ...eventBase, kind: z.literal('declined'), agentId: UlidSchema }),
  z.object({ ...eventBase, kind: z.literal('offer-timed-out'), agentId: UlidSchema }),
  /** Given without the agent answering an offer: auto-accept, or a supervisor's hand. */
  z.object({ ...eventBase, kind: z.literal('assigned'), agentId: UlidSchema, reason: z.enum(['auto-accept', 'supervisor']) }),
  z.object({ ...eventBase, kind: z.literal('transferred'), agentId: UlidSchema, to: TransferTargetSchema }),
  /** The conversation ended; the agent now does after-contact work. */
  z.object({ ...eventBase, kind: z.literal('wrap-up'), agentId: UlidSchema }),
  z.object({ ...eventBase, kind: z.literal('done'), agentId: UlidSchema, disposition: DispositionSchema.nullable() }),
  /** The customer left while waiting (queued or being offered). */
  z.object({ ...eventBase, kind: z.literal('abandoned'), reason: z.string().max(200).nullable() }),
  z.object({ ...eventBase, kind: z.literal('overflowed'), toQueueId: UlidSchema }),
  /** Waited past max wait with nowhere to overflow. */
  z.object({ ...eventBase, kind: z.literal('timed-out') }),
]);
export type TaskEvent = z.infer<typeof TaskEventSchema>;
export type TaskEventKind = TaskEvent['kind'];
export type TaskEventOf<K extends TaskEventKind> = Extract<TaskEvent, { kind: K }>;

// ── routing policy: admin settings ──────────────────────────────────────────

export const PriorityPolicySchema = z.object({
  /** Added for VIP customers (重要客户). */
  vipBoost: z.number().nonnegative().max(1000),
  /** Added for key customers (次要客户); keep it below vipBoost. */
  keyBoost: z.number().nonnegative().max(1000),
  /** Points gained per minute waited, so no task starves. Must be > 0. */
  agingPerMinute: z.number().positive().max(1000),
}).refine((p) => p.keyBoost <= p.vipBoost, { message: 'key customers cannot outrank VIPs', path: ['keyBoost'] });
export type PriorityPolicy = z.infer<typeof PriorityPolicySchema>;

export const RoutingPolicySchema = z.object({
  priority: PriorityPolicySchema,
  /** How long an offer rings before it counts as missed. */
  offerTimeoutSec: z.record(TaskChannelSchema, z.number().int().positive().max(3600)),
  /** A person can hold one live conversation: an agent on a call gets no video, and the reverse. */
  oneLiveConversation: z.boolean(),
});
export type RoutingPolicy = z.infer<typeof RoutingPolicySchema>;

/** 1 point = 30 s of waiting: VIP jumps ordinary work that waited up to 10 min, key up to 5 min. */
export const DEFAULT_ROUTING_POLICY = {
  priority: { vipBoost: 20, keyBoost: 10, agingPerMinute: 2 },
  offerTimeoutSec: { call: 20, video: 20, chat: 30, sms: 60, email: 120 },
  oneLiveConversation: true,
} as const satisfies RoutingPolicy;

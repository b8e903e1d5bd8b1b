import { z } from 'zod';
import { TierSchema } from '../../../shared/domain/customer';
import { AgentStateSchema, TaskChannelSchema, TaskStatusSchema } from '../../../shared/domain/routing';
import {
  AlertKindSchema,
  type ContactCounts,
  type SupervisorBoard,
  type SupervisorMessage,
  SupervisorSettingsSchema,
} from '../../../shared/protocol/supervisor';

/** The board as the hub sends it, parsed before it is drawn: a malformed push is dropped, never half-drawn. */
const CountsSchema = z.object({
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  answeredInTime: z.number(),
  waiting: z.number(),
}) satisfies z.ZodType<ContactCounts>;

const QueueFiguresSchema = CountsSchema.extend({
  queueId: z.string(),
  name: z.string(),
  oldestWaitingSince: z.number().nullable(),
  serviceLevelPercent: z.number().nullable(),
  serviceLevelTarget: z.number(),
  serviceLevelSeconds: z.number(),
  asaSec: z.number().nullable(),
  ahtSec: z.number().nullable(),
  agents: z.object({ loggedIn: z.number(), available: z.number(), busy: z.number(), away: z.number(), wrapUp: z.number() }),
  byChannel: z.partialRecord(TaskChannelSchema, CountsSchema),
});

export const SupervisorBoardSchema = z.object({
  at: z.number(),
  dayStart: z.number(),
  queues: z.array(QueueFiguresSchema),
  intervals: z.array(
    z.object({ queueId: z.string(), start: z.number(), offered: z.number(), answered: z.number(), abandoned: z.number(), answeredInTime: z.number(), flowedOut: z.number() }),
  ),
  waiting: z.array(
    z.object({
      taskId: z.string(),
      queueId: z.string(),
      channel: TaskChannelSchema,
      status: z.enum(['queued', 'offered']),
      subject: z.string(),
      customerId: z.string().nullable(),
      customerName: z.string().nullable(),
      tier: TierSchema.nullable(),
      waitingSince: z.number(),
      offeredTo: z.string().nullable(),
    }),
  ),
  agents: z.array(
    z.object({
      agentId: z.string(),
      username: z.string(),
      displayName: z.string(),
      state: AgentStateSchema,
      busy: z.boolean(),
      connected: z.boolean(),
      phoneRegistered: z.boolean(),
      queueIds: z.array(z.string()),
      skills: z.record(z.string(), z.number()),
      tasks: z.array(z.object({ taskId: z.string(), channel: TaskChannelSchema, status: TaskStatusSchema, subject: z.string(), since: z.number() })),
      handledToday: z.number(),
      ahtSec: z.number().nullable(),
      occupancyPercent: z.number().nullable(),
    }),
  ),
  alerts: z.array(
    z.object({
      id: z.string(),
      kind: AlertKindSchema,
      queueId: z.string().nullable(),
      agentId: z.string().nullable(),
      value: z.number(),
      threshold: z.number(),
      since: z.number(),
    }),
  ),
  settings: SupervisorSettingsSchema,
}) satisfies z.ZodType<SupervisorBoard>;

export const SupervisorMessageSchema = z.object({
  id: z.string(),
  fromName: z.string(),
  text: z.string(),
  at: z.number(),
  to: z.union([z.literal('you'), z.object({ queueName: z.string() })]),
}) satisfies z.ZodType<SupervisorMessage>;

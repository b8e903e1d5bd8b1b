import { z } from 'zod';
import { CustomerSchema } from '../../shared/domain/customer';
import { AgentProfileSchema, AgentStateSchema, AwayReasonSchema, QueueSchema, TaskChannelSchema, TaskSchema } from '../../shared/domain/routing';
import type { AgentDesk, AgentDirectory, TaskOffer, TaskView } from '../../shared/protocol/routing';

/** Routing messages from the hub, parsed with the contract's schemas before they reach the store. */
export const TaskViewSchema = TaskSchema.extend({ subject: z.string() }) satisfies z.ZodType<TaskView>;

export const TaskOfferSchema = z.object({
  task: TaskViewSchema,
  customer: CustomerSchema.nullable(),
  expiresAt: z.number().int().nonnegative(),
}) satisfies z.ZodType<TaskOffer>;

export const AgentDeskSchema = z.object({
  profile: AgentProfileSchema.nullable(),
  state: AgentStateSchema,
  tasks: z.array(TaskViewSchema),
  queues: z.array(QueueSchema),
  awayReasons: z.array(AwayReasonSchema),
}) satisfies z.ZodType<AgentDesk>;

export const AgentDirectorySchema = z.object({
  agents: z.array(
    z.object({ id: z.string(), displayName: z.string(), status: z.enum(['offline', 'available', 'away', 'wrap-up']), connected: z.boolean() }),
  ),
  queues: z.array(z.object({ id: z.string(), name: z.string(), channels: z.array(TaskChannelSchema) })),
}) satisfies z.ZodType<AgentDirectory>;

export { AgentStateSchema };

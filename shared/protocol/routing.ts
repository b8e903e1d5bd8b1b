import { z } from 'zod';
import type { Customer } from '../domain/customer';
import { UlidSchema } from '../domain/ids';
import {
  AgentProfileSchema,
  type AgentState,
  AwayReasonCodeSchema,
  DispositionSchema,
  type Queue,
  QueueSchema,
  type AgentProfile,
  type AwayReason,
  TaskChannelSchema,
  TaskPrioritySchema,
  type TaskSchema,
} from '../domain/routing';

/** What a desktop sees of a task: the routing record plus a line to show in the inbox. */
export type TaskView = z.infer<typeof TaskSchema> & { subject: string };

export const SetAgentStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('available') }),
  z.object({ status: z.literal('away'), reasonCode: AwayReasonCodeSchema }),
  z.object({ status: z.literal('offline') }),
]);
export type SetAgentState = z.infer<typeof SetAgentStateSchema>;

export const TaskRefSchema = z.object({ taskId: UlidSchema });

export const WrapUpSchema = z.object({
  taskId: UlidSchema,
  /** Required when the task's queue has a disposition list (the hub checks it against the list); absent otherwise. */
  disposition: DispositionSchema.optional(),
  note: z.string().trim().max(10_000).optional(),
});

export const TransferSchema = z.object({
  taskId: UlidSchema,
  to: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('queue'), queueId: UlidSchema }),
    z.object({ kind: z.literal('agent'), agentId: UlidSchema }),
  ]),
});

/** A task made by hand: a callback a supervisor schedules now (channels bring their own tasks). */
export const CreateTaskSchema = z.object({
  channel: TaskChannelSchema,
  queueId: UlidSchema,
  customerId: UlidSchema.nullable(),
  priority: TaskPrioritySchema.default(50),
  subject: z.string().trim().min(1).max(200),
});

export const UpsertQueueSchema = QueueSchema;
export const UpsertAgentProfileSchema = AgentProfileSchema;

/** Everything the inbox needs at sign-in or after a reconnect. */
export type AgentDesk = {
  profile: AgentProfile | null;
  state: AgentState;
  tasks: TaskView[];
  queues: Queue[];
  awayReasons: AwayReason[];
};

/** An offer as it rings on a desktop: the task and the customer for screen pop. */
export type TaskOffer = { task: TaskView; customer: Customer | null; expiresAt: number };

/** A colleague as the transfer picker shows them. */
export type DirectoryAgent = { id: string; displayName: string; status: AgentState['status']; connected: boolean };
export type DirectoryQueue = Pick<Queue, 'id' | 'name' | 'channels'>;
/** Where an agent can send a task: every queue, and every other agent with a routing profile. */
export type AgentDirectory = { agents: DirectoryAgent[]; queues: DirectoryQueue[] };

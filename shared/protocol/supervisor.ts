import { z } from 'zod';
import type { Tier } from '../domain/customer';
import { UlidSchema } from '../domain/ids';
import { type AgentState, SkillLevelSchema, SkillSchema, type TaskChannel, type TaskStatus } from '../domain/routing';
import { SetAgentStateSchema } from './routing';

/**
 * The supervisor's live view (issue 6): per queue figures, the waiting lines,
 * the agents, alerts. The hub folds task events and agent states into these
 * (hub/supervisor/); desktops only draw them. Times are epoch ms so the
 * screen can tick "longest wait" and "time in state" between updates.
 */

/** Counts of one channel (or of a whole queue) for today, from task events. */
export type ContactCounts = {
  /** Tasks that entered the queue today (created, transferred or overflowed in). */
  offered: number;
  /** Waits that ended with an agent taking the task (accepted or assigned). */
  answered: number;
  /** Waits that ended with the customer leaving (abandoned) or released at max wait (timed-out). */
  abandoned: number;
  /** Answered within the queue's service-level threshold (inclusive). */
  answeredInTime: number;
  /** Waiting now (queued or ringing an agent). */
  waiting: number;
};

export type QueueFigures = ContactCounts & {
  queueId: string;
  name: string;
  /** When the longest-waiting task now in the queue entered it; null when none waits. */
  oldestWaitingSince: number | null;
  /** % answered within the threshold of the waits that ended today; null before any ended. */
  serviceLevelPercent: number | null;
  /** The queue's target, e.g. 80 (% within `serviceLevelSeconds`). */
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
  /** Average speed of answer today (entered queue → answered), seconds; null before any answer. */
  asaSec: number | null;
  /** Average handle time today (answered → done: talk, hold and wrap-up), seconds; null before any finished. */
  ahtSec: number | null;
  /** Members of the queue by what they are doing now. `busy`: available but holding a task. */
  agents: { loggedIn: number; available: number; busy: number; away: number; wrapUp: number };
  byChannel: Partial<Record<TaskChannel, ContactCounts>>;
};

/** One 15-minute interval of one queue, for today's charts. */
export type IntervalFigures = {
  queueId: string;
  /** Start of the interval (epoch ms, on a quarter hour in the hub's zone). */
  start: number;
  offered: number;
  answered: number;
  abandoned: number;
  answeredInTime: number;
  /** Waits that ended by leaving the queue unanswered (overflowed, or moved by a supervisor): in the service level's denominator, as for the queue. */
  flowedOut: number;
};

export type WaitingTask = {
  taskId: string;
  queueId: string;
  channel: TaskChannel;
  status: Extract<TaskStatus, 'queued' | 'offered'>;
  subject: string;
  customerId: string | null;
  customerName: string | null;
  tier: Tier | null;
  /** When it entered this queue. */
  waitingSince: number;
  /** Ringing this agent now (status offered). */
  offeredTo: string | null;
};

export type AgentTaskSummary = { taskId: string; channel: TaskChannel; status: TaskStatus; subject: string; since: number };

export type AgentRow = {
  agentId: string;
  username: string;
  displayName: string;
  state: AgentState;
  /** Available and holding at least one task. */
  busy: boolean;
  /** A desktop is connected. */
  connected: boolean;
  phoneRegistered: boolean;
  queueIds: string[];
  skills: Record<string, number>;
  tasks: AgentTaskSummary[];
  /** Tasks finished (done) today. */
  handledToday: number;
  /** Average handle time of today's finished tasks, seconds; null before any. */
  ahtSec: number | null;
  /** Share of today's logged-in time spent holding a task or in wrap-up, 0–100; null before any logged-in time. */
  occupancyPercent: number | null;
};

export const AlertKindSchema = z.enum(['service-level', 'long-wait', 'agent-state']);
export type AlertKind = z.infer<typeof AlertKindSchema>;

export type SupervisorAlert = {
  /** Stable while the condition lasts (kind + queue or agent), so the screen and notifications do not repeat it. */
  id: string;
  kind: AlertKind;
  queueId: string | null;
  agentId: string | null;
  /** The measured value (percent, or seconds). */
  value: number;
  threshold: number;
  since: number;
};

/** Alert thresholds per queue; absent values fall back to the defaults. */
export const QueueAlertThresholdsSchema = z.object({
  /** Alert when today's service level is below this percent (default: the queue's own target). */
  serviceLevelBelow: z.number().min(0).max(100).nullable(),
  /** Alert when a task has waited longer than this. */
  waitAboveSec: z.number().int().positive().max(86_400),
  /** Alert when a member stays in one state (away, wrap-up, or busy on one task) longer than this. */
  agentStateAboveSec: z.number().int().positive().max(86_400),
});
export type QueueAlertThresholds = z.infer<typeof QueueAlertThresholdsSchema>;
export const DEFAULT_ALERT_THRESHOLDS: QueueAlertThresholds = { serviceLevelBelow: null, waitAboveSec: 120, agentStateAboveSec: 900 };

export const SupervisorSettingsSchema = z.object({
  /** queueId → thresholds; a queue left out uses DEFAULT_ALERT_THRESHOLDS. */
  thresholds: z.record(UlidSchema, QueueAlertThresholdsSchema),
  /** Whether supervisors (not only admins) may edit agents' skills and queue memberships. */
  supervisorsEditAgents: z.boolean(),
});
export type SupervisorSettings = z.infer<typeof SupervisorSettingsSchema>;

/** Everything the live view draws; the hub pushes a fresh one (at most a few times a second) while someone watches. */
export type SupervisorBoard = {
  at: number;
  /** Start of "today" in the hub's zone: the figures count from here. */
  dayStart: number;
  queues: QueueFigures[];
  intervals: IntervalFigures[];
  waiting: WaitingTask[];
  agents: AgentRow[];
  alerts: SupervisorAlert[];
  settings: SupervisorSettings;
};

export const MoveTaskSchema = z.object({ taskId: UlidSchema, queueId: UlidSchema });
export const AssignTaskSchema = z.object({ taskId: UlidSchema, agentId: UlidSchema });
export const SetOtherAgentStateSchema = z.object({ agentId: UlidSchema, state: SetAgentStateSchema });
export const AgentMessageSchema = z.object({
  to: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('agent'), agentId: UlidSchema }),
    /** Every member of the queue: the queue is the team. */
    z.object({ kind: z.literal('queue'), queueId: UlidSchema }),
  ]),
  text: z.string().trim().min(1).max(1000),
});
export const EditAgentSchema = z.object({
  agentId: UlidSchema,
  skills: z.record(SkillSchema, SkillLevelSchema),
  queueIds: z.array(UlidSchema).max(200),
});

/** What an agent's desktop receives from a supervisor. */
export type SupervisorMessage = { id: string; fromName: string; text: string; at: number; to: 'you' | { queueName: string } };

import type { AgentProfile, AgentState, Queue } from '../domain/routing';
import type { TaskView } from '../protocol/routing';
import type { SupervisorAlert, SupervisorBoard, SupervisorSettings, WaitingTask } from '../protocol/supervisor';
import { type AgentPeople, agentRows, tasksByAgent } from './agent-rows';
import { supervisorAlerts } from './alerts';
import type { LiveFold } from './live-fold';
import { intervalFigures, type MemberCounts, NO_MEMBERS, queueFigures } from './queue-figures';

/** Everything a board is drawn from, as the hub holds it in memory after a committed step. */
export type BoardSources = {
  now: number;
  fold: LiveFold;
  queues: readonly Queue[];
  profiles: readonly AgentProfile[];
  states: ReadonlyMap<string, AgentState>;
  openTasks: readonly TaskView[];
  people: AgentPeople;
  /** Names of the customers of waiting tasks, as far as the hub has read them. */
  customerNames: ReadonlyMap<string, string | null>;
  isConnected(agentId: string): boolean;
  phoneRegistered(agentId: string): boolean;
  settings: SupervisorSettings;
  /** The last board's alerts, so a lasting one keeps its `since`. */
  previousAlerts: readonly SupervisorAlert[];
};

export function buildBoard(sources: BoardSources): SupervisorBoard {
  const { now, fold } = sources;
  const byAgent = tasksByAgent(sources.openTasks);
  const agents = agentRows({ ...sources, tasksByAgent: byAgent });
  const members = new Map<string, MemberCounts>();
  for (const agent of agents) {
    for (const queueId of agent.queueIds) {
      const counts = members.get(queueId) ?? { ...NO_MEMBERS };
      if (agent.state.status !== 'offline') counts.loggedIn++;
      if (agent.state.status === 'available') counts[agent.busy ? 'busy' : 'available']++;
      if (agent.state.status === 'away') counts.away++;
      if (agent.state.status === 'wrap-up') counts.wrapUp++;
      members.set(queueId, counts);
    }
  }
  const figures = queueFigures(fold, sources.queues, members);
  const waiting = sources.openTasks
    .filter((task): task is TaskView & { status: WaitingTask['status'] } => task.status === 'queued' || task.status === 'offered')
    .map(
      (task): WaitingTask => ({
        taskId: task.id,
        queueId: task.queueId,
        channel: task.channel,
        status: task.status,
        subject: task.subject,
        customerId: task.customerId,
        customerName: task.customerId ? (sources.customerNames.get(task.customerId) ?? null) : null,
        tier: task.customerTier,
        waitingSince: task.queuedAt,
        offeredTo: task.status === 'offered' ? task.offeredTo : null,
      }),
    )
    .sort((a, b) => a.waitingSince - b.waitingSince);
  const alerts = supervisorAlerts({ now, queues: sources.queues, figures, agents, settings: sources.settings, previous: sources.previousAlerts });
  return { at: now, dayStart: fold.dayStart, queues: figures, intervals: intervalFigures(fold), waiting, agents, alerts, settings: sources.settings };
}

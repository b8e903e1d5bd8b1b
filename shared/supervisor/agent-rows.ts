import type { AgentProfile, AgentState } from '../domain/routing';
import type { TaskView } from '../protocol/routing';
import type { AgentRow, AgentTaskSummary } from '../protocol/supervisor';
import { type LiveFold, timeUpTo } from './live-fold';

export type AgentPeople = ReadonlyMap<string, { username: string; displayName: string }>;

export type AgentRowSources = {
  now: number;
  fold: LiveFold;
  profiles: readonly AgentProfile[];
  states: ReadonlyMap<string, AgentState>;
  /** Open tasks by the agent holding or being offered them. */
  tasksByAgent: ReadonlyMap<string, readonly TaskView[]>;
  people: AgentPeople;
  isConnected(agentId: string): boolean;
  phoneRegistered(agentId: string): boolean;
};

const OFFLINE: AgentState = { status: 'offline', since: 0 };

/** Open tasks grouped by who holds them (assigned, in wrap-up) or whose phone rings with them (offered). */
export function tasksByAgent(openTasks: Iterable<TaskView>): Map<string, TaskView[]> {
  const byAgent = new Map<string, TaskView[]>();
  for (const task of openTasks) {
    const agentId = task.status === 'offered' ? task.offeredTo : task.status === 'queued' ? null : task.assignedTo;
    if (!agentId) continue;
    const list = byAgent.get(agentId) ?? [];
    list.push(task);
    byAgent.set(agentId, list);
  }
  return byAgent;
}

/** Every agent with a routing profile, sorted by name, as the agents table draws them. */
export function agentRows(sources: AgentRowSources): AgentRow[] {
  const { fold, now } = sources;
  const rows = sources.profiles.map((profile): AgentRow => {
    const id = profile.userId;
    const state = sources.states.get(id) ?? OFFLINE;
    const tasks = (sources.tasksByAgent.get(id) ?? []).map(
      (task): AgentTaskSummary => ({
        taskId: task.id,
        channel: task.channel,
        status: task.status,
        subject: task.subject,
        // When it came into the agent's hands; an offer rings since it was queued (the fold does not keep offers).
        since: fold.held.get(task.id)?.since ?? task.queuedAt,
      }),
    );
    const tally = fold.agents.get(id);
    const time = tally ? timeUpTo(fold, tally, now) : { loggedInMs: 0, occupiedMs: 0 };
    const person = sources.people.get(id);
    return {
      agentId: id,
      username: person?.username ?? id,
      displayName: person?.displayName ?? id,
      state,
      busy: state.status === 'available' && tasks.some((task) => task.status !== 'offered'),
      connected: sources.isConnected(id),
      phoneRegistered: sources.phoneRegistered(id),
      queueIds: [...profile.queueIds],
      skills: { ...profile.skills },
      tasks,
      handledToday: tally?.handled ?? 0,
      ahtSec: tally && tally.handled > 0 ? tally.handleMs / tally.handled / 1000 : null,
      occupancyPercent: time.loggedInMs > 0 ? (time.occupiedMs * 100) / time.loggedInMs : null,
    };
  });
  return rows.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

import type { AgentDirectory, DirectoryAgent, DirectoryQueue, TaskView } from '../../../shared/protocol/routing';
import type { TransferTarget } from '../../sync/routing-client';

export type TransferMode = 'queue' | 'agent';

/** The task as it looks from my desk once the hub has taken the transfer: no longer mine. */
export function transferredAway(task: TaskView, to: TransferTarget): TaskView {
  const left = { ...task, assignedTo: null, declinedBy: task.assignedTo ? [...task.declinedBy, task.assignedTo] : task.declinedBy };
  return to.kind === 'queue'
    ? { ...left, status: 'queued', queueId: to.queueId, offeredTo: null, offerExpiresAt: null }
    : { ...left, status: 'offered', offeredTo: to.agentId };
}

/** A colleague can take a transfer only while signed in and available (the hub refuses otherwise). */
export const canReceive = (agent: DirectoryAgent): boolean => agent.connected && agent.status === 'available';

/** Queues that serve the task's channel (others would refuse it). */
export function queueChoices(directory: AgentDirectory, task: TaskView): DirectoryQueue[] {
  return directory.queues.filter((queue) => queue.channels.includes(task.channel));
}

/** Colleagues who can take it first, then the rest; by name within each. */
export function agentChoices(directory: AgentDirectory): DirectoryAgent[] {
  return [...directory.agents].sort((a, b) => Number(canReceive(b)) - Number(canReceive(a)) || a.displayName.localeCompare(b.displayName));
}

/** What to send for the current choice, or null while it is incomplete or names someone who cannot take it. */
export function transferTarget(directory: AgentDirectory, mode: TransferMode, queueId: string, agentId: string): TransferTarget | null {
  if (mode === 'queue') return directory.queues.some((queue) => queue.id === queueId) ? { kind: 'queue', queueId } : null;
  const agent = directory.agents.find((candidate) => candidate.id === agentId);
  return agent && canReceive(agent) ? { kind: 'agent', agentId } : null;
}

/** How a colleague's presence reads in the picker: one not signed in is offline, whatever their last state. */
export function presenceKey(agent: DirectoryAgent): 'agentState.available' | 'agentState.offline' | 'agentState.wrapUp' | 'transfer.away' {
  if (!agent.connected) return 'agentState.offline';
  switch (agent.status) {
    case 'available':
      return 'agentState.available';
    case 'offline':
      return 'agentState.offline';
    case 'wrap-up':
      return 'agentState.wrapUp';
    case 'away':
      return 'transfer.away';
  }
}

import type { AgentState } from '../../shared/domain/routing';
import type { RoutingView } from '../routing/routing-service';
import type { MetricFamily } from './prometheus-text';

/** Every state, so a state nobody is in still shows as 0 rather than vanishing from the graph. */
const AGENT_STATUSES = ['available', 'away', 'wrap-up', 'offline'] as const satisfies readonly AgentState['status'][];

/**
 * Queue and agent figures from routing's committed view (the same open tasks
 * and states the supervisor's live board is built from), so the hub keeps no
 * second count of tasks. "Waiting" is the board's: queued or ringing an agent.
 */
export function routingFamilies(view: RoutingView, now: number): MetricFamily[] {
  const waiting = new Map<string, number>();
  const oldest = new Map<string, number>();
  for (const task of view.openTasks.values()) {
    if (task.status !== 'queued' && task.status !== 'offered') continue;
    waiting.set(task.queueId, (waiting.get(task.queueId) ?? 0) + 1);
    oldest.set(task.queueId, Math.min(oldest.get(task.queueId) ?? task.queuedAt, task.queuedAt));
  }
  const queues = [...view.queues.values()].sort((a, b) => a.name.localeCompare(b.name));
  const labels = (queue: { id: string; name: string }) => ({ queue: queue.name, queue_id: queue.id });

  // An agent with a routing profile but no state yet has never signed in: offline.
  const agents = new Map<AgentState['status'], number>(AGENT_STATUSES.map((status) => [status, 0]));
  const agentIds = new Set([...view.profiles.keys(), ...view.states.keys()]);
  for (const agentId of agentIds) {
    const status = view.states.get(agentId)?.state.status ?? 'offline';
    agents.set(status, (agents.get(status) ?? 0) + 1);
  }

  return [
    {
      name: 'switchboard_queue_waiting',
      help: 'Tasks waiting in each queue (queued or being offered to an agent).',
      type: 'gauge',
      samples: queues.map((queue) => ({ labels: labels(queue), value: waiting.get(queue.id) ?? 0 })),
    },
    {
      name: 'switchboard_queue_longest_wait_seconds',
      help: "How long each queue's longest-waiting task has waited in it; 0 when nothing waits.",
      type: 'gauge',
      samples: queues.map((queue) => {
        const since = oldest.get(queue.id);
        return { labels: labels(queue), value: since === undefined ? 0 : Math.max(0, now - since) / 1000 };
      }),
    },
    {
      name: 'switchboard_agents',
      help: 'Agents by routing state.',
      type: 'gauge',
      samples: [...agents].map(([state, value]) => ({ labels: { state }, value })),
    },
  ];
}

import { describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../../shared/domain/routing';
import { DEFAULT_ROUTING_SETTINGS } from '../../../../shared/protocol/admin';
import type { TaskView } from '../../../../shared/protocol/routing';
import type { StoredAgentState } from '../../../../hub/db/routing-queries';
import { renderPrometheus } from '../../../../hub/ops/prometheus-text';
import { routingFamilies } from '../../../../hub/ops/routing-figures';
import type { RoutingView } from '../../../../hub/routing/routing-service';
import { agentId, makeAgent, makeQueue, makeTask, NOW } from '../../shared/routing/fixtures';

const general = makeQueue(1, { name: 'General' });
const billing = makeQueue(2, { name: 'Billing' });
const empty = makeQueue(3, { name: 'After hours' });
const task = (n: number, over: Partial<TaskView>): TaskView => ({ ...makeTask(n), subject: `Task ${n}`, ...over });
const stored = (state: StoredAgentState['state']): StoredAgentState => ({ state, missedCount: 0, idleSince: 0 });
const profile = (n: number): AgentProfile => makeAgent(n).profile;

function view(): RoutingView {
  const tasks = [
    task(1, { queueId: general.id, queuedAt: NOW - 90_000 }),
    task(2, { queueId: general.id, queuedAt: NOW - 30_000, status: 'offered', offeredTo: agentId(1) }),
    // Held by an agent: no longer waiting, however old.
    task(3, { queueId: general.id, queuedAt: NOW - 600_000, status: 'assigned', assignedTo: agentId(2) }),
    task(4, { queueId: billing.id, queuedAt: NOW - 5_000 }),
    task(5, { queueId: billing.id, queuedAt: NOW - 900_000, status: 'wrap-up', assignedTo: agentId(2) }),
  ];
  return {
    queues: new Map([general, billing, empty].map((queue) => [queue.id, queue])),
    profiles: new Map([1, 2, 3, 4].map((n) => [agentId(n), profile(n)])),
    settings: DEFAULT_ROUTING_SETTINGS,
    states: new Map([
      [agentId(1), stored({ status: 'available', since: 0 })],
      [agentId(2), stored({ status: 'wrap-up', since: 0, until: NOW })],
      [agentId(3), stored({ status: 'away', since: 0, reasonCode: 'break' })],
      // agent 4 has a profile and has never signed in: offline. Agent 5 has a state and no profile (a supervisor who took a task).
      [agentId(5), stored({ status: 'available', since: 0 })],
    ]),
    openTasks: new Map(tasks.map((t) => [t.id, t])),
  };
}

describe('routingFamilies', () => {
  it('counts waiting tasks (queued or ringing) per queue, and the longest wait in each', () => {
    const text = renderPrometheus(routingFamilies(view(), NOW));
    expect(text).toContain(`switchboard_queue_waiting{queue="General",queue_id="${general.id}"} 2\n`);
    expect(text).toContain(`switchboard_queue_waiting{queue="Billing",queue_id="${billing.id}"} 1\n`);
    expect(text).toContain(`switchboard_queue_waiting{queue="After hours",queue_id="${empty.id}"} 0\n`);
    expect(text).toContain(`switchboard_queue_longest_wait_seconds{queue="General",queue_id="${general.id}"} 90\n`);
    expect(text).toContain(`switchboard_queue_longest_wait_seconds{queue="Billing",queue_id="${billing.id}"} 5\n`);
    expect(text).toContain(`switchboard_queue_longest_wait_seconds{queue="After hours",queue_id="${empty.id}"} 0\n`);
  });

  it('counts agents by state, every state shown, a profile without a state as offline', () => {
    const text = renderPrometheus(routingFamilies(view(), NOW));
    expect(text).toContain('switchboard_agents{state="available"} 2\n');
    expect(text).toContain('switchboard_agents{state="away"} 1\n');
    expect(text).toContain('switchboard_agents{state="wrap-up"} 1\n');
    expect(text).toContain('switchboard_agents{state="offline"} 1\n');
  });

  it('never shows a negative wait when the clock reads behind a task', () => {
    const text = renderPrometheus(routingFamilies(view(), NOW - 10_000_000));
    expect(text).toContain(`switchboard_queue_longest_wait_seconds{queue="General",queue_id="${general.id}"} 0\n`);
  });
});

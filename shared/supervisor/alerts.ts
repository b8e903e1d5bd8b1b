import type { Queue } from '../domain/routing';
import { type AgentRow, DEFAULT_ALERT_THRESHOLDS, type QueueFigures, type SupervisorAlert, type SupervisorSettings } from '../protocol/supervisor';
import { thresholdsFor } from './settings';

/**
 * Alerts for the live view and desktop notifications. Each has an id made of
 * its kind and subject, so it stays the same while the condition lasts and a
 * notification is shown once. `since` is when the condition began: worked
 * out from the clock for waits and states, and kept from the previous board
 * for the service level (a percentage has no start of its own).
 */
export function supervisorAlerts(input: {
  now: number;
  queues: readonly Queue[];
  figures: readonly QueueFigures[];
  agents: readonly AgentRow[];
  settings: SupervisorSettings;
  previous: readonly SupervisorAlert[];
}): SupervisorAlert[] {
  const { now, settings } = input;
  const before = new Map(input.previous.map((alert) => [alert.id, alert]));
  const alerts: SupervisorAlert[] = [];
  for (const figures of input.figures) {
    const limits = thresholdsFor(settings, figures.queueId);
    const below = limits.serviceLevelBelow ?? figures.serviceLevelTarget;
    if (figures.serviceLevelPercent !== null && figures.serviceLevelPercent < below) {
      const id = `service-level:${figures.queueId}`;
      alerts.push({ id, kind: 'service-level', queueId: figures.queueId, agentId: null, value: figures.serviceLevelPercent, threshold: below, since: before.get(id)?.since ?? now });
    }
    if (figures.oldestWaitingSince !== null && now - figures.oldestWaitingSince > limits.waitAboveSec * 1000) {
      alerts.push({
        id: `long-wait:${figures.queueId}`,
        kind: 'long-wait',
        queueId: figures.queueId,
        agentId: null,
        value: Math.floor((now - figures.oldestWaitingSince) / 1000),
        threshold: limits.waitAboveSec,
        since: figures.oldestWaitingSince + limits.waitAboveSec * 1000,
      });
    }
  }
  const queueIds = new Set(input.queues.map((queue) => queue.id));
  for (const agent of input.agents) {
    const since = stuckSince(agent);
    if (since === null) continue;
    // An agent in several queues answers to the strictest of them.
    const limits = agent.queueIds.filter((id) => queueIds.has(id)).map((id) => thresholdsFor(settings, id).agentStateAboveSec);
    const limit = limits.length > 0 ? Math.min(...limits) : DEFAULT_ALERT_THRESHOLDS.agentStateAboveSec;
    if (now - since <= limit * 1000) continue;
    alerts.push({
      id: `agent-state:${agent.agentId}`,
      kind: 'agent-state',
      queueId: null,
      agentId: agent.agentId,
      value: Math.floor((now - since) / 1000),
      threshold: limit,
      since: since + limit * 1000,
    });
  }
  return alerts;
}

/** When the agent began what may run too long: away, wrap-up, or busy on one task; null when idle or offline. */
function stuckSince(agent: AgentRow): number | null {
  if (agent.state.status === 'away' || agent.state.status === 'wrap-up') return agent.state.since;
  if (!agent.busy) return null;
  const held = agent.tasks.filter((task) => task.status !== 'offered').map((task) => task.since);
  return held.length > 0 ? Math.min(...held) : null;
}

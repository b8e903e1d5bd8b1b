import type { Queue, RoutingPolicy, Task, TaskChannel } from '../../../../shared/domain/routing';
import { routingOrder } from '../../../../shared/routing/priority';
import type { AgentRuntime, Offer, RoutingInput } from '../../../../shared/routing/route';

/** The rules written the slow, obvious way: every agent checked for every task. */
function requirements(queue: Queue, task: Task): Map<string, number> {
  const needs = new Map(Object.entries(queue.requiredSkills));
  for (const [skill, level] of Object.entries(task.requiredSkills)) needs.set(skill, Math.max(level, needs.get(skill) ?? 0));
  return needs;
}

function spare(agent: AgentRuntime, load: Partial<Record<TaskChannel, number>>, channel: TaskChannel, policy: RoutingPolicy): number {
  const own = (agent.profile.capacity[channel] ?? 0) - (load[channel] ?? 0);
  if (!policy.oneLiveConversation || (channel !== 'call' && channel !== 'video')) return own;
  return Math.min(own, 1 - (load.call ?? 0) - (load.video ?? 0));
}

export function qualifies(agent: AgentRuntime, load: Partial<Record<TaskChannel, number>>, task: Task, queue: Queue, policy: RoutingPolicy): boolean {
  const skills = agent.profile.skills;
  return (
    agent.state.status === 'available' &&
    agent.profile.queueIds.includes(queue.id) &&
    !task.declinedBy.includes(agent.profile.userId) &&
    [...requirements(queue, task)].every(([skill, min]) => (Object.hasOwn(skills, skill) ? (skills[skill] ?? 0) : 0) >= min) &&
    spare(agent, load, task.channel, policy) > 0
  );
}

export const held = (task: Task, queue: Queue, now: number) =>
  task.preferredAgentId !== null &&
  !task.declinedBy.includes(task.preferredAgentId) &&
  now - task.queuedAt < queue.preferredAgentHoldSec * 1000;

export function referenceRoute(input: RoutingInput, policy: RoutingPolicy): Offer[] {
  const loads = new Map(input.agents.map((a) => [a.profile.userId, { ...a.load }]));
  const lastGiven = new Map<string, number>();
  const offers: Offer[] = [];
  const waiting = input.tasks.filter((t) => t.status === 'queued');
  for (const task of routingOrder(waiting, input.now, policy.priority)) {
    const queue = input.queues.find((q) => q.id === task.queueId);
    if (!queue) continue;
    const preferredOnly = held(task, queue, input.now);
    const ranked = input.agents
      .filter((a) => (!preferredOnly || a.profile.userId === task.preferredAgentId) && qualifies(a, loads.get(a.profile.userId) ?? {}, task, queue, policy))
      .sort(
        (a, b) =>
          (lastGiven.get(a.profile.userId) ?? -1) - (lastGiven.get(b.profile.userId) ?? -1) ||
          a.idleSince - b.idleSince ||
          (a.profile.userId < b.profile.userId ? -1 : 1),
      );
    const agent = ranked[0];
    if (!agent) continue;
    const load = loads.get(agent.profile.userId) ?? {};
    load[task.channel] = (load[task.channel] ?? 0) + 1;
    lastGiven.set(agent.profile.userId, offers.length);
    offers.push({
      taskId: task.id,
      agentId: agent.profile.userId,
      expiresAt: input.now + policy.offerTimeoutSec[task.channel] * 1000,
      reason: preferredOnly ? 'preferred' : 'longest-idle',
      autoAccept: agent.profile.autoAccept[task.channel] === true,
    });
  }
  return offers;
}


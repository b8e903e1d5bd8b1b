import type { OfferReason, Queue, RoutingPolicy, Task, TaskChannel } from '../domain/routing';
import { type AgentRuntime, type Candidate, canTake, give, makePool, type Pool, pickFrom, spareOf } from './agent-pool';
import { mayReceiveOffers } from './agent-state';
import { mergeRequirements } from './capacity';
import { routingOrder } from './priority';

export type { AgentRuntime } from './agent-pool';

export type RoutingInput = {
  now: number;
  queues: readonly Queue[];
  agents: readonly AgentRuntime[];
  /** Waiting tasks; any not `queued` (e.g. already offered) are left alone. */
  tasks: readonly Task[];
};

export type Offer = {
  taskId: string;
  agentId: string;
  expiresAt: number;
  reason: OfferReason;
  /** The agent takes this channel without pressing accept: the hub assigns at once. */
  autoAccept: boolean;
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One routing pass: which waiting task is offered to which agent, now.
 *
 * Tasks go in routing order (priority.ts). Each goes to the longest-idle
 * qualified agent: available, a member of the task's queue, every skill the
 * queue and the task require at the level required, spare capacity for the
 * channel (counting offers made earlier in this pass), and not one who
 * declined or missed this task. A task with a preferred agent still inside
 * the queue's hold goes to that agent or waits; once the hold is over, or the
 * agent has declined it, anyone may take it.
 *
 * Pure and deterministic: the input order of agents, tasks and queues does
 * not matter (ties: agent userId, task id). Ids are assumed unique.
 */
export function routeTasks(input: RoutingInput, policy: RoutingPolicy): Offer[] {
  const { now } = input;
  const queues = new Map(input.queues.map((queue) => [queue.id, queue]));
  const candidates = input.agents
    .filter((agent) => mayReceiveOffers(agent.state))
    .sort((a, b) => a.idleSince - b.idleSince || byText(a.profile.userId, b.profile.userId))
    .map((runtime): Candidate => ({ runtime, id: runtime.profile.userId, load: { ...runtime.load }, givenSeq: 0, pools: [] }));
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const members = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    for (const queueId of new Set(candidate.runtime.profile.queueIds)) {
      const list = members.get(queueId) ?? [];
      list.push(candidate);
      members.set(queueId, list);
    }
  }
  const pools = new Map<string, Pool>();
  const poolFor = (queueId: string, channel: TaskChannel): Pool => {
    const key = `${queueId} ${channel}`;
    let pool = pools.get(key);
    if (!pool) {
      pool = makePool(channel, members.get(queueId) ?? [], policy);
      pools.set(key, pool);
    }
    return pool;
  };

  // Most tasks ask only what their queue asks: merge once per queue, not once per task.
  const queueNeeds = new Map<string, [string, number][]>();
  const requirementsFor = (queue: Queue, task: Task): [string, number][] => {
    if (Object.keys(task.requiredSkills).length > 0) return mergeRequirements(queue.requiredSkills, task.requiredSkills);
    let needs = queueNeeds.get(queue.id);
    if (!needs) {
      needs = mergeRequirements(queue.requiredSkills, {});
      queueNeeds.set(queue.id, needs);
    }
    return needs;
  };

  const offers: Offer[] = [];
  const seen = new Set<string>();
  const waiting = input.tasks.filter((task) => task.status === 'queued');
  for (const task of routingOrder(waiting, now, policy.priority)) {
    const queue = queues.get(task.queueId);
    if (!queue || seen.has(task.id)) continue;
    seen.add(task.id);
    const required = requirementsFor(queue, task);
    const pool = poolFor(queue.id, task.channel);

    let chosen: Candidate | null;
    let reason: OfferReason;
    if (isHeldForPreferred(task, queue, now)) {
      const preferred = byId.get(task.preferredAgentId ?? '');
      // In the pool = a member of the queue who takes this channel.
      chosen =
        preferred?.pools.includes(pool) && spareOf(preferred, task.channel, policy) > 0 && canTake(preferred, task, required)
          ? preferred
          : null;
      reason = 'preferred';
    } else {
      // No one here meets these skills now, and capacity only shrinks during a pass: skip the scan.
      const signature = required.join(';');
      if (pool.unmet.has(signature)) continue;
      chosen = pickFrom(pool, policy, (candidate) => canTake(candidate, task, required));
      if (!chosen && task.declinedBy.length === 0) pool.unmet.add(signature);
      reason = 'longest-idle';
    }
    if (!chosen) continue;
    give(chosen, task.channel, offers.length + 1, policy);
    offers.push({
      taskId: task.id,
      agentId: chosen.id,
      expiresAt: now + policy.offerTimeoutSec[task.channel] * 1000,
      reason,
      autoAccept: chosen.runtime.profile.autoAccept[task.channel] === true,
    });
  }
  return offers;
}

/**
 * Still waiting for the preferred agent: within the hold, counted from entry
 * into this queue (a decline or missed offer does not restart it). A preferred
 * agent who declined ends the hold, since waiting for them helps no one.
 */
export function isHeldForPreferred(task: Task, queue: Queue, now: number): boolean {
  return (
    task.preferredAgentId !== null &&
    !task.declinedBy.includes(task.preferredAgentId) &&
    now - task.queuedAt < queue.preferredAgentHoldSec * 1000
  );
}

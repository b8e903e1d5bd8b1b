import type { Tier } from '../domain/customer';
import type { PriorityPolicy, Task } from '../domain/routing';

/**
 * Effective priority = base + tier boost + ageing.
 *
 * - Tier boost: VIPs jump the queue (DESIGN.md, tier pyramid). With the same
 *   base and the same wait a VIP is always ahead of a key customer, who is
 *   always ahead of ordinary and small ones (policy: vipBoost ≥ keyBoost > 0).
 * - Ageing: every waiting task gains `agingPerMinute` points per minute,
 *   counted from `createdAt` (the customer's whole wait, across transfers and
 *   overflows), so no task starves: see `starvationBoundMs`.
 *
 * All tasks age at the same rate, so the order of two waiting tasks never
 * changes with time: a new arrival is the only thing that reorders a queue.
 * That is why "you are number N in the queue" is stable between arrivals.
 */

export type PrioritisedTask = Pick<Task, 'priority' | 'customerTier' | 'createdAt'>;

/** The highest base priority a task can carry (TaskPrioritySchema). */
export const MAX_BASE_PRIORITY = 100;

export function tierBoost(tier: Tier | null, policy: PriorityPolicy): number {
  if (tier === 'vip') return policy.vipBoost;
  if (tier === 'key') return policy.keyBoost;
  return 0;
}

export function effectivePriority(task: PrioritisedTask, now: number, policy: PriorityPolicy): number {
  // A clock slightly behind the task's creation must not make it younger than new.
  const waitedMs = Math.max(0, now - task.createdAt);
  return task.priority + tierBoost(task.customerTier, policy) + (waitedMs * policy.agingPerMinute) / 60_000;
}

/**
 * How long any task must wait before it is ahead of every task that has just
 * arrived, whatever the two bases and tiers: the widest gap is a base-0
 * ordinary task against a base-100 VIP, (MAX_BASE + vipBoost) points, closed at
 * agingPerMinute points a minute. With the defaults (20, 2/min): 60 minutes.
 * Ties go to the older task, so reaching the bound is enough. One ms of slack
 * absorbs floating-point rounding.
 */
export function starvationBoundMs(policy: PriorityPolicy): number {
  return Math.ceil(((MAX_BASE_PRIORITY + policy.vipBoost) * 60_000) / policy.agingPerMinute) + 1;
}

type Ranked<T> = { task: T; effective: number };

/** Routing order: effective priority (highest first), then older first, then id, so the order is total. */
export function compareRanked<T extends PrioritisedTask & { id: string }>(a: Ranked<T>, b: Ranked<T>): number {
  if (a.effective !== b.effective) return b.effective - a.effective;
  if (a.task.createdAt !== b.task.createdAt) return a.task.createdAt - b.task.createdAt;
  return a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0;
}

/** Tasks in the order routing considers them; also the customer's place in line for the widget. */
export function routingOrder<T extends PrioritisedTask & { id: string }>(
  tasks: readonly T[],
  now: number,
  policy: PriorityPolicy,
): T[] {
  return tasks
    .map((task) => ({ task, effective: effectivePriority(task, now, policy) }))
    .sort(compareRanked)
    .map((ranked) => ranked.task);
}

import { FCR_WINDOW_MS } from './figures';
import type { TaskFacts } from './task-facts';

/** When each customer's tasks arrived, ascending; built from every task that could fall in an FCR window. */
export type ArrivalsByCustomer = ReadonlyMap<string, readonly number[]>;

export function arrivalsByCustomer(tasks: Iterable<{ customerId: string | null; arrivedAt: number }>): Map<string, number[]> {
  const byCustomer = new Map<string, number[]>();
  for (const { customerId, arrivedAt } of tasks) {
    if (customerId === null) continue;
    const list = byCustomer.get(customerId);
    if (list) list.push(arrivedAt);
    else byCustomer.set(customerId, [arrivedAt]);
  }
  for (const list of byCustomer.values()) list.sort((a, b) => a - b);
  return byCustomer;
}

/** First index whose value is > `after`. */
function firstAfter(sorted: readonly number[], after: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Counts first-contact resolution on each done task's part: eligible when
 * the task has a customer (anonymous work cannot be followed), resolved when
 * that customer's next task arrived more than FCR_WINDOW_MS after the done —
 * or not at all. `arrivals` must cover (done, done + window] for every task.
 */
export function markFirstContact(facts: Iterable<TaskFacts>, arrivals: ArrivalsByCustomer): void {
  for (const task of facts) {
    if (!task.done || task.customerId === null) continue;
    const tally = task.done.part.tally;
    tally.fcrEligible++;
    const list = arrivals.get(task.customerId) ?? [];
    const next = list[firstAfter(list, task.done.at)];
    if (next === undefined || next > task.done.at + FCR_WINDOW_MS) tally.fcrResolved++;
  }
}

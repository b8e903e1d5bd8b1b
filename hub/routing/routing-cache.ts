import type { AgentProfile, Queue } from '../../shared/domain/routing';
import type { RoutingSettings } from '../../shared/protocol/admin';
import type { TaskView } from '../../shared/protocol/routing';
import { FINAL_TASK_STATUSES, type TaskStatus } from '../../shared/domain/routing';
import { listAgentStates, listOpenTasks, listProfiles, listQueues, type StoredAgentState } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import { readRoutingSettings } from '../db/settings-queries';

/**
 * What every routing step starts from: queues, agent profiles, routing
 * settings, agent states and the open tasks. Routing writes all five only
 * inside its own serialized steps (routing-service.ts; a channel that changes
 * a task's subject or customer does it through the step, StepContext.rewrite),
 * so the hub reads them from the store once and afterwards keeps them as its
 * committed steps leave them, instead of reading and parsing whole tables on
 * each of the five or more steps of a queue call. A step that fails drops the snapshot, and the next step reads
 * the store again; so does a hub restart. See docs/architecture.md ("Routing
 * snapshot") for what a second hub node would have to invalidate.
 */
export type RoutingSnapshot = {
  queues: Map<string, Queue>;
  profiles: Map<string, AgentProfile>;
  settings: RoutingSettings;
  states: Map<string, StoredAgentState>;
  /** Tasks not yet done, abandoned or timed out, by id. */
  openTasks: Map<string, TaskView>;
};

export async function loadRoutingSnapshot(db: Queryable): Promise<RoutingSnapshot> {
  const queues = new Map((await listQueues(db)).map((queue) => [queue.id, queue]));
  const profiles = new Map((await listProfiles(db)).map((profile) => [profile.userId, profile]));
  const openTasks = new Map((await listOpenTasks(db)).map((task) => [task.id, task]));
  return { queues, profiles, settings: await readRoutingSettings(db), states: await listAgentStates(db), openTasks };
}

/** What a committed step changed, folded into the snapshot it started from. */
export type SnapshotChanges = {
  queues: ReadonlyMap<string, Queue>;
  profiles: ReadonlyMap<string, AgentProfile>;
  settings: RoutingSettings;
  states: ReadonlyMap<string, StoredAgentState>;
  /** Every task the step wrote. */
  tasks: ReadonlyMap<string, TaskView>;
};

export const isFinal = (status: TaskStatus): boolean => (FINAL_TASK_STATUSES as readonly TaskStatus[]).includes(status);

export function commitToSnapshot(snapshot: RoutingSnapshot, changes: SnapshotChanges): void {
  for (const [id, queue] of changes.queues) snapshot.queues.set(id, queue);
  for (const [userId, profile] of changes.profiles) snapshot.profiles.set(userId, profile);
  for (const [userId, stored] of changes.states) snapshot.states.set(userId, stored);
  for (const [taskId, task] of changes.tasks) {
    if (isFinal(task.status)) snapshot.openTasks.delete(taskId);
    else snapshot.openTasks.set(taskId, task);
  }
  snapshot.settings = changes.settings;
}

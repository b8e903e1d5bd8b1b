import type { AgentProfile, Queue } from '../../shared/domain/routing';
import type { RoutingSettings } from '../../shared/protocol/admin';
import type { TaskView } from '../../shared/protocol/routing';
import { listAgentStates, listOpenTaskRows, listProfiles, listQueues, type StoredAgentState } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import { readRoutingSettings } from '../db/settings-queries';
import { readStoredJson } from '../db/stored-json';

/**
 * What every routing step starts from: queues, agent profiles, routing
 * settings and agent states. Routing writes all four only inside its own
 * serialized steps (routing-service.ts), so the hub reads them from the store
 * once and afterwards keeps them as its committed steps leave them, instead of
 * reading and parsing whole tables on each of the five or more steps of a
 * queue call. A step that fails drops the snapshot, and the next step reads
 * the store again; so does a hub restart. See docs/architecture.md ("Routing
 * snapshot") for what a second hub node would have to invalidate.
 */
export type RoutingSnapshot = {
  queues: Map<string, Queue>;
  profiles: Map<string, AgentProfile>;
  settings: RoutingSettings;
  states: Map<string, StoredAgentState>;
};

export async function loadRoutingSnapshot(db: Queryable): Promise<RoutingSnapshot> {
  const queues = new Map((await listQueues(db)).map((queue) => [queue.id, queue]));
  const profiles = new Map((await listProfiles(db)).map((profile) => [profile.userId, profile]));
  return { queues, profiles, settings: await readRoutingSettings(db), states: await listAgentStates(db) };
}

/** What a committed step changed, folded into the snapshot it started from. */
export type SnapshotChanges = {
  queues: ReadonlyMap<string, Queue>;
  profiles: ReadonlyMap<string, AgentProfile>;
  settings: RoutingSettings;
  states: ReadonlyMap<string, StoredAgentState>;
};

export function commitToSnapshot(snapshot: RoutingSnapshot, changes: SnapshotChanges): void {
  for (const [id, queue] of changes.queues) snapshot.queues.set(id, queue);
  for (const [userId, profile] of changes.profiles) snapshot.profiles.set(userId, profile);
  for (const [userId, stored] of changes.states) snapshot.states.set(userId, stored);
  snapshot.settings = changes.settings;
}

/**
 * Open tasks, read from the store on every step (other parts of the hub
 * rewrite a task's row too: a customer merge, a chat follow-up's subject), but
 * parsed only when a row's text changed since the last read: most open tasks
 * are the same from one step to the next. Keeps only the rows it last saw.
 */
export function createOpenTaskReader() {
  let parsed = new Map<string, { data: string; task: TaskView }>();
  return async (db: Queryable): Promise<TaskView[]> => {
    const next = new Map<string, { data: string; task: TaskView }>();
    for (const row of await listOpenTaskRows(db)) {
      const known = parsed.get(row.id);
      next.set(row.id, known?.data === row.data ? known : { data: row.data, task: readStoredJson<TaskView>(row.data) });
    }
    parsed = next;
    return [...next.values()].map((entry) => entry.task);
  };
}

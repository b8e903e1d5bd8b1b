import {
  type AgentProfile,
  AgentProfileSchema,
  type AgentState,
  AgentStateSchema,
  type Queue,
  type TaskEvent,
} from '../../shared/domain/routing';
import type { TaskView } from '../../shared/protocol/routing';
import type { Queryable } from './schema';
import { readStoredJson } from './stored-json';

/** What the hub keeps per agent besides the profile: routing reads all three. */
export type StoredAgentState = { state: AgentState; missedCount: number; idleSince: number };

export const OPEN_TASK_STATUSES = ['queued', 'offered', 'assigned', 'wrap-up'] as const;

export async function listQueues(db: Queryable): Promise<Queue[]> {
  const rows = await db.selectFrom('queues').select('data').orderBy('name').execute();
  return rows.map((row) => readStoredJson<Queue>(row.data));
}

export async function saveQueue(db: Queryable, queue: Queue): Promise<void> {
  const row = { id: queue.id, name: queue.name, data: JSON.stringify(queue) };
  await db
    .insertInto('queues')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: row.name, data: row.data }))
    .execute();
}

export async function listProfiles(db: Queryable): Promise<AgentProfile[]> {
  const rows = await db.selectFrom('agent_profiles').select('data').orderBy('user_id').execute();
  // Read on every routing step: a bulk read trusts what the hub validated on the way in (stored-json.ts).
  return rows.map((row) => readStoredJson<AgentProfile>(row.data));
}

export async function findProfile(db: Queryable, userId: string): Promise<AgentProfile | null> {
  const row = await db.selectFrom('agent_profiles').select('data').where('user_id', '=', userId).executeTakeFirst();
  return row ? AgentProfileSchema.parse(JSON.parse(row.data)) : null;
}

export async function saveProfile(db: Queryable, profile: AgentProfile): Promise<void> {
  const data = JSON.stringify(profile);
  await db
    .insertInto('agent_profiles')
    .values({ user_id: profile.userId, data })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ data }))
    .execute();
}

/** An agent never seen by routing is offline, never idle, with no misses. */
export const initialAgentState = (): StoredAgentState => ({ state: { status: 'offline', since: 0 }, missedCount: 0, idleSince: 0 });

function agentStateFromText(text: string): StoredAgentState {
  const raw = readStoredJson<StoredAgentState>(text);
  return { state: AgentStateSchema.parse(raw.state), missedCount: raw.missedCount, idleSince: raw.idleSince };
}

export async function listAgentStates(db: Queryable): Promise<Map<string, StoredAgentState>> {
  const rows = await db.selectFrom('agent_states').selectAll().execute();
  // Every routing step reads all of these; trusted like the other bulk reads (stored-json.ts).
  return new Map(rows.map((row) => [row.user_id, readStoredJson<StoredAgentState>(row.data)]));
}

export async function findAgentState(db: Queryable, userId: string): Promise<StoredAgentState> {
  const row = await db.selectFrom('agent_states').select('data').where('user_id', '=', userId).executeTakeFirst();
  return row ? agentStateFromText(row.data) : initialAgentState();
}

export async function saveAgentState(db: Queryable, userId: string, stored: StoredAgentState): Promise<void> {
  const data = JSON.stringify(stored);
  await db
    .insertInto('agent_states')
    .values({ user_id: userId, data })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ data }))
    .execute();
}

/** Tasks still in play (not done, abandoned or timed out). */
export async function listOpenTasks(db: Queryable): Promise<TaskView[]> {
  const rows = await db.selectFrom('tasks').select('data').where('status', 'in', [...OPEN_TASK_STATUSES]).execute();
  return rows.map((row) => readStoredJson<TaskView>(row.data));
}

/** Ids of the tasks waiting in a queue (an index read, no task text). */
export async function findTask(db: Queryable, id: string): Promise<TaskView | null> {
  const row = await db.selectFrom('tasks').select('data').where('id', '=', id).executeTakeFirst();
  return row ? readStoredJson<TaskView>(row.data) : null;
}

export async function saveTask(db: Queryable, task: TaskView, now: number): Promise<void> {
  const row = {
    id: task.id,
    queue_id: task.queueId,
    status: task.status,
    assigned_to: task.assignedTo,
    offered_to: task.offeredTo,
    data: JSON.stringify(task),
    created_at: task.createdAt,
    updated_at: now,
  };
  const { id: _id, created_at: _created, ...update } = row;
  await db
    .insertInto('tasks')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(update))
    .execute();
}

export async function insertTaskEvents(db: Queryable, events: readonly TaskEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('task_events')
    .values(
      events.map((event) => ({
        task_id: event.taskId,
        queue_id: event.queueId,
        kind: event.kind,
        at: event.at,
        agent_id: 'agentId' in event ? event.agentId : null,
        data: JSON.stringify(event),
      })),
    )
    .execute();
}

export async function listTaskEvents(db: Queryable, taskId: string): Promise<TaskEvent[]> {
  const rows = await db.selectFrom('task_events').select('data').where('task_id', '=', taskId).orderBy('id').execute();
  return rows.map((row) => readStoredJson<TaskEvent>(row.data));
}

/**
 * Every stored event of the tasks that had one since `since` or are still
 * open, in stored order: the supervisor's fold replays them to count today
 * and to know what waits or is held now (a task open since yesterday too).
 */
export async function listEventsForDay(db: Queryable, since: number): Promise<TaskEvent[]> {
  const rows = await db
    .selectFrom('task_events')
    .select('data')
    .where((eb) =>
      eb.or([
        eb('task_id', 'in', eb.selectFrom('task_events as today').select('today.task_id').where('today.at', '>=', since)),
        eb('task_id', 'in', eb.selectFrom('tasks').select('tasks.id').where('tasks.status', 'in', [...OPEN_TASK_STATUSES])),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((row) => readStoredJson<TaskEvent>(row.data));
}

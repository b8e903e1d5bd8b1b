import pg from 'pg';

/**
 * Where every task the run created ended up, from the hub's own task log:
 * the "0 lost, 0 double-assigned" the load run must show.
 */

export type TaskRow = { id: string; status: string };
export type EventRow = { taskId: string; kind: string; agentId: string | null; at: number; reason: string | null; channel: string | null };

export type Accounting = {
  created: number;
  /** Accepted by, or assigned to, an agent at least once. */
  reachedAgent: number;
  /** Never reached an agent, and still waiting in a queue (or ringing) when the run ended. */
  stillQueued: number;
  /** The customer left while waiting, with the reason recorded (a caller hanging up, a visitor leaving). */
  abandonedWithReason: number;
  /** Waited past the queue's max wait with nowhere to overflow (a caller's callback task is its own task). */
  timedOut: number;
  /** None of the above: a task the run lost track of. Must be 0. */
  lost: number;
  lostTaskIds: string[];
  /** Accepted or assigned while another agent held it, with no transfer between. Must be 0. */
  doubleAssigned: number;
  doubleAssignedTaskIds: string[];
  byStatus: Record<string, number>;
};

const TAKEN = new Set(['accepted', 'assigned']);

/** `events` in the order the hub applied them. */
export function accountTasks(tasks: readonly TaskRow[], events: readonly EventRow[]): Accounting {
  const byTask = new Map<string, EventRow[]>();
  for (const event of events) {
    const list = byTask.get(event.taskId);
    if (list) list.push(event);
    else byTask.set(event.taskId, [event]);
  }
  const result: Accounting = {
    created: tasks.length,
    reachedAgent: 0,
    stillQueued: 0,
    abandonedWithReason: 0,
    timedOut: 0,
    lost: 0,
    lostTaskIds: [],
    doubleAssigned: 0,
    doubleAssignedTaskIds: [],
    byStatus: {},
  };
  for (const task of tasks) {
    result.byStatus[task.status] = (result.byStatus[task.status] ?? 0) + 1;
    const history = byTask.get(task.id) ?? [];
    let holder: string | null = null;
    let reached = false;
    let doubled = false;
    let abandonReason: string | null = null;
    for (const event of history) {
      if (TAKEN.has(event.kind)) {
        if (holder !== null) doubled = true;
        holder = event.agentId;
        reached = true;
      } else if (event.kind === 'transferred') {
        holder = null;
      } else if (event.kind === 'abandoned') {
        abandonReason = event.reason;
      }
    }
    if (doubled) {
      result.doubleAssigned += 1;
      result.doubleAssignedTaskIds.push(task.id);
    }
    if (reached) result.reachedAgent += 1;
    else if (task.status === 'queued' || task.status === 'offered') result.stillQueued += 1;
    else if (task.status === 'abandoned' && abandonReason) result.abandonedWithReason += 1;
    else if (task.status === 'timed-out') result.timedOut += 1;
    else {
      result.lost += 1;
      result.lostTaskIds.push(task.id);
    }
  }
  result.lostTaskIds = result.lostTaskIds.slice(0, 20);
  result.doubleAssignedTaskIds = result.doubleAssignedTaskIds.slice(0, 20);
  return result;
}

/** When the hub created each task (its "created" event), and on which channel: where offer latency starts. */
export function creations(events: readonly EventRow[]): Map<string, { at: number; channel: string }> {
  const created = new Map<string, { at: number; channel: string }>();
  for (const event of events) if (event.kind === 'created') created.set(event.taskId, { at: event.at, channel: event.channel ?? 'unknown' });
  return created;
}

/** Every task created at or after `since` (hub clock, epoch ms) and its events, read straight from the store. */
export async function readRun(databaseUrl: string, since: number): Promise<{ tasks: TaskRow[]; events: EventRow[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tasks = await client.query<TaskRow>('select id, status from tasks where created_at >= $1', [since]);
    const events = await client.query<{ task_id: string; kind: string; agent_id: string | null; at: string; data: string }>(
      'select e.task_id, e.kind, e.agent_id, e.at, e.data from task_events e join tasks t on t.id = e.task_id where t.created_at >= $1 order by e.id',
      [since],
    );
    return { tasks: tasks.rows, events: events.rows.map(eventRow) };
  } finally {
    await client.end();
  }
}

function eventRow(row: { task_id: string; kind: string; agent_id: string | null; at: string; data: string }): EventRow {
  const data = JSON.parse(row.data) as { reason?: unknown; channel?: unknown };
  const reason = row.kind === 'abandoned' && typeof data.reason === 'string' && data.reason.trim() !== '' ? data.reason : null;
  return { taskId: row.task_id, kind: row.kind, agentId: row.agent_id, at: Number(row.at), reason, channel: typeof data.channel === 'string' ? data.channel : null };
}

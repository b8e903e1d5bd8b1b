import type { TaskChannel } from '../domain/routing';
import { addTally, emptyTally, type Tally } from './figures';
import type { TaskFacts } from './task-facts';

/**
 * Rollup periods are a quarter hour: every zone's offset from UTC is a whole
 * number of quarter hours, so any zone's days and hours are whole buckets.
 */
export const BUCKET_MS = 15 * 60_000;

export const bucketOf = (at: number): number => Math.floor(at / BUCKET_MS) * BUCKET_MS;

/** One row of sums: a bucket × queue × agent × channel × disposition. '' = no agent / no disposition. */
export type RollupRow = {
  bucket: number;
  queueId: string;
  agentId: string;
  channel: TaskChannel;
  disposition: string;
  tally: Tally;
};

/** Adds tasks' facts up by bucket of arrival and the four dimensions. */
export function rollUp(facts: Iterable<TaskFacts>): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const task of facts) {
    const bucket = bucketOf(task.arrivedAt);
    const disposition = task.disposition ?? '';
    for (const part of task.parts) {
      const agentId = part.agentId ?? '';
      const key = `${bucket}\u0000${part.queueId}\u0000${agentId}\u0000${task.channel}\u0000${disposition}`;
      let row = rows.get(key);
      if (!row) {
        row = { bucket, queueId: part.queueId, agentId, channel: task.channel, disposition, tally: emptyTally() };
        rows.set(key, row);
      }
      addTally(row.tally, part.tally);
    }
  }
  return [...rows.values()];
}

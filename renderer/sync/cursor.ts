import type { Change } from '../../shared/protocol/changes';

/**
 * What to do with a live `sync:changes` batch, given the cursor. Changes at
 * or below the cursor were applied already (a pull raced the broadcast); a
 * first seq past cursor+1, or a hole inside the batch, means we missed some
 * and must pull.
 */
export type LiveDecision =
  | { kind: 'stale' }
  | { kind: 'gap'; expected: number; got: number }
  | { kind: 'apply'; changes: Change[]; cursor: number };

export function classifyLiveBatch(cursor: number, batch: readonly Change[]): LiveDecision {
  const fresh = batch.filter((change) => change.seq > cursor).sort((a, b) => a.seq - b.seq);
  if (fresh.length === 0) return { kind: 'stale' };
  let expected = cursor + 1;
  for (const change of fresh) {
    if (change.seq > expected) return { kind: 'gap', expected, got: change.seq };
    // A repeated seq inside the batch is harmless: the later copy wins in the write plan.
    if (change.seq === expected) expected += 1;
  }
  return { kind: 'apply', changes: fresh, cursor: expected - 1 };
}

/** Refuses a pull loop that stops moving, instead of spinning on it. */
export class OutOfSyncError extends Error {
  constructor(readonly since: number, readonly cursor: number) {
    super(`the hub answered a pull since ${since} with cursor ${cursor} and more to come`);
    this.name = 'OutOfSyncError';
  }
}

export function checkProgress(since: number, page: { cursor: number; more: boolean }): void {
  if (page.more && page.cursor <= since) throw new OutOfSyncError(since, page.cursor);
}

/** Share of the log already applied, for the badge while a first sync runs. */
export function syncProgress(cursor: number, head: number): number {
  if (head <= 0) return 1;
  return Math.min(1, Math.max(0, cursor / head));
}

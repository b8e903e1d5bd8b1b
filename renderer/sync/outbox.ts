import type { HubError } from '../../shared/protocol/errors';
import type { Mutation, MutationResult } from '../../shared/protocol/mutations';
import { readCursor } from '../db/meta';
import type { OutboxEntry } from '../db/rows';
import type { SwitchboardDb } from '../db/schema';
import { writeTarget } from '../db/targets';
import { parseTargetKey, rollback } from './optimistic';

/** socket.io hubs refuse messages over 1 MB by default; stay well under it. */
export const PUSH_MAX_BYTES = 512_000;
export const PUSH_MAX_COUNT = 100;

/**
 * The next push: the oldest entries, in order, up to a count and a size.
 * The first entry always goes, even alone over the size, so one big note
 * cannot block the queue forever.
 */
export function takeBatch<E extends { mutation: Mutation }>(
  entries: readonly E[],
  maxCount = PUSH_MAX_COUNT,
  maxBytes = PUSH_MAX_BYTES,
): E[] {
  const batch: E[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (batch.length >= maxCount) break;
    const size = JSON.stringify(entry.mutation).length;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(entry);
    bytes += size;
  }
  return batch;
}

export async function readBatch(db: SwitchboardDb): Promise<OutboxEntry[]> {
  return takeBatch(await db.outbox.orderBy('order').limit(PUSH_MAX_COUNT).toArray());
}

export type Refusal = { mutation: Mutation; error: HubError };

/**
 * Applies the hub's answers in one transaction: applied and duplicate
 * entries leave the outbox; refused ones are rolled back and returned so the
 * agent is told. Entries with no answer stay, in order, for the next push.
 *
 * An applied entry whose change has not reached the cache yet keeps its
 * optimistic row until that change overwrites it. One whose change is
 * already in (the broadcast or a pull beat the answer, or the first answer
 * was lost) was replayed over the hub's row as if still waiting — a second
 * `no-answer` in a follow-up's history, a repeated tag — so its target is
 * rebuilt from the hub's row without it, as for a refusal.
 */
export async function settleResults(db: SwitchboardDb, results: readonly MutationResult[]): Promise<Refusal[]> {
  const refusals: Refusal[] = [];
  await db.transaction('rw', [db.outbox, db.customers, db.identities, db.interactions, db.complaints, db.followUps, db.meta], async () => {
    const cursor = await readCursor(db);
    for (const result of results) {
      const entry = await db.outbox.where('id').equals(result.id).first();
      if (!entry || entry.order === undefined) continue;
      if (result.status !== 'rejected' && result.seq > cursor) {
        await db.outbox.delete(entry.order);
        continue;
      }
      const sameTarget = await db.outbox.where('targetKey').equals(entry.targetKey).sortBy('order');
      const undone = rollback(entry.id, sameTarget);
      await writeTarget(db, parseTargetKey(entry.targetKey), undone.row);
      await db.outbox.bulkPut(undone.remaining.map((other, i) => ({ ...other, preimage: undone.preimages[i] ?? null })));
      await db.outbox.delete(entry.order);
      if (result.status === 'rejected') refusals.push({ mutation: entry.mutation, error: result.error });
    }
  });
  return refusals;
}

import type { Kysely } from 'kysely';
import type { AttachmentStore } from '../attachments/attachment-store';
import { batchesOf } from '../db/batches';
import type { Database, Queryable } from '../db/schema';
import type { RemovedReason } from './privacy-tables';

/**
 * Marks stored files removed inside the caller's transaction and answers how
 * many and which byte files they named. The bytes themselves are deleted
 * after the commit (deleteUnreferencedBytes): a rolled-back erasure must not
 * have lost a file.
 */
export async function markRemoved(trx: Queryable, ids: readonly string[], reason: RemovedReason, now: number): Promise<{ files: number; sha256s: string[] }> {
  const sha256s = new Set<string>();
  let files = 0;
  for (const batch of batchesOf(ids, 1)) {
    const kept = await trx.selectFrom('attachments').select(['id', 'sha256']).where('id', 'in', batch).where('removed_at', 'is', null).execute();
    if (kept.length === 0) continue;
    await trx
      .updateTable('attachments')
      .set({ removed_at: now, removed_reason: reason })
      .where(
        'id',
        'in',
        kept.map((row) => row.id),
      )
      .execute();
    files += kept.length;
    for (const row of kept) sha256s.add(row.sha256);
  }
  return { files, sha256s: [...sha256s] };
}

/**
 * Deletes the byte files no kept record names any more. The store keeps one
 * file per content, so the same picture sent by two customers stays until
 * both records are removed.
 */
export async function deleteUnreferencedBytes(db: Kysely<Database>, store: AttachmentStore, sha256s: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const batch of batchesOf(sha256s, 1)) {
    const stillKept = await db.selectFrom('attachments').select('sha256').where('sha256', 'in', batch).where('removed_at', 'is', null).execute();
    const kept = new Set(stillKept.map((row) => row.sha256));
    for (const sha256 of batch) {
      if (kept.has(sha256)) continue;
      await store.remove(sha256);
      deleted++;
    }
  }
  return deleted;
}

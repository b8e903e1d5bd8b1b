import type { Kysely } from 'kysely';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { deleteUnreferencedBytes, markRemoved } from './removed-files';
import type { RetentionCut } from './retention';

/** Files marked per transaction: a sweep after years of keeping everything must not hold the write queue for long. */
const SWEEP_BATCH = 500;

/**
 * Removes the files older than each cut: marked removed in the store's
 * records (so they answer 410 and the timeline says why) in short
 * transactions, then their bytes deleted. Answers how many files went.
 */
export async function sweepRetention(deps: { db: Kysely<Database>; writeQueue: WriteQueue; store: AttachmentStore }, cuts: readonly RetentionCut[], now: number): Promise<number> {
  const { db, writeQueue, store } = deps;
  let files = 0;
  for (const cut of cuts) {
    for (;;) {
      const marked = await writeQueue(() =>
        db.transaction().execute(async (trx) => {
          const due = await trx
            .selectFrom('attachments')
            .select('id')
            .where('kind', 'in', [...cut.kinds])
            .where('created_at', '<', cut.before)
            .where('removed_at', 'is', null)
            .limit(SWEEP_BATCH)
            .execute();
          return markRemoved(
            trx,
            due.map((row) => row.id),
            'retention',
            now,
          );
        }),
      );
      files += marked.files;
      await deleteUnreferencedBytes(db, store, marked.sha256s);
      if (marked.files < SWEEP_BATCH) break;
    }
  }
  return files;
}

import type { Kysely } from 'kysely';
import type { Change } from '../../shared/protocol/changes';
import { appendChanges, type ChangeDraft } from './change-log';
import type { Database, Queryable } from './schema';
import type { WriteQueue } from './write-queue';

export type CommitWrite = <T>(write: (trx: Queryable) => Promise<{ result: T; drafts: ChangeDraft[] }>) => Promise<T>;

/**
 * How a hub service changes data outside a pushed mutation: one transaction
 * in the write queue, its drafts appended to the change log, and the changes
 * broadcast while still in the queue, so desktops hear them in seq order.
 */
export function commitInQueue(deps: { db: Kysely<Database>; writeQueue: WriteQueue; broadcast: (changes: Change[]) => void }): CommitWrite {
  return (write) =>
    deps.writeQueue(async () => {
      const { result, changes } = await deps.db.transaction().execute(async (trx) => {
        const { result, drafts } = await write(trx);
        return { result, changes: await appendChanges(trx, drafts) };
      });
      if (changes.length > 0) deps.broadcast(changes);
      return result;
    });
}

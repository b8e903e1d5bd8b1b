import { type HubError, HubErrorSchema } from '../../shared/protocol/errors';
import type { MutationResult } from '../../shared/protocol/mutations';
import type { Queryable } from './schema';

/** What a mutation id already did, answered again to a desktop that re-sends it. */
export async function findMutationResult(db: Queryable, id: string): Promise<MutationResult | null> {
  const row = await db.selectFrom('mutations').select(['status', 'seq', 'error']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  if (row.status === 'applied' && row.seq !== null) return { id, status: 'duplicate', seq: row.seq };
  return { id, status: 'rejected', error: HubErrorSchema.parse(JSON.parse(row.error ?? 'null')) };
}

export type MutationRecord = { id: string; userId: string; name: string; at: number } & (
  | { status: 'applied'; seq: number }
  | { status: 'rejected'; error: HubError }
);

export async function recordMutation(db: Queryable, record: MutationRecord): Promise<void> {
  await db
    .insertInto('mutations')
    .values({
      id: record.id,
      user_id: record.userId,
      name: record.name,
      status: record.status,
      seq: record.status === 'applied' ? record.seq : null,
      error: record.status === 'rejected' ? JSON.stringify(record.error) : null,
      applied_at: record.at,
    })
    .execute();
}

import type { Change } from '../../shared/protocol/changes';
import { batchesOf } from './batches';
import type { ChangesTable, Queryable } from './schema';
import { readStoredJson, trustStored } from './stored-json';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A change before it has a seq: what a mutation or the seeder wants to append. */
export type ChangeDraft = DistributiveOmit<Change, 'seq'>;

function changeToRow(change: Change): ChangesTable {
  const { data } = change;
  const customerId = change.entity === 'customer' ? change.data.id : change.data.customerId;
  return {
    seq: change.seq,
    entity: change.entity,
    op: change.op,
    entity_id: data.id,
    customer_id: customerId,
    occurred_at: change.entity === 'interaction' ? change.data.occurredAt : null,
    data: JSON.stringify(data),
  };
}

export const changeFromRow = (row: Pick<ChangesTable, 'seq' | 'entity' | 'op' | 'data'>): Change =>
  trustStored<Change>({ seq: row.seq, entity: row.entity, op: row.op, data: readStoredJson<unknown>(row.data) });

/**
 * Appends changes inside the caller's transaction. The seqs come from one
 * counter row bumped by UPDATE … RETURNING: the row lock makes concurrent
 * writers queue, and a rolled-back transaction gives its numbers back, so the
 * log has no gaps and a reader never sees seq N+1 committed before N.
 */
export async function appendChanges(trx: Queryable, drafts: readonly ChangeDraft[]): Promise<Change[]> {
  if (drafts.length === 0) return [];
  const head = await trx
    .updateTable('sync_head')
    .set((eb) => ({ seq: eb('seq', '+', drafts.length) }))
    .where('id', '=', 1)
    .returning('seq')
    .executeTakeFirstOrThrow();
  const first = head.seq - drafts.length + 1;
  const changes = drafts.map((draft, index): Change => ({ ...draft, seq: first + index }));
  for (const batch of batchesOf(changes.map(changeToRow), 7)) await trx.insertInto('changes').values(batch).execute();
  return changes;
}

export async function readHead(db: Queryable): Promise<number> {
  const row = await db.selectFrom('sync_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.seq;
}

export type ChangeWindow = {
  /** Exclusive lower bound. */
  after: number;
  /** Inclusive upper bound: the head read at the start, so a page never runs past it. */
  upTo: number;
  limit: number;
  /** Interaction changes older than this are skipped; 0 keeps all. */
  interactionsSince: number;
};

export async function readChanges(db: Queryable, window: ChangeWindow): Promise<Change[]> {
  let query = db
    .selectFrom('changes')
    .select(['seq', 'entity', 'op', 'data'])
    .where('seq', '>', window.after)
    .where('seq', '<=', window.upTo);
  if (window.interactionsSince > 0) {
    query = query.where((eb) =>
      eb.or([eb('entity', '<>', 'interaction'), eb('occurred_at', '>=', window.interactionsSince)]),
    );
  }
  const rows = await query.orderBy('seq').limit(window.limit).execute();
  return rows.map(changeFromRow);
}

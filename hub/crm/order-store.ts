import { createHash } from 'node:crypto';
import type { InteractionOf } from '../../shared/domain/interaction';
import { batchesOf } from '../db/batches';
import { insertInteractions } from '../db/interaction-queries';
import type { Queryable } from '../db/schema';

export type OrderInteraction = InteractionOf<'order'>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The interaction id of one customer's order number: the same file imported
 * twice names the same rows, so the upsert is a primary-key lookup on both
 * stores (no JSON query, no extra index). It is shaped like a ULID (the
 * first character at most 7) so every id check accepts it; its "time" part
 * is hash bits, so nothing may read a time from it.
 */
export function orderInteractionId(customerId: string, orderNo: string): string {
  const digest = createHash('sha256').update(`order\u0000${customerId}\u0000${orderNo}`).digest();
  let bits = 0;
  let value = 0;
  let at = 0;
  let id = CROCKFORD[(digest[at++] ?? 0) & 0x07] ?? '0';
  while (id.length < 26) {
    if (bits < 5) {
      value = (value << 8) | (digest[at++] ?? 0);
      bits += 8;
    }
    bits -= 5;
    id += CROCKFORD[(value >> bits) & 0x1f] ?? '0';
    value &= (1 << bits) - 1;
  }
  return id;
}

/** Customer number → id for the numbers given; unknown numbers are left out. */
export async function customerIdsByNumber(db: Queryable, numbers: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of batchesOf([...new Set(numbers)], 1)) {
    const rows = await db.selectFrom('customers').select(['id', 'number']).where('number', 'in', batch).execute();
    for (const row of rows) found.set(row.number, row.id);
  }
  return found;
}

/** The stored JSON of the interactions with these ids, by id. */
export async function storedInteractionData(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of batchesOf(ids, 1)) {
    const rows = await db.selectFrom('interactions').select(['id', 'data']).where('id', 'in', batch).execute();
    for (const row of rows) found.set(row.id, row.data);
  }
  return found;
}

/** Writes new orders and replaces changed ones (a corrected file) in the caller's transaction. */
export async function upsertOrders(db: Queryable, fresh: readonly OrderInteraction[], changed: readonly OrderInteraction[]): Promise<void> {
  await insertInteractions(db, fresh);
  for (const order of changed) {
    await db
      .updateTable('interactions')
      .set({ occurred_at: order.occurredAt, data: JSON.stringify(order) })
      .where('id', '=', order.id)
      .execute();
  }
}

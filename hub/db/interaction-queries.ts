import type { Interaction } from '../../shared/domain/interaction';
import { batchesOf } from './batches';
import type { InteractionsTable, Queryable } from './schema';
import { readStoredJson } from './stored-json';

const interactionToRow = (interaction: Interaction): InteractionsTable => ({
  id: interaction.id,
  customer_id: interaction.customerId,
  occurred_at: interaction.occurredAt,
  channel: interaction.channel,
  data: JSON.stringify(interaction),
});

export async function interactionExists(db: Queryable, id: string): Promise<boolean> {
  const row = await db.selectFrom('interactions').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function insertInteractions(db: Queryable, interactions: readonly Interaction[]): Promise<void> {
  for (const batch of batchesOf(interactions.map(interactionToRow), 5)) await db.insertInto('interactions').values(batch).execute();
}

export type TimelinePosition = { before: number; beforeId?: string | undefined };

/** One customer's interactions strictly older than the position, newest first (keyset on occurred_at, id). */
export async function olderInteractions(
  db: Queryable,
  customerId: string,
  position: TimelinePosition,
  limit: number,
): Promise<Interaction[]> {
  const { before, beforeId } = position;
  const rows = await db
    .selectFrom('interactions')
    .select('data')
    .where('customer_id', '=', customerId)
    .where((eb) =>
      beforeId === undefined
        ? eb('occurred_at', '<', before)
        : eb.or([eb('occurred_at', '<', before), eb.and([eb('occurred_at', '=', before), eb('id', '<', beforeId)])]),
    )
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => readStoredJson<Interaction>(row.data));
}

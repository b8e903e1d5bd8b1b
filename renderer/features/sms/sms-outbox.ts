import { z } from 'zod';
import { ErrorCodeSchema } from '../../../shared/protocol/errors';
import type { SmsOutboxEntry, SwitchboardDb } from '../../db/schema';

/** Rows are re-checked when read back: one written by an older build must not reach the hub half-formed. */
const SmsOutboxEntrySchema = z.object({
  order: z.number().int(),
  clientId: z.string().min(1),
  taskId: z.string().min(1),
  text: z.string(),
  createdAt: z.number(),
  failure: z.union([ErrorCodeSchema, z.literal('bad-answer')]).nullable(),
  reason: z.string().nullable(),
}) satisfies z.ZodType<SmsOutboxEntry>;

export type StoredSmsReply = z.infer<typeof SmsOutboxEntrySchema>;

/** Everything waiting or refused, in send order; unreadable rows are dropped rather than sent. */
export async function readSmsOutbox(db: SwitchboardDb): Promise<StoredSmsReply[]> {
  const rows = await db.smsOutbox.orderBy('order').toArray();
  const readable: StoredSmsReply[] = [];
  const unreadable: number[] = [];
  for (const row of rows) {
    const parsed = SmsOutboxEntrySchema.safeParse(row);
    if (parsed.success) readable.push(parsed.data);
    else if (row.order !== undefined) unreadable.push(row.order);
  }
  if (unreadable.length) await db.smsOutbox.bulkDelete(unreadable);
  return readable;
}

export async function queueSmsReply(db: SwitchboardDb, entry: Omit<SmsOutboxEntry, 'order' | 'failure' | 'reason'>): Promise<void> {
  await db.smsOutbox.add({ ...entry, failure: null, reason: null });
}

/** The oldest reply the hub has not refused: replies go in the order they were written. */
export async function nextSmsToSend(db: SwitchboardDb): Promise<StoredSmsReply | null> {
  return (await readSmsOutbox(db)).find((row) => row.failure === null) ?? null;
}

export async function markSmsReplyFailed(db: SwitchboardDb, clientId: string, failure: NonNullable<SmsOutboxEntry['failure']>, reason: string | null): Promise<void> {
  await db.smsOutbox.where('clientId').equals(clientId).modify({ failure, reason });
}

export async function clearSmsReplyFailure(db: SwitchboardDb, clientId: string): Promise<void> {
  await db.smsOutbox.where('clientId').equals(clientId).modify({ failure: null, reason: null });
}

export async function removeSmsReply(db: SwitchboardDb, clientId: string): Promise<void> {
  await db.smsOutbox.where('clientId').equals(clientId).delete();
}

/** Replies for conversations that left my inbox (transferred, done): nobody can send them now. */
export async function removeSmsRepliesNotIn(db: SwitchboardDb, taskIds: readonly string[]): Promise<void> {
  const keep = new Set(taskIds);
  await db.smsOutbox.filter((row) => !keep.has(row.taskId)).delete();
}

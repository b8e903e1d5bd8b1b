import { z } from 'zod';
import { ChatAttachmentSchema } from '../../shared/domain/chat';
import { ErrorCodeSchema } from '../../shared/protocol/errors';
import type { ChatOutboxEntry, SwitchboardDb } from '../db/schema';

/** Rows are re-checked when read back: a row written by an older build must not reach the hub half-formed. */
const ChatOutboxEntrySchema = z.object({
  order: z.number().int(),
  clientId: z.string().min(1),
  taskId: z.string().min(1),
  text: z.string(),
  attachment: ChatAttachmentSchema.nullable(),
  createdAt: z.number(),
  failure: z.union([ErrorCodeSchema, z.literal('bad-answer')]).nullable(),
}) satisfies z.ZodType<ChatOutboxEntry>;

export type StoredChatLine = z.infer<typeof ChatOutboxEntrySchema>;

/** Everything waiting or refused, in send order; unreadable rows are dropped rather than sent. */
export async function readChatOutbox(db: SwitchboardDb): Promise<StoredChatLine[]> {
  const rows = await db.chatOutbox.orderBy('order').toArray();
  const readable: StoredChatLine[] = [];
  const unreadable: number[] = [];
  for (const row of rows) {
    const parsed = ChatOutboxEntrySchema.safeParse(row);
    if (parsed.success) readable.push(parsed.data);
    else if (row.order !== undefined) unreadable.push(row.order);
  }
  if (unreadable.length) await db.chatOutbox.bulkDelete(unreadable);
  return readable;
}

export async function queueChatLine(db: SwitchboardDb, entry: Omit<ChatOutboxEntry, 'order' | 'failure'>): Promise<void> {
  await db.chatOutbox.add({ ...entry, failure: null });
}

/** The oldest line the hub has not refused: lines go strictly in the order they were written. */
export async function nextToSend(db: SwitchboardDb): Promise<StoredChatLine | null> {
  const rows = await readChatOutbox(db);
  return rows.find((row) => row.failure === null) ?? null;
}

export async function markChatLineFailed(db: SwitchboardDb, clientId: string, failure: NonNullable<ChatOutboxEntry['failure']>): Promise<void> {
  await db.chatOutbox.where('clientId').equals(clientId).modify({ failure });
}

export async function clearChatLineFailure(db: SwitchboardDb, clientId: string): Promise<void> {
  await db.chatOutbox.where('clientId').equals(clientId).modify({ failure: null });
}

export async function removeChatLine(db: SwitchboardDb, clientId: string): Promise<void> {
  await db.chatOutbox.where('clientId').equals(clientId).delete();
}

/** Lines of chats that left my inbox (transferred, done): nobody can send them now. */
export async function removeChatLinesNotIn(db: SwitchboardDb, taskIds: readonly string[]): Promise<void> {
  const keep = new Set(taskIds);
  await db.chatOutbox.filter((row) => !keep.has(row.taskId)).delete();
}

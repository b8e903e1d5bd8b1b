import { FINAL_TASK_STATUSES } from '../../shared/domain/routing';
import type { Queryable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';
import { blankPersonal } from './anonymise';

/** Records that keep their customer inside the JSON (as hub/customers/move-customer.ts finds them); the id is a ULID, so the match names only this customer. */
export const holding = (customerId: string) => `%"customerId":"${customerId}"%`;

const blanked = (data: string): string => JSON.stringify(blankPersonal(readStoredJson<unknown>(data)));

/** What the channel records held: counts for the erasure's record, and the stored files whose bytes must go. */
export type ChannelScrub = { chats: number; emailThreads: number; smsConversations: number; attachmentIds: string[]; callIds: string[] };

/** Open work (a task not yet finished) for the customer: routing holds it in memory, so an erasure waits until it is done. */
export async function hasOpenWork(trx: Queryable, customerId: string): Promise<boolean> {
  const open = await trx.selectFrom('tasks').select('id').where('status', 'not in', FINAL_TASK_STATUSES).where('data', 'like', holding(customerId)).executeTakeFirst();
  return open !== undefined;
}

/**
 * The hub-only records of every channel, blanked in place: chat
 * conversations, lines and files, email threads and messages, SMS
 * conversations and texts, calls and finished tasks. Rows and their times
 * stay (reports count them); words, names, numbers and addresses go.
 * Runs inside the erasure's transaction.
 */
export async function scrubChannels(trx: Queryable, customerId: string): Promise<ChannelScrub> {
  const attachmentIds: string[] = [];

  const chats = await trx.selectFrom('chat_conversations').select(['id', 'data']).where('customer_id', '=', customerId).execute();
  for (const chat of chats) {
    await trx.updateTable('chat_conversations').set({ data: blanked(chat.data) }).where('id', '=', chat.id).execute();
    const lines = await trx.selectFrom('chat_lines').select(['id', 'data']).where('conversation_id', '=', chat.id).execute();
    for (const line of lines) await trx.updateTable('chat_lines').set({ data: blanked(line.data) }).where('id', '=', line.id).execute();
    const files = await trx.selectFrom('chat_files').select(['id', 'attachment_id']).where('conversation_id', '=', chat.id).execute();
    for (const file of files) if (file.attachment_id) attachmentIds.push(file.attachment_id);
    // Files from before the attachment store (0009) keep their bytes in the row: those go here.
    await trx.updateTable('chat_files').set({ name: '', bytes: Buffer.alloc(0), size: 0 }).where('conversation_id', '=', chat.id).execute();
  }

  const threads = await trx.selectFrom('email_threads').select(['id', 'data']).where('customer_id', '=', customerId).execute();
  for (const thread of threads) {
    await trx.updateTable('email_threads').set({ data: blanked(thread.data) }).where('id', '=', thread.id).execute();
    const messages = await trx.selectFrom('email_messages').select(['id', 'data']).where('thread_id', '=', thread.id).execute();
    for (const message of messages) {
      const stored = readStoredJson<{ attachments?: { attachmentId?: string }[] }>(message.data);
      for (const file of stored.attachments ?? []) if (file.attachmentId) attachmentIds.push(file.attachmentId);
      await trx.updateTable('email_messages').set({ data: blanked(message.data) }).where('id', '=', message.id).execute();
    }
  }

  const sms = await trx.selectFrom('sms_conversations').select('id').where('customer_id', '=', customerId).execute();
  for (const conversation of sms) {
    const texts = await trx.selectFrom('sms_messages').select(['id', 'media']).where('conversation_id', '=', conversation.id).execute();
    for (const text of texts) {
      for (const media of readStoredJson<{ attachmentId: string }[]>(text.media)) attachmentIds.push(media.attachmentId);
    }
    await trx.updateTable('sms_messages').set({ text: '' }).where('conversation_id', '=', conversation.id).execute();
  }
  if (sms.length > 0) await trx.updateTable('sms_conversations').set({ customer_number: '' }).where('customer_id', '=', customerId).execute();

  const calls = await trx.selectFrom('voice_calls').select(['call_id', 'data']).where('data', 'like', holding(customerId)).execute();
  for (const call of calls) await trx.updateTable('voice_calls').set({ data: blanked(call.data) }).where('call_id', '=', call.call_id).execute();

  // Only finished tasks reach here (hasOpenWork refuses the rest); their subject named the customer.
  const tasks = await trx.selectFrom('tasks').select(['id', 'data']).where('data', 'like', holding(customerId)).execute();
  for (const task of tasks) await trx.updateTable('tasks').set({ data: blanked(task.data) }).where('id', '=', task.id).execute();

  return { chats: chats.length, emailThreads: threads.length, smsConversations: sms.length, attachmentIds, callIds: calls.map((call) => call.call_id) };
}

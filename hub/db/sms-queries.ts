import { z } from 'zod';
import { type SmsConversation, type SmsMedia, SmsMediaSchema, type SmsStatus, type StoredSmsMessage } from '../../shared/protocol/sms';
import type { Queryable, SmsConversationsTable, SmsMessagesTable } from './schema';

const MediaListSchema = z.array(SmsMediaSchema);

// Postgres hands bigint columns back as strings, hence Number().
const conversationFromRow = (row: SmsConversationsTable): SmsConversation => ({
  id: row.id,
  customerId: row.customer_id,
  customerNumber: row.customer_number,
  ourNumber: row.our_number,
  queueId: row.queue_id,
  taskId: row.task_id,
  agentId: row.agent_id,
  status: row.status === 'open' ? 'open' : 'done',
  startedAt: Number(row.started_at),
});

const messageFromRow = (row: SmsMessagesTable): StoredSmsMessage => ({
  id: row.id,
  conversationId: row.conversation_id,
  direction: row.direction === 'outbound' ? 'outbound' : 'inbound',
  text: row.text,
  status: row.status as SmsStatus,
  error: row.error,
  clientId: row.client_id,
  agentId: row.agent_id,
  media: MediaListSchema.parse(JSON.parse(row.media)),
  at: Number(row.at),
});

export async function saveSmsConversation(db: Queryable, conversation: SmsConversation, now: number): Promise<void> {
  const row = {
    id: conversation.id,
    customer_id: conversation.customerId,
    customer_number: conversation.customerNumber,
    our_number: conversation.ourNumber,
    queue_id: conversation.queueId,
    task_id: conversation.taskId,
    agent_id: conversation.agentId,
    status: conversation.status,
    started_at: conversation.startedAt,
    updated_at: now,
  };
  const { id: _id, ...changes } = row;
  await db
    .insertInto('sms_conversations')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}

/** The conversation a text from `customerNumber` to `ourNumber` joins, if one is open. */
export async function findOpenSmsConversation(db: Queryable, customerNumber: string, ourNumber: string): Promise<SmsConversation | null> {
  const row = await db
    .selectFrom('sms_conversations')
    .selectAll()
    .where('customer_number', '=', customerNumber)
    .where('our_number', '=', ourNumber)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return row ? conversationFromRow(row) : null;
}

/** The last finished conversation on the thread: its agent is preferred for the next one. */
export async function lastSmsConversation(db: Queryable, customerNumber: string, ourNumber: string): Promise<SmsConversation | null> {
  const row = await db
    .selectFrom('sms_conversations')
    .selectAll()
    .where('customer_number', '=', customerNumber)
    .where('our_number', '=', ourNumber)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? conversationFromRow(row) : null;
}

async function conversationWhere(db: Queryable, column: 'id' | 'task_id', value: string): Promise<SmsConversation | null> {
  const row = await db.selectFrom('sms_conversations').selectAll().where(column, '=', value).executeTakeFirst();
  return row ? conversationFromRow(row) : null;
}

export const findSmsConversation = (db: Queryable, id: string) => conversationWhere(db, 'id', id);
export const findSmsConversationByTask = (db: Queryable, taskId: string) => conversationWhere(db, 'task_id', taskId);

export async function insertSmsMessage(db: Queryable, message: StoredSmsMessage & { providerId: string | null }): Promise<void> {
  await db
    .insertInto('sms_messages')
    .values({
      id: message.id,
      conversation_id: message.conversationId,
      direction: message.direction,
      text: message.text,
      status: message.status,
      error: message.error,
      client_id: message.clientId,
      provider_id: message.providerId,
      agent_id: message.agentId,
      media: JSON.stringify(message.media satisfies SmsMedia[]),
      at: message.at,
    })
    .execute();
}

export async function listSmsMessages(db: Queryable, conversationId: string): Promise<StoredSmsMessage[]> {
  const rows = await db.selectFrom('sms_messages').selectAll().where('conversation_id', '=', conversationId).orderBy('at').orderBy('id').execute();
  return rows.map(messageFromRow);
}

/** One message by its id, the desk's client id (a resent send) or the provider's id (a re-posted webhook). */
async function messageWhere(db: Queryable, column: 'id' | 'client_id' | 'provider_id', value: string): Promise<StoredSmsMessage | null> {
  const row = await db.selectFrom('sms_messages').selectAll().where(column, '=', value).executeTakeFirst();
  return row ? messageFromRow(row) : null;
}

export const findSmsMessage = (db: Queryable, id: string) => messageWhere(db, 'id', id);
export const findSmsMessageByClientId = (db: Queryable, clientId: string) => messageWhere(db, 'client_id', clientId);
export const findSmsMessageByProviderId = (db: Queryable, providerId: string) => messageWhere(db, 'provider_id', providerId);

export async function updateSmsDelivery(
  db: Queryable,
  id: string,
  delivery: { status: SmsStatus; error: string | null; providerId?: string | null },
): Promise<void> {
  await db
    .updateTable('sms_messages')
    .set({ status: delivery.status, error: delivery.error, ...(delivery.providerId !== undefined ? { provider_id: delivery.providerId } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function isOptedOut(db: Queryable, number: string): Promise<boolean> {
  return (await db.selectFrom('sms_opt_outs').select('number').where('number', '=', number).executeTakeFirst()) !== undefined;
}

export async function setOptOut(db: Queryable, number: string, optedOut: { keyword: string; at: number } | null): Promise<void> {
  if (optedOut === null) {
    await db.deleteFrom('sms_opt_outs').where('number', '=', number).execute();
    return;
  }
  await db
    .insertInto('sms_opt_outs')
    .values({ number, keyword: optedOut.keyword, at: optedOut.at })
    .onConflict((oc) => oc.column('number').doUpdateSet({ keyword: optedOut.keyword, at: optedOut.at }))
    .execute();
}

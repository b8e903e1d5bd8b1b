import type { EmailMessage, EmailThread } from '../../shared/domain/email';
import type { QuarantinedEmail } from '../../shared/protocol/email';
import { DEFAULT_EMAIL_SETTINGS, type StoredEmailSettings, StoredEmailSettingsSchema } from '../email/email-settings';
import { readSetting, saveSetting } from './meta-queries';
import type { Queryable } from './schema';
import { readStoredJson } from './stored-json';

const EMAIL_SETTINGS_KEY = 'email-settings';

export const readEmailSettings = (db: Queryable): Promise<StoredEmailSettings> =>
  readSetting(db, EMAIL_SETTINGS_KEY, StoredEmailSettingsSchema, DEFAULT_EMAIL_SETTINGS);

export const saveEmailSettings = (db: Queryable, settings: StoredEmailSettings): Promise<void> => saveSetting(db, EMAIL_SETTINGS_KEY, settings);

const threadRow = (thread: EmailThread) => ({
  ref: thread.ref,
  customer_id: thread.customerId,
  task_id: thread.taskId,
  data: JSON.stringify(thread),
  last_message_at: thread.lastMessageAt,
});

export async function insertEmailThread(db: Queryable, thread: EmailThread): Promise<void> {
  await db
    .insertInto('email_threads')
    .values({ id: thread.id, ...threadRow(thread) })
    .execute();
}

export async function updateEmailThread(db: Queryable, thread: EmailThread): Promise<void> {
  await db.updateTable('email_threads').set(threadRow(thread)).where('id', '=', thread.id).execute();
}

export async function findEmailThread(db: Queryable, id: string): Promise<EmailThread | null> {
  const row = await db.selectFrom('email_threads').select('data').where('id', '=', id).executeTakeFirst();
  return row ? readStoredJson<EmailThread>(row.data) : null;
}

export async function findEmailThreadByRef(db: Queryable, ref: string): Promise<EmailThread | null> {
  const row = await db.selectFrom('email_threads').select('data').where('ref', '=', ref).executeTakeFirst();
  return row ? readStoredJson<EmailThread>(row.data) : null;
}

export async function findEmailThreadByTask(db: Queryable, taskId: string): Promise<EmailThread | null> {
  const row = await db.selectFrom('email_threads').select('data').where('task_id', '=', taskId).executeTakeFirst();
  return row ? readStoredJson<EmailThread>(row.data) : null;
}

/** Which of these Message-IDs the hub holds, and in which thread: what a reply's In-Reply-To and References point at. */
export async function threadsOfMessageIds(db: Queryable, messageIds: readonly string[]): Promise<Map<string, string>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db.selectFrom('email_messages').select(['message_id', 'thread_id']).where('message_id', 'in', [...messageIds]).execute();
  return new Map(rows.map((row) => [row.message_id, row.thread_id]));
}

export async function findEmailMessageByMessageId(db: Queryable, messageId: string): Promise<EmailMessage | null> {
  const row = await db.selectFrom('email_messages').select('data').where('message_id', '=', messageId).executeTakeFirst();
  return row ? readStoredJson<EmailMessage>(row.data) : null;
}

const messageRow = (message: EmailMessage) => ({
  thread_id: message.threadId,
  message_id: message.messageId,
  direction: message.direction,
  at: message.at,
  data: JSON.stringify(message),
  delivery_status: message.delivery?.status ?? null,
  next_attempt_at: message.delivery?.nextAttemptAt ?? null,
});

export async function insertEmailMessage(db: Queryable, message: EmailMessage): Promise<void> {
  await db
    .insertInto('email_messages')
    .values({ id: message.id, ...messageRow(message) })
    .execute();
}

/** Rewrites a message (an outbound mail's delivery moving on); the id and Message-ID stay. */
export async function updateEmailMessage(db: Queryable, message: EmailMessage): Promise<void> {
  await db.updateTable('email_messages').set(messageRow(message)).where('id', '=', message.id).execute();
}

export async function findEmailMessage(db: Queryable, id: string): Promise<EmailMessage | null> {
  const row = await db.selectFrom('email_messages').select('data').where('id', '=', id).executeTakeFirst();
  return row ? readStoredJson<EmailMessage>(row.data) : null;
}

/** A thread's messages, oldest first. */
export async function listEmailMessages(db: Queryable, threadId: string): Promise<EmailMessage[]> {
  const rows = await db.selectFrom('email_messages').select('data').where('thread_id', '=', threadId).orderBy('at').orderBy('id').execute();
  return rows.map((row) => readStoredJson<EmailMessage>(row.data));
}

export async function insertQuarantined(db: Queryable, entry: QuarantinedEmail): Promise<void> {
  await db
    .insertInto('email_quarantine')
    .values({
      id: entry.id,
      received_at: entry.receivedAt,
      source: entry.source,
      sender: entry.from,
      subject: entry.subject,
      reason: entry.reason,
      size: entry.size,
      raw_attachment_id: entry.rawAttachmentId,
    })
    .execute();
}

/** Newest first; Postgres hands bigint columns back as strings. */
export async function listQuarantined(db: Queryable, before: number | undefined, limit: number): Promise<QuarantinedEmail[]> {
  let query = db.selectFrom('email_quarantine').selectAll();
  if (before !== undefined) query = query.where('received_at', '<', before);
  const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    receivedAt: Number(row.received_at),
    source: row.source,
    from: row.sender,
    subject: row.subject,
    reason: row.reason,
    size: Number(row.size),
    rawAttachmentId: row.raw_attachment_id,
  }));
}

import type { Customer, Identity } from '../../shared/domain/customer';
import type { Interaction } from '../../shared/domain/interaction';
import { ATTACHMENT_PATHS } from '../../shared/protocol/attachments';
import { RECORDING_PATHS } from '../../shared/protocol/recording';
import { findCustomer } from '../db/customer-queries';
import type { Queryable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';
import { readValue } from '../crm/value-store';
import { refuse } from '../sync/refusal';
import { findErasure } from './erase-customer';

/** A stored file the export lists (its bytes are fetched by link with the same bearer token), or says was removed. */
export type ExportedFile = {
  id: string;
  kind: string;
  name: string | null;
  mimeType: string;
  size: number;
  createdAt: number;
  /** Relative to the hub; null once the bytes were removed. */
  link: string | null;
  removed: { at: number; reason: string } | null;
};

const rowsOf = <T>(rows: readonly { data: string }[]): T[] => rows.map((row) => readStoredJson<T>(row.data));

/**
 * Everything the company holds about one customer, for an access request
 * (PIPL art. 45, GDPR art. 15): the record, identities, the whole timeline
 * (calls, emails with their texts, chats line by line, texts, notes, orders,
 * complaints, follow-ups, surveys), the channel records behind it, value and
 * points, call lists, and the stored files with links. One JSON document.
 */
export async function exportCustomer(db: Queryable, customerId: string, exportedAt: number, exportedBy: string) {
  const customer: Customer | null = await findCustomer(db, customerId);
  if (!customer) throw refuse('not-found', 'No such customer.');
  const identities = (await db.selectFrom('identities').select(['id', 'customer_id', 'kind', 'value']).where('customer_id', '=', customerId).execute()).map(
    (row): Identity => ({ id: row.id, customerId: row.customer_id, kind: row.kind as Identity['kind'], value: row.value }),
  );
  const interactions = rowsOf<Interaction>(
    await db.selectFrom('interactions').select('data').where('customer_id', '=', customerId).orderBy('occurred_at').orderBy('id').execute(),
  );

  const chats = [];
  for (const row of await db.selectFrom('chat_conversations').select(['id', 'data']).where('customer_id', '=', customerId).orderBy('started_at').execute()) {
    const lines = rowsOf<unknown>(await db.selectFrom('chat_lines').select('data').where('conversation_id', '=', row.id).orderBy('seq').execute());
    chats.push({ ...readStoredJson<{ conversation: unknown }>(row.data), lines });
  }
  const emailThreads = [];
  for (const row of await db.selectFrom('email_threads').select(['id', 'data']).where('customer_id', '=', customerId).orderBy('last_message_at').execute()) {
    const messages = rowsOf<unknown>(await db.selectFrom('email_messages').select('data').where('thread_id', '=', row.id).orderBy('at').execute());
    emailThreads.push({ thread: readStoredJson<unknown>(row.data), messages });
  }
  const smsConversations = [];
  for (const row of await db.selectFrom('sms_conversations').selectAll().where('customer_id', '=', customerId).orderBy('started_at').execute()) {
    const messages = await db.selectFrom('sms_messages').select(['id', 'direction', 'text', 'status', 'media', 'at']).where('conversation_id', '=', row.id).orderBy('at').execute();
    smsConversations.push({
      id: row.id,
      customerNumber: row.customer_number,
      ourNumber: row.our_number,
      startedAt: Number(row.started_at),
      messages: messages.map((message) => ({ ...message, at: Number(message.at), media: readStoredJson<unknown>(message.media) })),
    });
  }

  return {
    format: 'switchboard-customer-export',
    version: 1,
    exportedAt: new Date(exportedAt).toISOString(),
    exportedBy,
    erasure: await findErasure(db, customerId),
    customer,
    identities,
    interactions,
    orders: interactions.filter((interaction) => interaction.channel === 'order'),
    complaints: rowsOf<unknown>(await db.selectFrom('complaints').select('data').where('customer_id', '=', customerId).orderBy('opened_at').execute()),
    followUps: rowsOf<unknown>(await db.selectFrom('follow_ups').select('data').where('customer_id', '=', customerId).orderBy('due_at').execute()),
    surveys: await db
      .selectFrom('surveys')
      .select(['id', 'kind', 'channel', 'sent_at', 'answered_at', 'csat', 'nps', 'comment'])
      .where('customer_id', '=', customerId)
      .orderBy('sent_at')
      .execute(),
    value: await readValue(db, customerId),
    loyaltyLedger: await db.selectFrom('loyalty_ledger').selectAll().where('customer_id', '=', customerId).orderBy('at').execute(),
    crossSellOutcomes: rowsOf<unknown>(await db.selectFrom('cross_sell_outcomes').select('data').where('customer_id', '=', customerId).execute()),
    campaignEntries: await db.selectFrom('campaign_entries').selectAll().where('customer_id', '=', customerId).execute(),
    doNotContact: (await db.selectFrom('do_not_contact').select('customer_id').where('customer_id', '=', customerId).executeTakeFirst()) !== undefined,
    chats,
    emailThreads,
    smsConversations,
    files: await customerFiles(db, interactions, chats, emailThreads, smsConversations),
  };
}

export type CustomerExport = Awaited<ReturnType<typeof exportCustomer>>;

/** The stored files behind the timeline: email and SMS files by their ids, chat files, and the recordings of the customer's calls. */
async function customerFiles(
  db: Queryable,
  interactions: readonly Interaction[],
  chats: readonly { conversation: unknown }[],
  threads: readonly { messages: unknown[] }[],
  sms: readonly { messages: { media: unknown }[] }[],
): Promise<ExportedFile[]> {
  const ids = new Set<string>();
  const callIds: string[] = [];
  for (const interaction of interactions) {
    if (interaction.channel === 'email') for (const id of interaction.attachmentIds ?? []) ids.add(id);
    if (interaction.channel === 'call' && interaction.callId) callIds.push(interaction.callId);
  }
  for (const thread of threads) {
    for (const message of thread.messages as { attachments?: { attachmentId?: string }[] }[]) for (const file of message.attachments ?? []) if (file.attachmentId) ids.add(file.attachmentId);
  }
  for (const conversation of sms) for (const message of conversation.messages) for (const media of message.media as { attachmentId: string }[]) ids.add(media.attachmentId);
  const conversationIds = chats.map((chat) => (chat.conversation as { id: string }).id);
  if (conversationIds.length > 0) {
    for (const file of await db.selectFrom('chat_files').select('attachment_id').where('conversation_id', 'in', conversationIds).execute()) if (file.attachment_id) ids.add(file.attachment_id);
  }
  const recordingOf = new Map<string, string>();
  if (callIds.length > 0) {
    for (const recording of await db.selectFrom('recordings').select(['id', 'attachment_id']).where('call_id', 'in', callIds).execute()) {
      recordingOf.set(recording.attachment_id, recording.id);
      ids.add(recording.attachment_id);
    }
  }
  if (ids.size === 0) return [];
  const rows = await db.selectFrom('attachments').selectAll().where('id', 'in', [...ids]).orderBy('created_at').execute();
  return rows.map((row): ExportedFile => {
    const removed = row.removed_at === null ? null : { at: Number(row.removed_at), reason: row.removed_reason ?? 'retention' };
    const recording = recordingOf.get(row.id);
    const link = recording ? `${RECORDING_PATHS.file}${recording}` : `${ATTACHMENT_PATHS.file}${row.id}`;
    return { id: row.id, kind: row.kind, name: row.name, mimeType: row.mime_type, size: Number(row.size), createdAt: Number(row.created_at), link: removed ? null : link, removed };
  });
}

import {
  type CannedResponse,
  type ChatAttachmentType,
  ChatAttachmentTypeSchema,
  type ChatConversation,
  type ChatLine,
  type ChatReceipts,
  type ChatWidget,
} from '../../shared/domain/chat';
import type { VisitorLocale } from '../../shared/protocol/visitor';
import type { Queryable } from './schema';
import { readStoredJson } from './stored-json';

/**
 * A conversation, its delivered/read marks, the visitor's language (for the
 * hub's own lines) and a phone left for a callback, kept together.
 */
export type StoredConversation = { conversation: ChatConversation; receipts: ChatReceipts; locale: VisitorLocale; phone: string | null };

export async function listWidgets(db: Queryable): Promise<ChatWidget[]> {
  const rows = await db.selectFrom('chat_widgets').select('data').orderBy('id').execute();
  return rows.map((row) => readStoredJson<ChatWidget>(row.data));
}

export async function findWidget(db: Queryable, id: string): Promise<ChatWidget | null> {
  const row = await db.selectFrom('chat_widgets').select('data').where('id', '=', id).executeTakeFirst();
  return row ? readStoredJson<ChatWidget>(row.data) : null;
}

export async function saveWidget(db: Queryable, widget: ChatWidget): Promise<void> {
  const data = JSON.stringify(widget);
  await db
    .insertInto('chat_widgets')
    .values({ id: widget.id, data })
    .onConflict((oc) => oc.column('id').doUpdateSet({ data }))
    .execute();
}

export async function saveConversation(db: Queryable, stored: StoredConversation, now: number): Promise<void> {
  const { conversation } = stored;
  const row = {
    id: conversation.id,
    widget_id: conversation.widgetId,
    visitor_id: conversation.visitorId,
    task_id: conversation.taskId,
    customer_id: conversation.customerId,
    status: conversation.status,
    data: JSON.stringify(stored),
    started_at: conversation.startedAt,
    updated_at: now,
  };
  await db
    .insertInto('chat_conversations')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ task_id: row.task_id, customer_id: row.customer_id, status: row.status, data: row.data, updated_at: now }),
    )
    .execute();
}

export async function findConversation(db: Queryable, id: string): Promise<StoredConversation | null> {
  const row = await db.selectFrom('chat_conversations').select('data').where('id', '=', id).executeTakeFirst();
  return row ? readStoredJson<StoredConversation>(row.data) : null;
}

export async function findConversationByTask(db: Queryable, taskId: string): Promise<StoredConversation | null> {
  const row = await db.selectFrom('chat_conversations').select('data').where('task_id', '=', taskId).executeTakeFirst();
  return row ? readStoredJson<StoredConversation>(row.data) : null;
}

/** The conversations still waiting for an agent: as many as there are chats in queues, found by the status index. */
export async function waitingConversations(db: Queryable): Promise<StoredConversation[]> {
  const rows = await db.selectFrom('chat_conversations').select('data').where('status', '=', 'waiting').execute();
  return rows.map((row) => readStoredJson<StoredConversation>(row.data));
}

export async function insertLine(db: Queryable, line: ChatLine): Promise<void> {
  await db
    .insertInto('chat_lines')
    .values({ id: line.id, conversation_id: line.conversationId, seq: line.seq, client_id: line.clientId, data: JSON.stringify(line), at: line.at })
    .execute();
}

export async function listLines(db: Queryable, conversationId: string): Promise<ChatLine[]> {
  const rows = await db.selectFrom('chat_lines').select('data').where('conversation_id', '=', conversationId).orderBy('seq').execute();
  return rows.map((row) => readStoredJson<ChatLine>(row.data));
}

export async function findLineByClientId(db: Queryable, conversationId: string, clientId: string): Promise<ChatLine | null> {
  const row = await db
    .selectFrom('chat_lines')
    .select('data')
    .where('conversation_id', '=', conversationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? readStoredJson<ChatLine>(row.data) : null;
}

export async function lastSeq(db: Queryable, conversationId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_lines')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * A file sent in a chat: which conversation it belongs to, and where its bytes
 * are — the attachment store (`attachmentId`, every file since 0009), or this
 * row (`bytes`, files sent before), which is still served as it was.
 */
export type StoredFile = {
  id: string;
  conversationId: string;
  name: string;
  mimeType: ChatAttachmentType;
  size: number;
  createdAt: number;
} & ({ attachmentId: string; bytes: null } | { attachmentId: null; bytes: Buffer });

/** Files the store holds keep no bytes here: the column is NOT NULL from before, so it gets an empty blob. */
const NO_BYTES = Buffer.alloc(0);

export async function insertFile(db: Queryable, file: StoredFile): Promise<void> {
  await db
    .insertInto('chat_files')
    .values({
      id: file.id,
      conversation_id: file.conversationId,
      name: file.name,
      mime_type: file.mimeType,
      size: file.size,
      bytes: file.bytes ?? NO_BYTES,
      created_at: file.createdAt,
      attachment_id: file.attachmentId,
    })
    .execute();
}

export async function findFile(db: Queryable, id: string): Promise<StoredFile | null> {
  const row = await db.selectFrom('chat_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    name: row.name,
    mimeType: ChatAttachmentTypeSchema.parse(row.mime_type),
    size: Number(row.size),
    createdAt: Number(row.created_at),
    ...(row.attachment_id === null ? { attachmentId: null, bytes: Buffer.from(row.bytes) } : { attachmentId: row.attachment_id, bytes: null }),
  };
}

const SHARED_OWNER = '';

/** Shared responses and the agent's own, by shortcut. */
export async function listCanned(db: Queryable, ownerId: string): Promise<CannedResponse[]> {
  const rows = await db
    .selectFrom('canned_responses')
    .select('data')
    .where('owner_id', 'in', [SHARED_OWNER, ownerId])
    .orderBy('shortcut')
    .execute();
  return rows.map((row) => readStoredJson<CannedResponse>(row.data));
}

export async function findCanned(db: Queryable, id: string): Promise<CannedResponse | null> {
  const row = await db.selectFrom('canned_responses').select('data').where('id', '=', id).executeTakeFirst();
  return row ? readStoredJson<CannedResponse>(row.data) : null;
}

/** The response holding this shortcut in the same scope (shared, or this owner's). */
export async function findCannedByShortcut(db: Queryable, ownerId: string | null, shortcut: string): Promise<CannedResponse | null> {
  const row = await db
    .selectFrom('canned_responses')
    .select('data')
    .where('owner_id', '=', ownerId ?? SHARED_OWNER)
    .where('shortcut', '=', shortcut)
    .executeTakeFirst();
  return row ? readStoredJson<CannedResponse>(row.data) : null;
}

export async function saveCanned(db: Queryable, canned: CannedResponse): Promise<void> {
  const row = { id: canned.id, owner_id: canned.ownerId ?? SHARED_OWNER, shortcut: canned.shortcut, data: JSON.stringify(canned) };
  await db
    .insertInto('canned_responses')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ owner_id: row.owner_id, shortcut: row.shortcut, data: row.data }))
    .execute();
}

export async function deleteCanned(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('canned_responses').where('id', '=', id).execute();
}

import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from './ids';

/**
 * What a visitor or an agent may attach to a chat. Types are checked against
 * the file's first bytes as well as its declared type (hub/chat/uploads), so a
 * script renamed `.png` is refused.
 */
export const CHAT_ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
export const ChatAttachmentTypeSchema = z.enum(CHAT_ATTACHMENT_TYPES);
export type ChatAttachmentType = z.infer<typeof ChatAttachmentTypeSchema>;
/** 5 MiB: a phone photo fits; a video does not (video is its own channel). */
export const CHAT_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const CHAT_TEXT_MAX = 4000;

export const ChatAttachmentSchema = z.object({
  id: UlidSchema,
  name: z.string().min(1).max(255),
  mimeType: ChatAttachmentTypeSchema,
  size: z.number().int().positive().max(CHAT_ATTACHMENT_MAX_BYTES),
  /** A capability path on the hub (`/api/chat/file/<id>?sig=…`); only participants are ever given it. */
  url: z.string().startsWith('/api/chat/file/').max(300),
});
export type ChatAttachment = z.infer<typeof ChatAttachmentSchema>;

export const ChatAuthorSchema = z.enum(['visitor', 'agent', 'system']);
export type ChatAuthor = z.infer<typeof ChatAuthorSchema>;

/** One message in a live conversation. `seq` counts from 1 within the conversation; marks refer to it. */
export const ChatLineSchema = z.object({
  id: UlidSchema,
  conversationId: UlidSchema,
  seq: z.number().int().positive(),
  from: ChatAuthorSchema,
  /** The agent who wrote it; null for visitor and system lines. */
  agentId: UlidSchema.nullable(),
  /** Shown beside the line: the visitor's name, the agent's display name, or empty for system lines. */
  authorName: z.string().max(120),
  text: z.string().max(CHAT_TEXT_MAX),
  attachment: ChatAttachmentSchema.nullable(),
  at: EpochMsSchema,
  /** The sender's idempotency key: a line re-sent after a reconnect is stored once. */
  clientId: z.string().max(64).nullable(),
});
export type ChatLine = z.infer<typeof ChatLineSchema>;

/**
 * Delivered and read marks, as the highest `seq` each side has received and
 * read. A visitor's line shows "read" once `agentRead` reaches its seq.
 */
export const ChatReceiptsSchema = z.object({
  conversationId: UlidSchema,
  visitorDelivered: z.number().int().nonnegative(),
  visitorRead: z.number().int().nonnegative(),
  agentDelivered: z.number().int().nonnegative(),
  agentRead: z.number().int().nonnegative(),
});
export type ChatReceipts = z.infer<typeof ChatReceiptsSchema>;

export const ConversationStatusSchema = z.enum(['waiting', 'active', 'ended']);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

/** Why a conversation ended. `max-wait` and `closed` leave a follow-up task behind: no chat is dropped. */
export const ConversationEndSchema = z.enum(['visitor-left', 'agent-ended', 'max-wait', 'closed']);
export type ConversationEnd = z.infer<typeof ConversationEndSchema>;

export const ChatConversationSchema = z.object({
  id: UlidSchema,
  widgetId: z.string().max(40),
  /** The routing task; after max wait, the follow-up task that replaced it. */
  taskId: UlidSchema.nullable(),
  customerId: UlidSchema,
  visitorId: UlidSchema,
  visitorName: z.string().max(120),
  visitorEmail: z.string().max(320).nullable(),
  status: ConversationStatusSchema,
  agentId: UlidSchema.nullable(),
  agentName: z.string().max(120).nullable(),
  startedAt: EpochMsSchema,
  endedAt: EpochMsSchema.nullable(),
  endReason: ConversationEndSchema.nullable(),
});
export type ChatConversation = z.infer<typeof ChatConversationSchema>;

// ── admin-managed: the widget and canned responses ──────────────────────────

export const WidgetIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

/** Whether the pre-chat form asks for a field. */
export const AskFieldSchema = z.enum(['off', 'optional', 'required']);
export type AskField = z.infer<typeof AskFieldSchema>;

/** An origin such as `https://shop.example.com`: scheme, host and optional port, nothing else. */
export const WebOriginSchema = z.string().regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/, 'an origin like https://shop.example.com');

export const ChatWidgetSchema = z.object({
  id: WidgetIdSchema,
  name: z.string().trim().min(1).max(80),
  /** Chats from this widget queue here; the queue must take `chat`. */
  queueId: UlidSchema,
  askName: AskFieldSchema,
  askEmail: AskFieldSchema,
  /** Written by the admin in the site's language; shown as the first line of every chat. */
  greeting: z.string().trim().max(500),
  /** Shown instead of the form when the queue is outside business hours. */
  closedMessage: z.string().trim().max(500),
  /** Sent when a chat has waited past the queue's max wait and became a follow-up. */
  maxWaitMessage: z.string().trim().max(500),
  /** Where follow-ups from this widget go (an email or call queue); null = the chat queue's overflow, else the chat queue. */
  followUpQueueId: UlidSchema.nullable(),
  /** Sites allowed to embed the widget; empty = any site. */
  allowedOrigins: z.array(WebOriginSchema).max(50),
  /**
   * Visitors in a chat may call the chat queue from their browser (voice or
   * video), while it is open; the queue must take calls and have a number.
   * Absent = off, as for widgets saved before calls.
   */
  calls: z.boolean().optional(),
});
export type ChatWidget = z.infer<typeof ChatWidgetSchema>;

/** Typed after a slash in the composer: `/hello` inserts the response. */
export const CannedShortcutSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'letters, digits, dash and underscore');

export const CannedResponseSchema = z.object({
  id: UlidSchema,
  /** null = shared with everyone (managed by supervisors and admins); otherwise the agent it belongs to. */
  ownerId: UlidSchema.nullable(),
  shortcut: CannedShortcutSchema,
  title: z.string().trim().min(1).max(80),
  text: z.string().trim().min(1).max(CHAT_TEXT_MAX),
  updatedAt: EpochMsSchema,
});
export type CannedResponse = z.infer<typeof CannedResponseSchema>;

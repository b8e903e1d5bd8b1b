import { z } from 'zod';
import {
  CannedResponseSchema,
  CannedShortcutSchema,
  CHAT_TEXT_MAX,
  type ChatConversation,
  type ChatLine,
  type ChatReceipts,
} from '../domain/chat';
import { UlidSchema } from '../domain/ids';

/**
 * The agent's side of a chat. A chat is addressed by its routing task: only
 * the agent holding the task (or a supervisor) may read or write it.
 */
export const ChatRefSchema = z.object({ taskId: UlidSchema });

/** Text, an attachment uploaded first (POST /api/chat/upload), or both. */
export const ChatSendSchema = z
  .object({
    taskId: UlidSchema,
    /** The desktop's id for the line: re-sent from the outbox after a reconnect, it is stored once. */
    clientId: UlidSchema,
    text: z.string().max(CHAT_TEXT_MAX),
    attachmentId: UlidSchema.optional(),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachmentId !== undefined, { message: 'empty message', path: ['text'] });

export const ChatTypingSchema = z.object({ taskId: UlidSchema, typing: z.boolean() });
export const ChatReadSchema = z.object({ taskId: UlidSchema, upToSeq: z.number().int().nonnegative() });

/** Everything the chat view needs to open a conversation. */
export type ChatThread = { conversation: ChatConversation; lines: ChatLine[]; receipts: ChatReceipts };

/** Hub → agent announcements carry the task so the desktop files them without a look-up. */
export type AgentChatLine = { taskId: string; line: ChatLine };
export type AgentChatTyping = { taskId: string; conversationId: string; typing: boolean };
export type AgentChatReceipts = { taskId: string; receipts: ChatReceipts };

export const CannedScopeSchema = z.enum(['personal', 'shared']);
/** Shared responses are a supervisor's or admin's to write; an agent writes personal ones. */
export const UpsertCannedSchema = z.object({
  id: UlidSchema,
  scope: CannedScopeSchema,
  shortcut: CannedShortcutSchema,
  title: CannedResponseSchema.shape.title,
  text: CannedResponseSchema.shape.text,
});
export const DeleteCannedSchema = z.object({ id: UlidSchema });

import { z } from 'zod';
import {
  CannedResponseSchema,
  ChatAttachmentSchema,
  ChatConversationSchema,
  ChatLineSchema,
  ChatReceiptsSchema,
} from '../../shared/domain/chat';
import type { AgentChatLine, AgentChatReceipts, AgentChatTyping, ChatThread } from '../../shared/protocol/chat';

/** Chat messages from the hub, parsed with the contract's schemas before they reach the store. */
export const ChatThreadSchema = z.object({
  conversation: ChatConversationSchema,
  lines: z.array(ChatLineSchema),
  receipts: ChatReceiptsSchema,
}) satisfies z.ZodType<ChatThread>;

export const AgentChatLineSchema = z.object({ taskId: z.string(), line: ChatLineSchema }) satisfies z.ZodType<AgentChatLine>;

export const AgentChatTypingSchema = z.object({
  taskId: z.string(),
  conversationId: z.string(),
  typing: z.boolean(),
}) satisfies z.ZodType<AgentChatTyping>;

export const AgentChatReceiptsSchema = z.object({ taskId: z.string(), receipts: ChatReceiptsSchema }) satisfies z.ZodType<AgentChatReceipts>;

export const CannedListSchema = z.array(CannedResponseSchema);

export { CannedResponseSchema, ChatAttachmentSchema, ChatConversationSchema, ChatLineSchema };

import { z } from 'zod';
import { EmailSchema } from '../domain/email';
import {
  type AskField,
  CHAT_TEXT_MAX,
  type ChatLine,
  type ChatReceipts,
  type ConversationEnd,
  type ConversationStatus,
  WidgetIdSchema,
} from '../domain/chat';
import { UlidSchema } from '../domain/ids';
import type { Response } from './errors';

/**
 * The web chat visitor's contract. Visitors connect to their own socket.io
 * namespace with a visitor token; nothing here can name an agent event, and
 * the agent namespace refuses a visitor token.
 */
export const VISITOR_NAMESPACE = '/visitor';

export const VISITOR_PATHS = {
  /** POST {widgetId} → WidgetInfo: what the pre-chat form asks, and whether the queue is open. */
  widget: '/api/visitor/widget',
  /** POST StartChatRequest → VisitorSession. */
  start: '/api/visitor/start',
  /** POST raw bytes, `Authorization: Bearer <visitor or access token>`, `X-Conversation` (agents), `X-File-Name` (URI-encoded) → ChatAttachment. */
  upload: '/api/chat/upload',
  /** GET `<id>?sig=…`: the capability link in ChatAttachment.url. */
  file: '/api/chat/file/',
} as const;

export const VisitorLocaleSchema = z.enum(['en', 'zh-CN']);
export type VisitorLocale = z.infer<typeof VisitorLocaleSchema>;

export const WidgetInfoRequestSchema = z.object({ widgetId: WidgetIdSchema });

export type WidgetInfo = {
  widgetId: string;
  askName: AskField;
  askEmail: AskField;
  greeting: string;
  open: boolean;
  /** When a closed queue opens next (epoch ms); null when open, or never within a year. */
  nextOpenAt: number | null;
  closedMessage: string;
};

export const StartChatRequestSchema = z.object({
  widgetId: WidgetIdSchema,
  name: z.string().trim().max(120).optional(),
  email: EmailSchema.optional(),
  locale: VisitorLocaleSchema.default('en'),
});
export type StartChatRequest = z.input<typeof StartChatRequestSchema>;

export type VisitorSession = {
  /** Kept by the widget (localStorage) so a reload resumes the same conversation. */
  token: string;
  visitorId: string;
  conversationId: string;
  expiresAt: number;
};

/** A line as the visitor sees it: no agent ids. */
export type VisitorLine = Omit<ChatLine, 'agentId'>;

export type VisitorConversation = {
  id: string;
  status: ConversationStatus;
  agentName: string | null;
  endReason: ConversationEnd | null;
  /** True once the visitor has left an email or phone for a follow-up. */
  contactKnown: boolean;
};

/** Where the visitor stands while waiting: "you are number N in the queue". */
export type QueueStanding = { position: number; open: boolean };

export type VisitorChatState = {
  conversation: VisitorConversation;
  lines: VisitorLine[];
  receipts: ChatReceipts;
  /** null once an agent has joined or the chat has ended. */
  queue: QueueStanding | null;
};

export const VisitorSendSchema = z
  .object({
    clientId: z.string().min(1).max(64),
    text: z.string().max(CHAT_TEXT_MAX),
    attachmentId: UlidSchema.optional(),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachmentId !== undefined, { message: 'empty message', path: ['text'] });
export const VisitorTypingSchema = z.object({ typing: z.boolean() });
export const VisitorReadSchema = z.object({ upToSeq: z.number().int().nonnegative() });
/** Left after max wait or out of hours, so someone can get back to the visitor. */
export const VisitorContactSchema = z
  .object({ email: EmailSchema.optional(), phone: z.string().trim().min(3).max(40).optional() })
  .refine((c) => c.email !== undefined || c.phone !== undefined, { message: 'give an email or a phone number', path: ['email'] });

type Ack<T> = (response: Response<T>) => void;

export interface VisitorToHubEvents {
  'chat:resume': (req: Record<string, never>, ack: Ack<VisitorChatState>) => void;
  'chat:send': (req: z.input<typeof VisitorSendSchema>, ack: Ack<VisitorLine>) => void;
  'chat:typing': (req: z.input<typeof VisitorTypingSchema>, ack: Ack<null>) => void;
  'chat:read': (req: z.input<typeof VisitorReadSchema>, ack: Ack<null>) => void;
  'chat:contact': (req: z.input<typeof VisitorContactSchema>, ack: Ack<null>) => void;
  'chat:leave': (req: Record<string, never>, ack: Ack<null>) => void;
}

export interface HubToVisitorEvents {
  'chat:line': (line: VisitorLine) => void;
  'chat:typing': (typing: { typing: boolean }) => void;
  'chat:receipts': (receipts: ChatReceipts) => void;
  'chat:queue': (standing: QueueStanding) => void;
  'chat:status': (conversation: VisitorConversation) => void;
}

export type VisitorEventName = keyof VisitorToHubEvents;

export const VISITOR_EVENTS = {
  'chat:resume': z.object({}).strict(),
  'chat:send': VisitorSendSchema,
  'chat:typing': VisitorTypingSchema,
  'chat:read': VisitorReadSchema,
  'chat:contact': VisitorContactSchema,
  'chat:leave': z.object({}).strict(),
} as const satisfies Record<VisitorEventName, z.ZodType>;

export const isVisitorEventName = (name: string): name is VisitorEventName => Object.hasOwn(VISITOR_EVENTS, name);

/** Data the hub keeps on each visitor socket. */
export type VisitorSocketData = { visitorId: string; conversationId: string; widgetId: string; expiresAt: number };

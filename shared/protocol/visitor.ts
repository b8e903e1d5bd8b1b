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
import type { SurveyPrompt } from './surveys';

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
  /** Whether the visitor may call from the chat now ("Call us", "Video call"); absent = no. */
  calls?: boolean;
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
  /** SIP credentials for one call from this chat, and where to place it (hub/voice/visitor-call.ts). */
  'call:ticket': (req: Record<string, never>, ack: Ack<VisitorCallTicket>) => void;
}

export interface HubToVisitorEvents {
  'chat:line': (line: VisitorLine) => void;
  'chat:typing': (typing: { typing: boolean }) => void;
  'chat:receipts': (receipts: ChatReceipts) => void;
  'chat:queue': (standing: QueueStanding) => void;
  'chat:status': (conversation: VisitorConversation) => void;
  /** The chat ended: rate it (hub/surveys/); the widget answers through SURVEY_PATHS.answer with the token. */
  'survey:prompt': (prompt: SurveyPrompt) => void;
}

export type VisitorEventName = keyof VisitorToHubEvents;

export const VISITOR_EVENTS = {
  'chat:resume': z.object({}).strict(),
  'chat:send': VisitorSendSchema,
  'chat:typing': VisitorTypingSchema,
  'chat:read': VisitorReadSchema,
  'chat:contact': VisitorContactSchema,
  'chat:leave': z.object({}).strict(),
  'call:ticket': z.object({}).strict(),
} as const satisfies Record<VisitorEventName, z.ZodType>;

export const isVisitorEventName = (name: string): name is VisitorEventName => Object.hasOwn(VISITOR_EVENTS, name);

/** Data the hub keeps on each visitor socket. */
export type VisitorSocketData = { visitorId: string; conversationId: string; widgetId: string; expiresAt: number };

// ── calls from the widget ────────────────────────────────────────────────────

/**
 * A visitor calls as the SIP user `v~<visitorId>`. No agent's username can
 * hold a `~` (UsernameSchema), so Kamailio and the hub tell a visitor by the
 * prefix alone, and the agent's desktop pops the chat's customer by the
 * visitor identity it already has cached (works offline, no race with the hub).
 */
export const VISITOR_SIP_PREFIX = 'v~';

export const visitorSipUser = (visitorId: string): string => `${VISITOR_SIP_PREFIX}${visitorId}`;

/** The visitor id a SIP user part names, or null when it is not a visitor's. */
export function visitorIdOfSipUser(user: string): string | null {
  if (!user.startsWith(VISITOR_SIP_PREFIX)) return null;
  const id = user.slice(VISITOR_SIP_PREFIX.length);
  return UlidSchema.safeParse(id).success ? id : null;
}

/**
 * What the widget needs to place one call: time-limited SIP credentials
 * (auth_ephemeral, as an agent's, but for `v~<visitorId>` and for minutes),
 * the number that reaches the chat's queue, and where the SIP server's
 * WebSocket is (null: the hub's host on the default port).
 */
export type VisitorCallTicket = {
  sipUser: string;
  displayName: string;
  domain: string;
  dial: string;
  wsUrl: string | null;
  authorizationUsername: string;
  authorizationPassword: string;
  expiresAt: number;
};

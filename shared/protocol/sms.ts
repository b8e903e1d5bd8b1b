import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from '../domain/ids';

/**
 * The SMS channel. A provider (Twilio-style webhooks) posts texts and
 * delivery reports to the hub over HTTP, signed with the account's secret;
 * agents read and answer them on the desktop over the socket.
 */
export const SMS_PATHS = {
  /** POST, form-encoded From/To/Body(/MessageSid/NumMedia/MediaUrlN): a text from a customer. */
  inbound: '/api/sms/inbound',
  /** POST, form-encoded MessageSid/MessageStatus: what became of a text we sent. */
  status: '/api/sms/status',
  /** GET <prefix><link>: an MMS picture, by a signed link the hub hands the desktop (hub/sms/media-link.ts). */
  media: '/api/sms/media/',
} as const;

/** The provider's signature header (HMAC-SHA1 of the URL and sorted parameters, base64), Twilio's name. */
export const SMS_SIGNATURE_HEADER = 'x-twilio-signature';

/** The longest text the composer sends (Twilio's own cap: ten-ish parts). */
export const SMS_TEXT_MAX = 1600;

/** An outbound text's progress; `received` marks the customer's own. Only forward: see hub/sms/delivery-status.ts. */
export const SmsStatusSchema = z.enum(['received', 'queued', 'sent', 'delivered', 'undelivered', 'failed']);
export type SmsStatus = z.infer<typeof SmsStatusSchema>;

/** An MMS picture, kept in the hub's attachment store. */
export const SmsMediaSchema = z.object({ attachmentId: UlidSchema, mimeType: z.string().max(127), size: z.number().int().nonnegative() });
export type SmsMedia = z.infer<typeof SmsMediaSchema>;
/** An MMS picture as the desktop gets it: with a short-lived link an <img> can load (SMS_PATHS.media). */
export type SmsMediaView = SmsMedia & { url: string };

export const SmsMessageSchema = z.object({
  id: UlidSchema,
  conversationId: UlidSchema,
  direction: z.enum(['inbound', 'outbound']),
  text: z.string().max(SMS_TEXT_MAX),
  status: SmsStatusSchema,
  /** The provider's error code for a failed or undelivered text, or our reason when the provider could not be reached. */
  error: z.string().max(500).nullable(),
  /** The desktop's id for an agent's text (re-sent from the outbox, it is stored once); null for the customer's. */
  clientId: UlidSchema.nullable(),
  agentId: UlidSchema.nullable(),
  media: z.array(SmsMediaSchema.extend({ url: z.string().max(500) })),
  at: EpochMsSchema,
});
export type SmsMessage = z.infer<typeof SmsMessageSchema>;
/** A message as the hub keeps it: pictures without links (those are signed for each viewer). */
export type StoredSmsMessage = Omit<SmsMessage, 'media'> & { media: SmsMedia[] };

export type SmsConversation = {
  id: string;
  customerId: string;
  /** The customer's number (E.164) and ours they wrote to. */
  customerNumber: string;
  ourNumber: string;
  queueId: string;
  taskId: string | null;
  agentId: string | null;
  status: 'open' | 'done';
  startedAt: number;
};

/** An SMS task's conversation as the panel shows it; `optedOut` when the customer texted STOP. */
export type SmsThread = { conversation: SmsConversation; messages: SmsMessage[]; optedOut: boolean };

/** Hub → desktop: a message in, or a status change on, a conversation whose task I hold. */
export type AgentSmsMessage = { taskId: string; message: SmsMessage };
/** Hub → desktop: the customer opted out (or back in) on a conversation whose task I hold. */
export type AgentSmsOptOut = { taskId: string; customerNumber: string; optedOut: boolean };

export const SmsRefSchema = z.object({ taskId: UlidSchema });
export const SmsSendSchema = z.object({
  taskId: UlidSchema,
  clientId: UlidSchema,
  text: z.string().trim().min(1).max(SMS_TEXT_MAX),
});
export const SmsRetrySchema = z.object({ taskId: UlidSchema, messageId: UlidSchema });

/** The refusal's issue when the customer has opted out: the composer shows it as such. */
export const SMS_OPTED_OUT_ISSUE = { path: 'to', message: 'opted-out' } as const;

/** A number customers text, in E.164, and the queue its conversations go to. */
export const SmsNumberSchema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number like +8613800138000');

export const SmsSettingsSchema = z.object({
  /** The provider's send endpoint (Twilio: https://api.twilio.com/2010-04-01/Accounts/<sid>/Messages.json); null: sending is off. */
  providerUrl: z.string().url().max(500).nullable(),
  /** The account (HTTP Basic user for sending and fetching MMS media). */
  account: z.string().max(200),
  /** The account's secret: HTTP Basic password, and the key webhooks are signed with. */
  secret: z.string().max(500),
  /**
   * The hub's public address as the provider calls it (`https://hub.example.com`), which signatures
   * cover; null: taken from the request's Host header (right when nothing rewrites it).
   */
  publicUrl: z.string().url().max(500).nullable(),
  numbers: z
    .array(z.object({ number: SmsNumberSchema, queueId: UlidSchema }))
    .max(500)
    .refine((numbers) => new Set(numbers.map((n) => n.number)).size === numbers.length, 'each number once'),
});
export type SmsSettings = z.infer<typeof SmsSettingsSchema>;
/** What an admin sees: the secret is never sent back, only whether one is set. */
export type SmsSettingsView = Omit<SmsSettings, 'secret'> & { secretSet: boolean };
/** An admin saving settings: an omitted secret keeps the stored one. */
export const SmsSettingsInputSchema = SmsSettingsSchema.extend({ secret: z.string().min(1).max(500).optional() });

import { z } from 'zod';
import { DirectionSchema } from './interaction';
import { EpochMsSchema, UlidSchema } from './ids';

/** Lower-cased and trimmed so identity look-ups are exact; null when not an address. */
export function normaliseEmail(input: string): string | null {
  const value = input.trim().toLowerCase();
  return z.email().safeParse(value).success ? value : null;
}

/** An email address as given in a form: trimmed and lower-cased before it is checked. */
export const EmailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email());

/*
 * The email channel's records. A thread is one conversation with a customer
 * (what an agent works as one task); each message in it is one mail, in or
 * out. Bodies are kept as received: the desktop sanitises HTML for display,
 * the hub never renders it.
 */

/** One mailbox address with its display name ('' when the sender gave none). */
export const EmailAddressSchema = z.object({
  address: z.string().max(320),
  name: z.string().max(200),
});
export type EmailAddress = z.infer<typeof EmailAddressSchema>;

/**
 * A file that came with (or goes out with) a mail. The bytes live in the hub's
 * attachment store; `mimeType` is sniffed from them, not trusted from the mail.
 * `cid` is set for an inline part an HTML body refers to as `cid:…`.
 * `dangerous`: a type that can run code (hub/email/dangerous-attachment.ts);
 * the desktop never opens such a file by itself.
 */
export const EmailAttachmentSchema = z.object({
  attachmentId: UlidSchema,
  name: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(127),
  size: z.number().int().nonnegative(),
  cid: z.string().max(998).nullable(),
  dangerous: z.boolean(),
});
export type EmailAttachment = z.infer<typeof EmailAttachmentSchema>;

/**
 * What kind of mail a message is, as far as routing goes: a bounce (a delivery
 * status notification) or an auto-reply (out of office, RFC 3834) is kept on
 * the thread but never opens a task and is never answered automatically.
 */
export const EmailAutoKindSchema = z.enum(['none', 'bounce', 'auto-reply']);
export type EmailAutoKind = z.infer<typeof EmailAutoKindSchema>;

/** An outbound mail's way out: queued in the outbox, sent to the relay, or failed after `attempts` tries (retried from the outbox). */
export const EmailDeliveryStatusSchema = z.enum(['queued', 'sent', 'failed']);
export type EmailDeliveryStatus = z.infer<typeof EmailDeliveryStatusSchema>;

export const EmailDeliverySchema = z.object({
  status: EmailDeliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  /** The relay's last refusal or the connection error, for the agent to read. */
  lastError: z.string().max(2000).nullable(),
  /** When the outbox tries again; null once sent or given up. */
  nextAttemptAt: EpochMsSchema.nullable(),
  sentAt: EpochMsSchema.nullable(),
});
export type EmailDelivery = z.infer<typeof EmailDeliverySchema>;

/** Longest body kept as text or HTML; the rest is cut and noted in `problems`. */
export const EMAIL_BODY_MAX = 1_000_000;
export const EMAIL_SUBJECT_MAX = 998;

export const EmailMessageSchema = z.object({
  id: UlidSchema,
  threadId: UlidSchema,
  customerId: UlidSchema,
  direction: DirectionSchema,
  /** RFC 5322 Message-ID without the angle brackets; the hub makes one when a mail came without. */
  messageId: z.string().min(1).max(998),
  inReplyTo: z.string().max(998).nullable(),
  /** Oldest first, as in the References header. */
  references: z.array(z.string().max(998)).max(100),
  from: EmailAddressSchema,
  to: z.array(EmailAddressSchema).max(500),
  cc: z.array(EmailAddressSchema).max(500),
  /** Only ever set on outbound mail (an inbound mail does not show its Bcc). */
  bcc: z.array(EmailAddressSchema).max(500),
  subject: z.string().max(EMAIL_SUBJECT_MAX),
  text: z.string().max(EMAIL_BODY_MAX),
  html: z.string().max(EMAIL_BODY_MAX).nullable(),
  attachments: z.array(EmailAttachmentSchema).max(1000),
  autoKind: EmailAutoKindSchema,
  /** What could not be read (a bad charset, a broken part, an attachment over the limit): the mail is kept with the rest. */
  problems: z.array(z.string().max(500)).max(100),
  /** Outbound: the agent who wrote it; inbound: null. */
  agentId: UlidSchema.nullable(),
  /** Received by the hub (inbound) or written by the agent (outbound). */
  at: EpochMsSchema,
  /** Outbound only; null for inbound mail. */
  delivery: EmailDeliverySchema.nullable(),
});
export type EmailMessage = z.infer<typeof EmailMessageSchema>;

/**
 * One email conversation with a customer. `ref` is the ticket reference put
 * into outgoing subjects (`[#T-…]`), so a reply whose mail client dropped the
 * threading headers still finds its thread.
 */
export const EmailThreadSchema = z.object({
  id: UlidSchema,
  ref: z.string().regex(/^T-[0-9A-HJKMNP-TV-Z]{8}$/),
  customerId: UlidSchema,
  queueId: UlidSchema,
  /** The latest task for the thread; null while it only holds bounces or auto-replies. */
  taskId: UlidSchema.nullable(),
  /** Our address the customer wrote to (replies go out from it). */
  mailbox: z.string().max(320),
  /** The customer's address replies go to. */
  customerAddress: z.string().max(320),
  subject: z.string().max(EMAIL_SUBJECT_MAX),
  createdAt: EpochMsSchema,
  lastMessageAt: EpochMsSchema,
});
export type EmailThread = z.infer<typeof EmailThreadSchema>;

/** The thread's ticket reference, made from the random tail of its id (pure, so hub and desktop agree). */
export const ticketRefOf = (threadId: string): string => `T-${threadId.slice(-8)}`;

/** `[#T-ABCD1234]`: what goes into an outgoing subject. */
export const ticketToken = (ref: string): string => `[#${ref}]`;

const TOKEN_PATTERN = /\[#(T-[0-9A-HJKMNP-TV-Z]{8})\]/i;

/** The ticket reference in a subject (`Re: help [#T-…]`), upper-cased; null when there is none. */
export function ticketRefIn(subject: string): string | null {
  const match = TOKEN_PATTERN.exec(subject);
  return match?.[1] ? match[1].toUpperCase() : null;
}

/** An outgoing subject: the token added once, never twice on a long reply chain. */
export function subjectWithToken(subject: string, ref: string): string {
  return ticketRefIn(subject) === ref ? subject : `${subject.trim()} ${ticketToken(ref)}`.trim();
}

/**
 * One mailbox the hub receives mail for, and the queue its new threads go to.
 * `imap` is set for a mailbox the hub polls (an existing mailbox elsewhere);
 * mail for it may also arrive by SMTP at the hub's own listener.
 */
export const ImapAccountSchema = z.object({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  /** Implicit TLS (993); false uses STARTTLS when the server offers it. */
  secure: z.boolean(),
  user: z.string().min(1).max(320),
  /** The folder to read; mail is marked seen once stored. */
  folder: z.string().min(1).max(200),
});
export type ImapAccount = z.infer<typeof ImapAccountSchema>;

export const EmailMailboxSchema = z.object({
  address: EmailSchema,
  queueId: UlidSchema,
  imap: ImapAccountSchema.nullable(),
});
export type EmailMailbox = z.infer<typeof EmailMailboxSchema>;

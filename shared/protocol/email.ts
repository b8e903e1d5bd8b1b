import { z } from 'zod';
import { EmailMailboxSchema, type EmailMessage, type EmailThread, ImapAccountSchema } from '../domain/email';
import { EpochMsSchema, UlidSchema } from '../domain/ids';

/**
 * The agent's side of an email conversation. Like a chat, a thread is
 * addressed by its routing task: only the agent holding the task (or a
 * supervisor) may open it.
 */
export const EmailRefSchema = z.object({ taskId: UlidSchema });

/** Everything the email view needs to open a thread: its messages oldest first. */
export type EmailThreadView = { thread: EmailThread; messages: EmailMessage[] };

/** Hub → agent: a new mail in a thread whose task I hold (the customer wrote again while it was open). */
export type AgentEmailMessage = { taskId: string; message: EmailMessage };

/** The size limits the hub applies to inbound mail; a mail over `maxMessageBytes` is refused at SMTP or quarantined from IMAP. */
export const EMAIL_MAX_MESSAGE_BYTES_LIMIT = 100 * 1024 * 1024;
export const DEFAULT_EMAIL_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
export const DEFAULT_EMAIL_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * A mailbox as an administrator sees it: the IMAP password is never sent back,
 * only whether one is set.
 */
export const EmailMailboxViewSchema = EmailMailboxSchema.extend({
  imap: ImapAccountSchema.extend({ passwordSet: z.boolean() }).nullable(),
});
export type EmailMailboxView = z.infer<typeof EmailMailboxViewSchema>;

/**
 * A mailbox as an administrator saves it. `password` absent keeps the one
 * stored for that address; a new IMAP mailbox needs one.
 */
export const EmailMailboxInputSchema = EmailMailboxSchema.extend({
  imap: ImapAccountSchema.extend({ password: z.string().min(1).max(200).optional() }).nullable(),
});

const uniqueAddresses = (mailboxes: readonly { address: string }[]): boolean =>
  new Set(mailboxes.map((m) => m.address)).size === mailboxes.length;

/** Inbound email settings: the addresses (each to a queue) and the size limits. */
export const EmailSettingsInputSchema = z.object({
  mailboxes: z.array(EmailMailboxInputSchema).max(100).refine(uniqueAddresses, 'each address once'),
  maxMessageBytes: z.number().int().min(64 * 1024).max(EMAIL_MAX_MESSAGE_BYTES_LIMIT),
  maxAttachmentBytes: z.number().int().min(1024).max(EMAIL_MAX_MESSAGE_BYTES_LIMIT),
});
export type EmailSettingsInput = z.input<typeof EmailSettingsInputSchema>;

export type EmailSettingsView = { mailboxes: EmailMailboxView[]; maxMessageBytes: number; maxAttachmentBytes: number };

/**
 * A mail the hub could not file (unreadable, too large, no customer address):
 * kept whole in the attachment store with the reason, for an administrator.
 */
export const QuarantinedEmailSchema = z.object({
  id: UlidSchema,
  receivedAt: EpochMsSchema,
  /** How it came: the hub's SMTP listener or an IMAP mailbox (its address). */
  source: z.string().max(400),
  /** As far as they could be read; '' when not. */
  from: z.string().max(998),
  subject: z.string().max(998),
  reason: z.string().max(500),
  size: z.number().int().nonnegative(),
  /** The raw message in the attachment store. */
  rawAttachmentId: UlidSchema,
});
export type QuarantinedEmail = z.infer<typeof QuarantinedEmailSchema>;

/** Newest first; `before` pages back by receivedAt. */
export const QuarantineListSchema = z.object({ before: EpochMsSchema.optional(), limit: z.number().int().min(1).max(200).default(50) });

import { z } from 'zod';
import { EmailAddressSchema, EmailSchema } from '../domain/email';
import { EpochMsSchema, UlidSchema } from '../domain/ids';

/*
 * The agent's outgoing mail. A reply is the `email.send` mutation (it rides
 * the desktop's outbox, so one written offline goes when the hub is back and
 * is applied once by its ULID); the hub then hands it to the SMTP relay from
 * its own outbox, retrying until the relay takes it.
 */

/** A recipient as the composer gives it: the address checked and lower-cased, the name as typed. */
export const RecipientSchema = EmailAddressSchema.extend({ address: EmailSchema, name: z.string().trim().max(200) });

/** A file already uploaded to the hub (POST /api/email/upload), or one of the thread's own files being forwarded. */
export const OutgoingAttachmentSchema = z.object({ attachmentId: UlidSchema, name: z.string().min(1).max(255) });

export const OUTGOING_BODY_MAX = 100_000;

export const EmailSendArgsSchema = z
  .object({
    /** The new mail's id: its email message, its timeline item and (at its mailbox's domain) its Message-ID. */
    emailId: UlidSchema,
    threadId: UlidSchema,
    customerId: UlidSchema,
    /** The thread's message answered or forwarded (its headers make In-Reply-To and References). */
    parentId: UlidSchema,
    mode: z.enum(['reply', 'reply-all', 'forward']),
    to: z.array(RecipientSchema).min(1).max(50),
    cc: z.array(RecipientSchema).max(50),
    bcc: z.array(RecipientSchema).max(50),
    subject: z.string().trim().min(1).max(900),
    /** The agent's words, signature and quote; the desktop sanitises it, and every desktop sanitises it again to show it. */
    html: z.string().max(OUTGOING_BODY_MAX),
    /** The plain-text alternative of the same mail. */
    text: z.string().max(OUTGOING_BODY_MAX),
    attachments: z.array(OutgoingAttachmentSchema).max(20),
    occurredAt: EpochMsSchema,
  })
  .refine((args) => args.text.trim() !== '' || args.attachments.length > 0, { message: 'an empty mail', path: ['text'] });
export type EmailSendArgs = z.infer<typeof EmailSendArgsSchema>;

/** Send a failed (or waiting) mail now instead of at its next retry. */
export const EmailRetrySchema = z.object({ emailId: UlidSchema });

/** POST /api/email/upload answers this; the file is in the attachment store (kind 'email'). */
export type EmailUpload = { attachmentId: string; name: string; mimeType: string; size: number };

/** Largest file an agent may attach (the relay and most mailboxes refuse far more than this in one mail). */
export const EMAIL_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Signatures are plain text (shown escaped), one per agent (their own to
 * edit) and one per queue (its footer; administrators edit).
 */
export const SIGNATURE_MAX = 2_000;
export const SignaturesRequestSchema = z.object({ queueId: UlidSchema });
export type Signatures = { agent: string; queue: string };

export const SetSignatureSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('agent'), text: z.string().max(SIGNATURE_MAX) }),
  z.object({ scope: z.literal('queue'), queueId: UlidSchema, text: z.string().max(SIGNATURE_MAX) }),
]);

/**
 * The email view's HTTP side (bearer access token): uploads for the composer,
 * and a thread's files by message, fetched as blobs so inline images and
 * downloads never put a token in a URL.
 */
export const EMAIL_PATHS = { upload: '/api/email/upload', file: '/api/email/file/' } as const;
/** The upload's file name, URI-encoded (a header cannot carry every name). */
export const EMAIL_FILE_NAME_HEADER = 'x-file-name';
export const emailFilePath = (emailId: string, attachmentId: string): string => `${EMAIL_PATHS.file}${emailId}/${attachmentId}`;

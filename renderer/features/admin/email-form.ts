import type { Queue } from '../../../shared/domain/routing';
import {
  EMAIL_MAX_MESSAGE_BYTES_LIMIT,
  type EmailMailboxView,
  type EmailSettingsInput,
  EmailSettingsInputSchema,
  type EmailSettingsView,
} from '../../../shared/protocol/email';
import { errorsFromZod, type FieldProblem, type FormResult } from './field-errors';
import { numberFrom } from './form-numbers';

const MIB = 1024 * 1024;

/** The schema's bounds, in the megabytes the form is typed in (a limit in bytes is unreadable). */
export const MESSAGE_MB_MIN = (64 * 1024) / MIB;
export const ATTACHMENT_MB_MIN = 1024 / MIB;
export const SIZE_MB_MAX = EMAIL_MAX_MESSAGE_BYTES_LIMIT / MIB;

/**
 * One mailbox as the form holds it. The IMAP fields stay in the row while
 * "fetch by IMAP" is off, so ticking it off and on again loses nothing.
 * `passwordSet`: the hub holds a password for this address; it is kept unless
 * the admin chooses to change it (`changePassword`).
 */
export type MailboxRow = {
  address: string;
  queueId: string;
  imap: boolean;
  host: string;
  port: string;
  secure: boolean;
  user: string;
  folder: string;
  passwordSet: boolean;
  changePassword: boolean;
  password: string;
};

/** The email settings as the form holds them; row paths are the schema's own (`mailboxes.2.imap.host`). */
export type EmailDraft = { mailboxes: MailboxRow[]; maxMessageMb: string; maxAttachmentMb: string };

export const NEW_MAILBOX: MailboxRow = {
  address: '',
  queueId: '',
  imap: false,
  host: '',
  port: '993',
  secure: true,
  user: '',
  folder: 'INBOX',
  passwordSet: false,
  changePassword: false,
  password: '',
};

/**
 * Megabytes as typed text. Seven decimals are off by under 0.06 byte, so an
 * unchanged field rounds back to the very byte count the hub holds.
 */
const megabytesText = (bytes: number): string => String(Number((bytes / MIB).toFixed(7)));

function rowFromMailbox(mailbox: EmailMailboxView): MailboxRow {
  if (!mailbox.imap) return { ...NEW_MAILBOX, address: mailbox.address, queueId: mailbox.queueId };
  const { host, port, secure, user, folder, passwordSet } = mailbox.imap;
  return { ...NEW_MAILBOX, address: mailbox.address, queueId: mailbox.queueId, imap: true, host, port: String(port), secure, user, folder, passwordSet };
}

export function draftFromEmail(settings: EmailSettingsView): EmailDraft {
  return {
    mailboxes: settings.mailboxes.map(rowFromMailbox),
    maxMessageMb: megabytesText(settings.maxMessageBytes),
    maxAttachmentMb: megabytesText(settings.maxAttachmentBytes),
  };
}

/** Only these can take a mailbox: the hub refuses an address sent to a queue without the email channel. */
export const queuesTakingEmail = (queues: readonly Queue[]): Queue[] => queues.filter((queue) => queue.channels.includes('email'));

/** Whether the row sends a password: always for a new IMAP account, and when the admin chose to change the saved one. */
export const sendsPassword = (row: MailboxRow): boolean => !row.passwordSet || row.changePassword;

function imapOf(row: MailboxRow) {
  if (!row.imap) return null;
  const account = { host: row.host.trim(), port: numberFrom(row.port), secure: row.secure, user: row.user.trim(), folder: row.folder.trim() };
  // Absent means "keep the stored one" to the hub; a password is sent exactly as typed (spaces can be part of it).
  return sendsPassword(row) ? { ...account, password: row.password } : account;
}

/** A size in megabytes, checked against the schema's bounds in the same unit; bytes when it fits. */
function sizeOf(text: string, minMb: number): { bytes: number } | { problem: FieldProblem } {
  const mb = numberFrom(text);
  if (Number.isNaN(mb)) return { problem: { kind: 'not-number' } };
  if (mb < minMb) return { problem: { kind: 'too-small', limit: minMb, inclusive: true } };
  if (mb > SIZE_MB_MAX) return { problem: { kind: 'too-big', limit: SIZE_MB_MAX } };
  return { bytes: Math.round(mb * MIB) };
}

/** Addresses compare as the hub stores them: trimmed and lower-cased. */
function duplicateRows(mailboxes: readonly MailboxRow[]): Map<string, FieldProblem> {
  const seen = new Set<string>();
  const problems = new Map<string, FieldProblem>();
  mailboxes.forEach((row, index) => {
    const address = row.address.trim().toLowerCase();
    if (address !== '' && seen.has(address)) problems.set(`mailboxes.${index}.address`, { kind: 'duplicate' });
    seen.add(address);
  });
  return problems;
}

export function emailFromDraft(draft: EmailDraft): FormResult<EmailSettingsInput> {
  const rows = duplicateRows(draft.mailboxes);
  const message = sizeOf(draft.maxMessageMb, MESSAGE_MB_MIN);
  const attachment = sizeOf(draft.maxAttachmentMb, ATTACHMENT_MB_MIN);
  if ('problem' in message) rows.set('maxMessageBytes', message.problem);
  if ('problem' in attachment) rows.set('maxAttachmentBytes', attachment.problem);
  const parsed = EmailSettingsInputSchema.safeParse({
    mailboxes: draft.mailboxes.map((row) => ({ address: row.address, queueId: row.queueId, imap: imapOf(row) })),
    // A size already marked above is sent as a valid stand-in, so the schema reports only the other fields.
    maxMessageBytes: 'bytes' in message ? message.bytes : EMAIL_MAX_MESSAGE_BYTES_LIMIT,
    maxAttachmentBytes: 'bytes' in attachment ? attachment.bytes : EMAIL_MAX_MESSAGE_BYTES_LIMIT,
  });
  if (parsed.success && rows.size === 0) return { ok: true, value: parsed.data };
  const schema = parsed.success ? new Map<string, FieldProblem>() : errorsFromZod(parsed.error);
  // With the repeated address marked on its row, the list-wide "each address once" would only say it again.
  const errors = new Map([...schema].filter(([path]) => rows.size === 0 || path !== 'mailboxes'));
  for (const [path, problem] of rows) if (!errors.has(path)) errors.set(path, problem);
  return { ok: false, errors };
}

import { z } from 'zod';
import { EmailMailboxSchema, ImapAccountSchema } from '../../shared/domain/email';
import {
  DEFAULT_EMAIL_MAX_ATTACHMENT_BYTES,
  DEFAULT_EMAIL_MAX_MESSAGE_BYTES,
  type EmailSettingsInput,
  EmailSettingsInputSchema,
  type EmailSettingsView,
} from '../../shared/protocol/email';
import { refuse } from '../sync/refusal';

/** A mailbox as the hub keeps it: with the IMAP password, which never leaves the hub. */
export const StoredMailboxSchema = EmailMailboxSchema.extend({
  imap: ImapAccountSchema.extend({ password: z.string().min(1).max(200) }).nullable(),
});
export type StoredMailbox = z.infer<typeof StoredMailboxSchema>;

export const StoredEmailSettingsSchema = z.object({
  mailboxes: z.array(StoredMailboxSchema),
  maxMessageBytes: z.number().int().positive(),
  maxAttachmentBytes: z.number().int().positive(),
});
export type StoredEmailSettings = z.infer<typeof StoredEmailSettingsSchema>;

export const DEFAULT_EMAIL_SETTINGS: StoredEmailSettings = {
  mailboxes: [],
  maxMessageBytes: DEFAULT_EMAIL_MAX_MESSAGE_BYTES,
  maxAttachmentBytes: DEFAULT_EMAIL_MAX_ATTACHMENT_BYTES,
};

/** What an administrator is shown: every setting but the passwords. */
export function settingsView(settings: StoredEmailSettings): EmailSettingsView {
  return {
    maxMessageBytes: settings.maxMessageBytes,
    maxAttachmentBytes: settings.maxAttachmentBytes,
    mailboxes: settings.mailboxes.map(({ imap, ...mailbox }) => {
      if (!imap) return { ...mailbox, imap: null };
      const { password: _password, ...account } = imap;
      return { ...mailbox, imap: { ...account, passwordSet: true } };
    }),
  };
}

/**
 * Applies an administrator's save: a mailbox saved without a password keeps
 * the one stored for its address; a new IMAP mailbox must bring one.
 */
export function mergeSettings(current: StoredEmailSettings, input: EmailSettingsInput): StoredEmailSettings {
  const saved = EmailSettingsInputSchema.parse(input);
  const before = new Map(current.mailboxes.map((mailbox) => [mailbox.address, mailbox]));
  const mailboxes = saved.mailboxes.map((mailbox, index): StoredMailbox => {
    if (!mailbox.imap) return { ...mailbox, imap: null };
    const password = mailbox.imap.password ?? before.get(mailbox.address)?.imap?.password;
    if (password === undefined) {
      throw refuse('invalid-payload', `The mailbox ${mailbox.address} needs its IMAP password.`, {
        issues: [{ path: `mailboxes.${index}.imap.password`, message: 'required for a new IMAP mailbox' }],
      });
    }
    return { ...mailbox, imap: { ...mailbox.imap, password } };
  });
  return { mailboxes, maxMessageBytes: saved.maxMessageBytes, maxAttachmentBytes: saved.maxAttachmentBytes };
}

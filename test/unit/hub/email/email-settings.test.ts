import { describe, expect, it } from 'vitest';
import { DEFAULT_EMAIL_SETTINGS, mergeSettings, settingsView } from '../../../../hub/email/email-settings';
import { Refusal } from '../../../../hub/sync/refusal';

const queueId = '01JDQ4Z0000000000000000001';
const imap = { host: 'imap.example.com', port: 993, secure: true, user: 'support', folder: 'INBOX' };

describe('email settings', () => {
  it('never show an IMAP password, only that one is set', () => {
    const stored = { ...DEFAULT_EMAIL_SETTINGS, mailboxes: [{ address: 'support@example.com', queueId, imap: { ...imap, password: 'secret' } }] };
    const view = settingsView(stored);
    expect(JSON.stringify(view)).not.toContain('secret');
    expect(view.mailboxes[0]?.imap).toEqual({ ...imap, passwordSet: true });
  });

  it('keep the stored password when a save leaves it out, and need one for a new IMAP mailbox', () => {
    const stored = { ...DEFAULT_EMAIL_SETTINGS, mailboxes: [{ address: 'support@example.com', queueId, imap: { ...imap, password: 'secret' } }] };
    const limits = { maxMessageBytes: DEFAULT_EMAIL_SETTINGS.maxMessageBytes, maxAttachmentBytes: DEFAULT_EMAIL_SETTINGS.maxAttachmentBytes };
    const kept = mergeSettings(stored, { ...limits, mailboxes: [{ address: 'Support@Example.com', queueId, imap }] });
    expect(kept.mailboxes[0]?.imap?.password).toBe('secret');
    expect(() => mergeSettings(stored, { ...limits, mailboxes: [{ address: 'sales@example.com', queueId, imap }] })).toThrow(Refusal);
    expect(mergeSettings(stored, { ...limits, mailboxes: [{ address: 'sales@example.com', queueId, imap: null }] }).mailboxes[0]?.imap).toBeNull();
  });
});

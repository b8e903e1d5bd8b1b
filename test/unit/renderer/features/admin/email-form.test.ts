import { describe, expect, it } from 'vitest';
import { draftFromEmail, type EmailDraft, emailFromDraft, NEW_MAILBOX, queuesTakingEmail } from '../../../../../renderer/features/admin/email-form';
import { errorsFromHub } from '../../../../../renderer/features/admin/field-errors';
import type { EmailSettingsView } from '../../../../../shared/protocol/email';
import { BILLING, billingQueue, emailQueue, GENERAL, generalQueue } from './fixtures';

const MIB = 1024 * 1024;
const IMAP = { host: 'imap.example.cn', port: 993, secure: true, user: 'kefu', folder: 'INBOX' };
const SETTINGS: EmailSettingsView = {
  mailboxes: [
    { address: 'support@shop.cn', queueId: GENERAL, imap: null },
    { address: 'kefu@shop.cn', queueId: BILLING, imap: { ...IMAP, passwordSet: true } },
  ],
  maxMessageBytes: 25 * MIB,
  maxAttachmentBytes: 10 * MIB,
};

const draft = (): EmailDraft => draftFromEmail(SETTINGS);
const withRow = (index: number, change: Partial<EmailDraft['mailboxes'][number]>): EmailDraft => {
  const base = draft();
  return { ...base, mailboxes: base.mailboxes.map((row, i) => (i === index ? { ...row, ...change } : row)) };
};
const errorsOf = (result: ReturnType<typeof emailFromDraft>) => {
  if (result.ok) throw new Error('expected problems');
  return result.errors;
};

describe('email settings form', () => {
  it('gives back the settings it was opened with, keeping the saved password by sending none', () => {
    const result = emailFromDraft(draft());
    expect(result).toEqual({
      ok: true,
      value: {
        mailboxes: [
          { address: 'support@shop.cn', queueId: GENERAL, imap: null },
          { address: 'kefu@shop.cn', queueId: BILLING, imap: IMAP },
        ],
        maxMessageBytes: 25 * MIB,
        maxAttachmentBytes: 10 * MIB,
      },
    });
  });

  it('shows sizes in megabytes that save back to the same bytes', () => {
    const small = draftFromEmail({ ...SETTINGS, maxMessageBytes: 64 * 1024, maxAttachmentBytes: 1024 });
    expect(small.maxMessageMb).toBe('0.0625');
    expect(emailFromDraft(small)).toMatchObject({ ok: true, value: { maxMessageBytes: 64 * 1024, maxAttachmentBytes: 1024 } });
    for (const bytes of [1025, 777_777, 99 * MIB + 1, 100 * MIB - 1]) {
      const odd = draftFromEmail({ ...SETTINGS, maxAttachmentBytes: bytes });
      expect(emailFromDraft(odd)).toMatchObject({ ok: true, value: { maxAttachmentBytes: bytes } });
    }
    expect(draft().maxMessageMb).toBe('25');
  });

  it('sends a changed password as typed, and refuses an empty one', () => {
    const changed = emailFromDraft(withRow(1, { changePassword: true, password: ' s3cret ' }));
    expect(changed).toMatchObject({ ok: true, value: { mailboxes: [{}, { imap: { ...IMAP, password: ' s3cret ' } }] } });
    expect(errorsOf(emailFromDraft(withRow(1, { changePassword: true, password: '' }))).get('mailboxes.1.imap.password')).toEqual({ kind: 'required' });
  });

  it('needs a password for a mailbox newly fetched by IMAP', () => {
    const base = draft();
    const added = { ...base, mailboxes: [...base.mailboxes, { ...NEW_MAILBOX, address: 'vip@shop.cn', queueId: GENERAL, imap: true, host: 'imap.shop.cn', user: 'vip' }] };
    expect(errorsOf(emailFromDraft(added)).get('mailboxes.2.imap.password')).toEqual({ kind: 'required' });
    const withPassword = { ...added, mailboxes: added.mailboxes.map((row, i) => (i === 2 ? { ...row, password: 'pw' } : row)) };
    expect(emailFromDraft(withPassword)).toMatchObject({
      ok: true,
      value: { mailboxes: [{}, {}, { address: 'vip@shop.cn', imap: { host: 'imap.shop.cn', port: 993, secure: true, user: 'vip', folder: 'INBOX', password: 'pw' } }] },
    });
  });

  it('drops the IMAP account when fetching is turned off, whatever its fields say', () => {
    expect(emailFromDraft(withRow(1, { imap: false, host: '' }))).toMatchObject({ ok: true, value: { mailboxes: [{}, { imap: null }] } });
  });

  it('marks bad fields at their schema paths', () => {
    const errors = errorsOf(emailFromDraft(withRow(1, { address: 'not an address', queueId: '', host: ' ', port: '99999' })));
    expect(errors.get('mailboxes.1.address')).toEqual({ kind: 'format', hint: null });
    expect(errors.get('mailboxes.1.queueId')).toEqual({ kind: 'choose' });
    expect(errors.get('mailboxes.1.imap.host')).toEqual({ kind: 'required' });
    expect(errors.get('mailboxes.1.imap.port')).toEqual({ kind: 'too-big', limit: 65_535 });
  });

  it('marks the repeated address on its row (case and spaces do not make it different)', () => {
    const errors = errorsOf(emailFromDraft(withRow(1, { address: ' Support@Shop.cn ' })));
    expect(errors.get('mailboxes.1.address')).toEqual({ kind: 'duplicate' });
    expect(errors.has('mailboxes')).toBe(false);
  });

  it('checks the size limits in megabytes', () => {
    const base = draft();
    const errors = errorsOf(emailFromDraft({ ...base, maxMessageMb: '0.01', maxAttachmentMb: '101' }));
    expect(errors.get('maxMessageBytes')).toEqual({ kind: 'too-small', limit: 0.0625, inclusive: true });
    expect(errors.get('maxAttachmentBytes')).toEqual({ kind: 'too-big', limit: 100 });
    expect(errorsOf(emailFromDraft({ ...base, maxMessageMb: '' })).get('maxMessageBytes')).toEqual({ kind: 'not-number' });
    // Only the sizes are wrong: no other field is marked.
    expect([...errors.keys()].sort()).toEqual(['maxAttachmentBytes', 'maxMessageBytes']);
  });

  it('offers only the queues that take email', () => {
    const offered = queuesTakingEmail([generalQueue, billingQueue, emailQueue]).map((queue) => queue.id);
    for (const queue of [generalQueue, billingQueue, emailQueue]) expect(offered.includes(queue.id)).toBe(queue.channels.includes('email'));
  });

  it('puts the hub’s refusals next to the field they name', () => {
    const errors = errorsFromHub([
      { path: 'mailboxes.0.queueId', message: 'not an email queue' },
      { path: 'mailboxes.1.imap.password', message: 'required for a new IMAP mailbox' },
    ]);
    expect([...errors.keys()]).toEqual(['mailboxes.0.queueId', 'mailboxes.1.imap.password']);
  });
});

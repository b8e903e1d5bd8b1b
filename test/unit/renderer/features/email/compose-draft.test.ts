import { describe, expect, it } from 'vitest';
import type { EmailMessage, EmailThread } from '../../../../../shared/domain/email';
import { parseAddresses, sendArgsOf, startDraft } from '../../../../../renderer/features/email/compose-draft';

const thread = { id: 'TH', mailbox: 'support@shop.example', subject: 'Order' } as EmailThread;
const parent = {
  id: 'P1',
  direction: 'inbound',
  from: { address: 'li.lei@example.cn', name: 'Li Lei' },
  to: [{ address: 'support@shop.example', name: '' }],
  cc: [{ address: 'han@example.cn', name: 'Han' }],
  subject: 'Order late',
  text: 'Where is it?',
  attachments: [
    { attachmentId: 'A1', name: 'photo.jpg', mimeType: 'image/jpeg', size: 10, cid: null, dangerous: false },
    { attachmentId: 'A2', name: 'logo.png', mimeType: 'image/png', size: 5, cid: 'logo@x', dangerous: false },
  ],
} as EmailMessage;
const words = { quoteHeading: 'Li Lei wrote:', forward: { heading: '-- Forwarded --', from: 'From', date: 'Date', subject: 'Subject', to: 'To', when: '24 Nov' } };
const signatures = { agent: 'Agent One', queue: 'ACME' };

describe('startDraft', () => {
  it('answers the sender, or everyone, or nobody yet for a forward (with the mail’s files, not its inline images)', () => {
    expect(startDraft('T', 'reply', parent, thread, 1)).toMatchObject({ to: 'Li Lei <li.lei@example.cn>', cc: '', subject: 'Re: Order late', attachments: [] });
    expect(startDraft('T', 'reply-all', parent, thread, 1)).toMatchObject({ cc: 'Han <han@example.cn>' });
    const forward = startDraft('T', 'forward', parent, thread, 1);
    expect(forward).toMatchObject({ to: '', subject: 'Fwd: Order late' });
    expect(forward.attachments).toEqual([{ attachmentId: 'A1', name: 'photo.jpg', mimeType: 'image/jpeg', size: 10 }]);
  });
});

describe('parseAddresses', () => {
  it('reads names and addresses, commas in either script', () => {
    expect(parseAddresses('Li Lei <Li.Lei@Example.cn>， boss@example.cn;')).toEqual({
      ok: true,
      addresses: [
        { address: 'li.lei@example.cn', name: 'Li Lei' },
        { address: 'boss@example.cn', name: '' },
      ],
    });
    expect(parseAddresses('')).toEqual({ ok: true, addresses: [] });
    expect(parseAddresses('ok@example.cn, not-an-address')).toEqual({ ok: false, bad: 'not-an-address' });
  });
});

describe('sendArgsOf', () => {
  const draft = { ...startDraft('T', 'reply', parent, thread, 1), cc: 'han@example.cn' };

  it('adds the signature and the quote to both forms of the body', () => {
    const result = sendArgsOf(draft, { html: '<p>Shipped.</p>', text: 'Shipped.' }, parent, 'C1', signatures, words);
    if (!result.ok) throw new Error('refused');
    expect(result.args).toMatchObject({ threadId: 'TH', customerId: 'C1', parentId: 'P1', mode: 'reply', to: [{ address: 'li.lei@example.cn', name: 'Li Lei' }], cc: [{ address: 'han@example.cn', name: '' }], bcc: [] });
    expect(result.args.html).toBe('<p>Shipped.</p>\n<div class="sb-signature">-- <br>Agent One<br><br>ACME</div>\n<div class="sb-quote"><p>Li Lei wrote:</p><blockquote type="cite">Where is it?</blockquote></div>');
    expect(result.args.text).toBe('Shipped.\n\n-- \nAgent One\n\nACME\n\nLi Lei wrote:\n> Where is it?');
  });

  it('says what is missing', () => {
    const body = { html: '<p>x</p>', text: 'x' };
    expect(sendArgsOf({ ...draft, to: '' }, body, parent, 'C1', signatures, words)).toEqual({ ok: false, problem: { kind: 'no-recipient' } });
    expect(sendArgsOf({ ...draft, bcc: 'nope' }, body, parent, 'C1', signatures, words)).toEqual({ ok: false, problem: { kind: 'bad-address', address: 'nope' } });
    expect(sendArgsOf({ ...draft, subject: ' ' }, body, parent, 'C1', signatures, words)).toEqual({ ok: false, problem: { kind: 'no-subject' } });
    expect(sendArgsOf(draft, { html: '', text: ' ' }, parent, 'C1', signatures, words)).toEqual({ ok: false, problem: { kind: 'empty' } });
  });
});

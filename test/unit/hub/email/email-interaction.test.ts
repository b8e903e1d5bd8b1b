import { describe, expect, it } from 'vitest';
import { emailInteractionOf } from '../../../../hub/email/email-interaction';
import { mailboxFor } from '../../../../hub/email/inbound-mail';
import { type EmailMessage, EmailMessageSchema } from '../../../../shared/domain/email';
import { InteractionSchema } from '../../../../shared/domain/interaction';

const id = (n: number) => `01JDQ4Z${String(n).padStart(19, '0')}`;

const message: EmailMessage = {
  id: id(1),
  threadId: id(2),
  customerId: id(3),
  direction: 'inbound',
  messageId: 'a@example.cn',
  inReplyTo: null,
  references: [],
  from: { address: 'a@example.cn', name: '张伟' },
  to: [{ address: 'support@switchboard.local', name: '' }],
  cc: [{ address: 'boss@example.cn', name: '' }],
  bcc: [],
  subject: '订单',
  text: 'x'.repeat(300_000),
  html: `<p>${'y'.repeat(300_000)}</p>`,
  attachments: Array.from({ length: 1000 }, (_, i) => ({ attachmentId: id(100 + i), name: `n${i}.txt`, mimeType: 'text/plain', size: 1, cid: null, dangerous: false })),
  autoKind: 'none',
  problems: [],
  agentId: null,
  at: 1_795_000_000_000,
  delivery: null,
};

describe('an email on the timeline', () => {
  it('fits the timeline item schema however large the mail, keeping the thread and the first files', () => {
    expect(EmailMessageSchema.safeParse(message).success).toBe(true);
    const item = InteractionSchema.parse(emailInteractionOf(message));
    expect(item).toMatchObject({ id: message.id, channel: 'email', threadId: message.threadId, messageId: 'a@example.cn', cc: ['boss@example.cn'], autoKind: 'none' });
    if (item.channel !== 'email') throw new Error('not an email item');
    expect(item.body).toHaveLength(100_000);
    expect(item.attachments).toHaveLength(50);
    expect(item.attachmentIds).toEqual(message.attachments.slice(0, 50).map((a) => a.attachmentId));
  });
});

describe('which mailbox a mail is for', () => {
  const mailboxes = [
    { address: 'support@switchboard.local', queueId: id(9), imap: null },
    { address: 'sales@switchboard.local', queueId: id(8), imap: null },
  ];

  it('is the first envelope recipient the hub serves, whatever its case', () => {
    expect(mailboxFor({ via: 'smtp', recipients: ['other@x.cn', 'SALES@switchboard.local', 'support@switchboard.local'] }, mailboxes)?.queueId).toBe(id(8));
    expect(mailboxFor({ via: 'smtp', recipients: ['other@x.cn'] }, mailboxes)).toBeNull();
  });

  it('is the IMAP mailbox the mail was read from', () => {
    expect(mailboxFor({ via: 'imap', mailbox: 'support@switchboard.local' }, mailboxes)?.queueId).toBe(id(9));
    expect(mailboxFor({ via: 'imap', mailbox: 'gone@switchboard.local' }, mailboxes)).toBeNull();
  });
});

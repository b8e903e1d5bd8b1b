import { describe, expect, it } from 'vitest';
import type { EmailDelivery, EmailMessage, EmailThread } from '../../../../shared/domain/email';
import { afterAttempt, isPermanentRefusal, RETRY_DELAYS_MS, retryDelay, retryNow } from '../../../../hub/email/outbound/delivery-schedule';
import { outgoingMessage } from '../../../../hub/email/outbound/outgoing-message';
import type { EmailSendArgs } from '../../../../shared/protocol/email-outbound';

const queued: EmailDelivery = { status: 'queued', attempts: 0, lastError: null, nextAttemptAt: 1_000, sentAt: null };

describe('delivery schedule', () => {
  it('marks a mail the relay took as sent, with no further attempt', () => {
    expect(afterAttempt(queued, { ok: true }, 5_000)).toEqual({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null, sentAt: 5_000 });
  });

  it('retries passing trouble later and later, then every 15 minutes for ever', () => {
    let delivery = queued;
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      delivery = afterAttempt(delivery, { ok: false, error: 'connect ECONNREFUSED', permanent: false }, 0);
      delays.push(delivery.nextAttemptAt ?? -1);
    }
    expect(delays).toEqual([15_000, 60_000, 300_000, 900_000, 900_000, 900_000]);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 6, lastError: 'connect ECONNREFUSED' });
    expect(retryDelay(0)).toBe(RETRY_DELAYS_MS[0]);
  });

  it('stops on a permanent refusal, and "retry now" makes it due again', () => {
    const refused = afterAttempt(queued, { ok: false, error: '550 No such mailbox', permanent: true }, 0);
    expect(refused).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(retryNow(refused, 9_000)).toMatchObject({ status: 'queued', nextAttemptAt: 9_000, attempts: 1 });
    const sent = afterAttempt(queued, { ok: true }, 1);
    expect(retryNow(sent, 9_000)).toBe(sent);
  });

  it('tells a 5xx refusal from connection trouble and 4xx', () => {
    expect(isPermanentRefusal(Object.assign(new Error('x'), { responseCode: 550 }))).toBe(true);
    expect(isPermanentRefusal(Object.assign(new Error('x'), { responseCode: 451 }))).toBe(false);
    expect(isPermanentRefusal(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPermanentRefusal('boom')).toBe(false);
  });
});

describe('outgoingMessage', () => {
  const thread = {
    id: '01JD00000000000000000THRD1',
    ref: 'T-0000THRD',
    customerId: '01JD00000000000000000CUST1',
    queueId: '01JD00000000000000000QUEU1',
    taskId: '01JD00000000000000000TASK1',
    mailbox: 'support@switchboard.local',
    customerAddress: 'li.lei@example.cn',
    subject: 'Where is my order?',
    createdAt: 1,
    lastMessageAt: 1,
  } satisfies EmailThread;
  const parent = { id: '01JD00000000000000000PRNT1', messageId: 'b@mail.example.cn', references: ['a@mail.example.cn'] } as EmailMessage;
  const args: EmailSendArgs = {
    emailId: '01JD00000000000000000MAIL1',
    threadId: thread.id,
    customerId: thread.customerId,
    parentId: parent.id,
    mode: 'reply',
    to: [{ address: 'li.lei@example.cn', name: 'Li Lei' }],
    cc: [],
    bcc: [],
    subject: 'Re: Where is my order?',
    html: '<p>Soon</p>',
    text: 'Soon',
    attachments: [],
    occurredAt: 5,
  };
  const facts = { args, thread, parent, attachments: [], agentId: '01JD00000000000000000AGNT1', fromName: 'General', now: 10_000 };

  it('threads a reply to the mail answered, from the queue’s address, with the ticket token', () => {
    expect(outgoingMessage(facts)).toMatchObject({
      id: args.emailId,
      direction: 'outbound',
      messageId: '01jd00000000000000000mail1@switchboard.local',
      inReplyTo: 'b@mail.example.cn',
      references: ['a@mail.example.cn', 'b@mail.example.cn'],
      from: { address: 'support@switchboard.local', name: 'General' },
      subject: 'Re: Where is my order? [#T-0000THRD]',
      at: 10_000,
      delivery: { status: 'queued', attempts: 0, nextAttemptAt: 10_000, sentAt: null },
    });
  });

  it('starts a new chain for a forward, and keeps no empty HTML', () => {
    const forward = outgoingMessage({ ...facts, args: { ...args, mode: 'forward', subject: 'Fwd: Where is my order? [#T-0000THRD]', html: ' ' } });
    expect(forward).toMatchObject({ inReplyTo: null, references: [], html: null, subject: 'Fwd: Where is my order? [#T-0000THRD]' });
  });
});

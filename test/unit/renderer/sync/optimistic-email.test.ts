import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../../shared/protocol/mutations';
import { applyOptimistic, targetOf } from '../../../../renderer/sync/optimistic';
import type { Interaction } from '../../../../renderer/db/rows';

const mutation: Mutation = {
  id: '01JD0000000000000000000MUT',
  name: 'email.send',
  createdAt: 5,
  args: {
    emailId: '01JD00000000000000000MAIL1',
    threadId: '01JD00000000000000000THRD1',
    customerId: '01JD00000000000000000CUST1',
    parentId: '01JD00000000000000000PRNT1',
    mode: 'reply',
    to: [{ address: 'li.lei@example.cn', name: 'Li Lei' }],
    cc: [{ address: 'boss@example.cn', name: '' }],
    bcc: [],
    subject: 'Re: Order',
    html: '<p>Soon</p>',
    text: 'Soon',
    attachments: [{ attachmentId: '01JD00000000000000000FILE1', name: 'a.pdf' }],
    occurredAt: 5,
  },
};

describe('email.send on the desktop', () => {
  it('puts the mail on the customer’s timeline at once, under its own id', () => {
    expect(targetOf(mutation)).toEqual({ table: 'interactions', key: '01JD00000000000000000MAIL1' });
    expect(applyOptimistic(mutation, null, '01JD00000000000000000AGNT1')).toMatchObject({
      id: '01JD00000000000000000MAIL1',
      customerId: '01JD00000000000000000CUST1',
      channel: 'email',
      direction: 'outbound',
      to: 'li.lei@example.cn',
      cc: ['boss@example.cn'],
      subject: 'Re: Order',
      body: 'Soon',
      attachmentIds: ['01JD00000000000000000FILE1'],
      agentId: '01JD00000000000000000AGNT1',
    });
  });

  it('yields to the hub’s row once it is there', () => {
    const filed = { id: '01JD00000000000000000MAIL1', channel: 'email', subject: 'Re: Order [#T-0000THRD]' } as Interaction;
    expect(applyOptimistic(mutation, filed, null)).toBe(filed);
  });
});

import { describe, expect, it } from 'vitest';
import { subjectWithToken, ticketRefIn, ticketRefOf, ticketToken } from '../../../../shared/domain/email';
import { InteractionSchema } from '../../../../shared/domain/interaction';

describe('ticket tokens in subjects', () => {
  it('are made from the thread id and read back', () => {
    const ref = ticketRefOf('01JDQ4Z00000000000ABCD1234');
    expect(ref).toBe('T-ABCD1234');
    expect(ticketRefIn(`Re: your order ${ticketToken(ref)}`)).toBe(ref);
    expect(ticketRefIn('Re: your order [#t-abcd1234]')).toBe('T-ABCD1234');
  });

  it('are added once, never twice down a reply chain', () => {
    const once = subjectWithToken('Order 1042', 'T-ABCD1234');
    expect(once).toBe('Order 1042 [#T-ABCD1234]');
    expect(subjectWithToken(`Re: ${once}`, 'T-ABCD1234')).toBe(`Re: ${once}`);
  });

  it('are not found in ordinary subjects', () => {
    for (const subject of ['Order #1234', '[#T-123]', '[#X-ABCD1234]', 'T-ABCD1234 without brackets']) expect(ticketRefIn(subject), subject).toBeNull();
  });
});

describe('email timeline items', () => {
  it('written before issue 5 (no thread fields) still parse', () => {
    const old = { id: '01JDQ4Z0000000000000000001', customerId: '01JDQ4Z0000000000000000002', occurredAt: 1, agentId: null, channel: 'email', direction: 'inbound', from: 'a@b.c', to: 'd@e.f', subject: 's', body: 'b', attachments: [] };
    expect(InteractionSchema.safeParse(old).success).toBe(true);
    expect(InteractionSchema.safeParse({ ...old, threadId: '01JDQ4Z0000000000000000003', messageId: 'x@y', cc: [], html: null, attachmentIds: [], autoKind: 'bounce' }).success).toBe(true);
  });
});

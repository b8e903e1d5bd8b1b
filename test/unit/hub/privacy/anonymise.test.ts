import { describe, expect, it } from 'vitest';
import { anonymiseComplaint, anonymiseCustomer, anonymiseFollowUp, anonymiseInteraction, blankPersonal } from '../../../../hub/privacy/anonymise';
import type { Complaint } from '../../../../shared/complaints/complaint';
import type { FollowUp } from '../../../../shared/follow-ups/follow-up';
import { type Interaction, InteractionSchema } from '../../../../shared/domain/interaction';
import { ComplaintSchema } from '../../../../shared/complaints/complaint';
import { FollowUpSchema } from '../../../../shared/follow-ups/follow-up';

const ID = '01HG4MD9TJ98PX29Q09S89QNBQ';
const CUSTOMER = '01HG4MD9TJCWFMWGGMN8BPGETA';
const base = { id: ID, customerId: CUSTOMER, occurredAt: 1_700_000_000_000, agentId: null };
const SECRET = 'Wang Fang 13800001111 wang@example.com';

/** Every personal word in these fixtures carries SECRET; what an erasure leaves must not. */
const interactions: Interaction[] = [
  { ...base, channel: 'call', direction: 'inbound', from: SECRET, to: SECRET, durationSec: 65, disposition: 'resolved', callId: 'abc@host', notes: SECRET, waitSec: 4 },
  {
    ...base,
    channel: 'email',
    direction: 'inbound',
    from: SECRET,
    to: SECRET,
    subject: SECRET,
    body: SECRET,
    html: `<p>${SECRET}</p>`,
    cc: [SECRET],
    attachments: [{ name: `${SECRET}.pdf`, mimeType: 'application/pdf', size: 10 }],
    attachmentIds: [ID],
    messageId: `${SECRET}@mail`,
    threadId: ID,
  },
  { ...base, channel: 'chat', direction: 'inbound', messages: [{ from: 'customer', text: SECRET, at: 1, attachment: { name: SECRET, mimeType: 'image/png', size: 1, url: '/api/chat/file/x' } }] },
  { ...base, channel: 'sms', direction: 'inbound', from: SECRET, to: SECRET, text: SECRET },
  { ...base, channel: 'note', text: SECRET, mergedFrom: { customerId: ID, number: 'C1', name: SECRET } },
  { ...base, channel: 'order', orderNo: 'SO-1', amount: 12_345, currency: 'CNY', items: SECRET, profit: 300 },
  { ...base, channel: 'complaint', complaintId: ID, step: 'logged', status: 'new', text: SECRET },
  { ...base, channel: 'follow-up', followUpId: ID, kind: 'callback', outcome: 'scheduled', dueAt: 5, note: SECRET },
  { ...base, channel: 'survey', surveyId: ID, csat: 4, nps: 9, comment: SECRET, about: { kind: 'task', id: ID }, queueId: null },
  { ...base, channel: 'video', direction: 'inbound', durationSec: 30 },
];

describe('anonymiseInteraction', () => {
  it.each(interactions.map((interaction) => [interaction.channel, interaction] as const))('leaves no personal word in a %s and still passes the contract', (_channel, interaction) => {
    const after = anonymiseInteraction(interaction);
    expect(JSON.stringify(after)).not.toContain('Wang');
    expect(InteractionSchema.safeParse(after).success).toBe(true);
    expect(after).toMatchObject({ id: ID, customerId: CUSTOMER, occurredAt: base.occurredAt, channel: interaction.channel });
  });

  it('keeps the facts reports and revenue count', () => {
    expect(anonymiseInteraction(interactions[0] as Interaction)).toMatchObject({ durationSec: 65, disposition: 'resolved', callId: 'abc@host', waitSec: 4 });
    expect(anonymiseInteraction(interactions[5] as Interaction)).toMatchObject({ orderNo: 'SO-1', amount: 12_345, currency: 'CNY', profit: 300, items: '' });
    expect(anonymiseInteraction(interactions[8] as Interaction)).toMatchObject({ csat: 4, nps: 9, comment: '' });
    const chat = anonymiseInteraction(interactions[2] as Interaction);
    expect(chat.channel === 'chat' && chat.messages).toEqual([{ from: 'customer', text: '', at: 1 }]);
  });
});

describe('anonymiseCustomer', () => {
  it('names the customer by number only and tags them erased', () => {
    const customer = { id: CUSTOMER, number: 'C000042', name: SECRET, company: SECRET, tags: ['vip-watch'], tier: 'key' as const, createdAt: 1, updatedAt: 2 };
    expect(anonymiseCustomer(customer, 10)).toEqual({ ...customer, name: 'Erased customer #C000042', company: null, tags: ['erased'], updatedAt: 10 });
  });
});

describe('anonymiseComplaint and anonymiseFollowUp', () => {
  const complaint: Complaint = {
    id: ID,
    customerId: CUSTOMER,
    channel: 'email',
    category: 'delivery',
    subCategory: 'delivery.late',
    severity: 'high',
    description: SECRET,
    customerRequest: SECRET,
    linkedInteractionIds: [ID],
    orderRefs: ['SO-1'],
    ownerId: null,
    teamId: null,
    status: 'resolved',
    openedAt: 1,
    acknowledgedAt: 2,
    resolution: { note: SECRET, rootCause: 'carrier', compensation: { loyaltyPoints: 100, couponCode: null, refundNote: SECRET }, resolvedBy: ID, resolvedAt: 3 },
    closedAt: null,
    reopenCount: 0,
    pauses: [],
    updatedAt: 3,
  };

  it('keeps the category, severity and SLA clock of a complaint and drops its words', () => {
    const after = anonymiseComplaint(complaint);
    expect(JSON.stringify(after)).not.toContain('Wang');
    expect(ComplaintSchema.safeParse(after).success).toBe(true);
    expect(after).toMatchObject({ category: 'delivery', subCategory: 'delivery.late', severity: 'high', status: 'resolved', openedAt: 1, acknowledgedAt: 2 });
    expect(after.resolution?.compensation.loyaltyPoints).toBe(100);
  });

  it('drops a follow-up’s notes and the notes of its history', () => {
    const followUp: FollowUp = {
      id: ID,
      customerId: CUSTOMER,
      kind: 'callback',
      dueAt: 5,
      assigneeId: null,
      queueId: null,
      priority: 'normal',
      notes: SECRET,
      status: 'done',
      taskId: null,
      origin: 'agent',
      createdBy: null,
      createdAt: 1,
      updatedAt: 2,
      history: [{ lineId: ID, outcome: 'reached', at: 3, by: null, dueAt: 5, note: SECRET }],
    };
    expect(FollowUpSchema.safeParse(followUp).success).toBe(true);
    const after = anonymiseFollowUp(followUp, 9);
    expect(JSON.stringify(after)).not.toContain('Wang');
    expect(after.updatedAt).toBe(9);
    expect(after.history[0]).toMatchObject({ outcome: 'reached', note: '' });
    expect(FollowUpSchema.safeParse(after).success).toBe(true);
  });
});

describe('blankPersonal', () => {
  it('blanks personal keys at any depth and keeps ids, times and figures', () => {
    const stored = { conversation: { id: ID, customerId: CUSTOMER, visitorName: SECRET, visitorEmail: SECRET, startedAt: 1 }, phone: SECRET, lines: [{ text: SECRET, seq: 3 }], cc: [SECRET], subject: '' };
    expect(blankPersonal(stored)).toEqual({
      conversation: { id: ID, customerId: CUSTOMER, visitorName: '—', visitorEmail: '—', startedAt: 1 },
      phone: '—',
      lines: [{ text: '—', seq: 3 }],
      cc: [],
      subject: '',
    });
  });
});

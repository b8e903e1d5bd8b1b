import type { Customer, Tier } from '../domain/customer';
import type { Channel, Interaction, InteractionOf } from '../domain/interaction';
import { HOTLINES, SUPPORT_EMAIL } from './contact-points';
import { demoUlid } from './demo-ulid';
import {
  ANSWERED_DISPOSITIONS,
  ATTACHMENTS,
  CHAT_LINES,
  EMAIL_TOPICS,
  GREETING,
  type Locale,
  MISSED_DISPOSITIONS,
  NOTES,
  ORDER_ITEMS,
  SIGN_OFF,
  SMS_INBOUND,
  SMS_OUTBOUND,
} from './history-texts';
import type { Random } from './prng';

export type PhoneRegion = 'cn' | 'uk' | 'us';

/** What the history generator needs to know about the customer on the other end. */
export type HistoryContext = {
  customer: Customer;
  locale: Locale;
  region: PhoneRegion;
  phones: readonly string[];
  email: string | null;
  agentIds: readonly string[];
};

/** Complaints, follow-ups and surveys are made by their workflows from live contacts, never as invented history. */
type HistoryChannel = Exclude<Channel, 'complaint' | 'follow-up' | 'survey'>;

const CHANNEL_MIX: readonly (readonly [HistoryChannel, number])[] = [
  ['call', 30],
  ['email', 18],
  ['chat', 14],
  ['sms', 12],
  ['order', 12],
  ['note', 8],
  ['video', 6],
];

/** Order sizes in minor units (fen / pence / cents): bigger customers buy more, which is why they are bigger. */
const ORDER_RANGE: Record<Tier, readonly [number, number]> = {
  small: [1_000, 50_000],
  ordinary: [5_000, 200_000],
  key: [20_000, 1_000_000],
  vip: [100_000, 5_000_000],
};

const CURRENCY: Record<PhoneRegion, string> = { cn: 'CNY', uk: 'GBP', us: 'USD' };
const HOTLINE_BY_REGION: Record<PhoneRegion, string> = { cn: HOTLINES.zh, uk: HOTLINES.uk, us: HOTLINES.us };

export function demoInteraction(random: Random, context: HistoryContext, occurredAt: number): Interaction {
  let channel = random.weighted(CHANNEL_MIX);
  if (channel === 'email' && context.email === null) channel = 'call';
  const base = {
    id: demoUlid(occurredAt, random.next),
    customerId: context.customer.id,
    occurredAt,
    agentId: random.pick(context.agentIds),
  };
  switch (channel) {
    case 'call':
      return { ...base, ...call(random, context) };
    case 'email':
      return { ...base, ...email(random, context) };
    case 'chat':
      return { ...base, ...chat(random, context, occurredAt) };
    case 'sms': {
      const text = sms(random, context);
      // Most outbound texts are automated notifications that no agent sent.
      return { ...base, ...text.fields, agentId: text.automated ? null : base.agentId };
    }
    case 'video':
      return { ...base, channel: 'video', direction: random.chance(0.7) ? 'inbound' : 'outbound', durationSec: random.int(120, 1_800) };
    case 'note':
      return { ...base, channel: 'note', text: random.pick(NOTES[context.locale]) };
    case 'order':
      // Orders come from the shop, not from an agent.
      return { ...base, ...order(random, context, occurredAt), agentId: null };
  }
}

type WithoutBase<C extends Channel> = Omit<InteractionOf<C>, 'id' | 'customerId' | 'occurredAt' | 'agentId'>;

function call(random: Random, context: HistoryContext): WithoutBase<'call'> {
  const customerPhone = random.pick(context.phones);
  const hotline = HOTLINE_BY_REGION[context.region];
  const direction = random.chance(0.65) ? 'inbound' : 'outbound';
  const answered = random.chance(0.85);
  return {
    channel: 'call',
    direction,
    from: direction === 'inbound' ? customerPhone : hotline,
    to: direction === 'inbound' ? hotline : customerPhone,
    durationSec: answered ? random.int(25, 1_500) : 0,
    disposition: answered ? random.pick(ANSWERED_DISPOSITIONS) : random.pick(MISSED_DISPOSITIONS),
  };
}

function email(random: Random, context: HistoryContext): WithoutBase<'email'> {
  const topic = random.pick(EMAIL_TOPICS[context.locale]);
  const direction = random.chance(0.55) ? 'inbound' : 'outbound';
  const support = SUPPORT_EMAIL[context.locale];
  const customerAddress = context.email ?? support;
  const text = direction === 'inbound' ? topic.ask : topic.reply;
  const greeting = direction === 'inbound' ? GREETING[context.locale]('') : GREETING[context.locale](context.customer.name);
  const attachment = random.chance(0.2) ? random.pick(ATTACHMENTS) : null;
  return {
    channel: 'email',
    direction,
    from: direction === 'inbound' ? customerAddress : support,
    to: direction === 'inbound' ? support : customerAddress,
    subject: direction === 'inbound' ? topic.subject : `Re: ${topic.subject}`,
    body: `${greeting}\n\n${text}\n\n${direction === 'inbound' ? context.customer.name : SIGN_OFF[context.locale]}`,
    attachments: attachment ? [{ ...attachment, size: random.int(20_000, 2_000_000) }] : [],
  };
}

function chat(random: Random, context: HistoryContext, startedAt: number): WithoutBase<'chat'> {
  const lines = CHAT_LINES[context.locale];
  const direction = random.chance(0.85) ? 'inbound' : 'outbound';
  const count = random.int(2, 8);
  const messages: InteractionOf<'chat'>['messages'] = [];
  let at = startedAt;
  for (let i = 0; i < count; i += 1) {
    const customerTurn = (i % 2 === 0) === (direction === 'inbound');
    messages.push({
      from: customerTurn ? 'customer' : 'agent',
      text: random.pick(customerTurn ? lines.customer : lines.agent),
      at,
    });
    at += random.int(8, 90) * 1_000;
  }
  return { channel: 'chat', direction, messages };
}

function sms(random: Random, context: HistoryContext): { fields: WithoutBase<'sms'>; automated: boolean } {
  const customerPhone = random.pick(context.phones);
  const hotline = HOTLINE_BY_REGION[context.region];
  if (random.chance(0.6)) {
    const text = random.pick(SMS_OUTBOUND[context.locale]);
    return { fields: { channel: 'sms', direction: 'outbound', from: hotline, to: customerPhone, text }, automated: random.chance(0.7) };
  }
  const text = random.pick(SMS_INBOUND[context.locale]);
  return { fields: { channel: 'sms', direction: 'inbound', from: customerPhone, to: hotline, text }, automated: false };
}

function order(random: Random, context: HistoryContext, occurredAt: number): WithoutBase<'order'> {
  const [min, max] = ORDER_RANGE[context.customer.tier];
  const day = new Date(occurredAt).toISOString().slice(0, 10).replaceAll('-', '');
  const itemCount = random.int(1, 3);
  const items: string[] = [];
  for (let i = 0; i < itemCount; i += 1) items.push(`${random.pick(ORDER_ITEMS[context.locale])} ×${random.int(1, 5)}`);
  return {
    channel: 'order',
    orderNo: `SO${day}${String(random.int(0, 99_999)).padStart(5, '0')}`,
    amount: random.int(min, max),
    currency: CURRENCY[context.region],
    items: items.join(context.locale === 'zh' ? '，' : ', '),
  };
}

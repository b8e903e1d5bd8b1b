import type { Customer, Identity, IdentityKind, Tier } from '../domain/customer';
import type { Interaction } from '../domain/interaction';
import {
  chineseLandline,
  chineseMobile,
  personalEmail,
  ukMobile,
  usPhone,
  visitorId,
} from './contact-points';
import { demoUlid } from './demo-ulid';
import { TAGS } from './history-texts';
import { demoInteraction, type HistoryContext, type PhoneRegion } from './interactions';
import { chineseCompany, chinesePerson, englishCompany, englishPerson, type PersonName } from './names';
import { createRandom, type Random } from './prng';

export const DAY_MS = 86_400_000;
/** How far back demo history reaches. */
export const HISTORY_SPAN_MS = 3 * 365 * DAY_MS;

export type DemoOptions = {
  seed: number;
  customers: number;
  /** Demo history ends here (epoch ms); pass the clock once so the whole demo agrees. */
  now: number;
  /** At most this many interactions per customer (bigger tiers get more). Default 30. Ignored with `totalInteractions`. */
  maxInteractionsPerCustomer?: number;
  /** Exactly this many interactions in all, spread evenly (benchmarks want exact sizes). */
  totalInteractions?: number;
  /** History length of customer C000001, the long-timeline demo. Default 10,000; 0 makes it ordinary. */
  heavyCustomerInteractions?: number;
  /** Who handled the demo contacts; defaults to the demo agents. */
  agentIds?: readonly string[];
  /**
   * Index of the first customer (0 → C000001). Seeding more demo customers into
   * a store that has some continues from here, so numbers, phones and emails
   * stay unique. Only index 0 can be the heavy customer.
   */
  firstIndex?: number;
};

export type DemoCustomer = { customer: Customer; identities: Identity[]; interactions: Interaction[] };

export type ResolvedDemoOptions = Required<Omit<DemoOptions, 'totalInteractions'>> & { totalInteractions: number | null };

/** The pyramid the CRM practice describes: 1% VIP, 19% key, 30% ordinary, 50% small. */
const TIER_SHARES: readonly (readonly [Tier, number])[] = [
  ['vip', 1],
  ['key', 19],
  ['ordinary', 30],
  ['small', 50],
];

/** Share of `maxInteractionsPerCustomer` each tier gets: bigger customers are in touch more often. */
const HISTORY_FACTOR: Record<Tier, readonly [number, number]> = {
  small: [0, 0.4],
  ordinary: [0.1, 0.7],
  key: [0.3, 1],
  vip: [0.6, 1],
};

/** C000001, the long-timeline demo: always the same recognisable VIP. */
const HEAVY_PERSON: PersonName = { display: '张伟', ascii: ['zhang', 'wei'] };

export const customerNumber = (index: number): string => `C${String(index + 1).padStart(6, '0')}`;

export function demoCustomer(index: number, options: ResolvedDemoOptions): DemoCustomer {
  const random = createRandom(options.seed, index);
  const heavy = index === 0 && options.heavyCustomerInteractions > 0;
  const locale = index === 0 || random.chance(0.5) ? 'zh' : 'en';
  const region: PhoneRegion = locale === 'zh' ? 'cn' : random.chance(0.5) ? 'uk' : 'us';
  const person = heavy ? HEAVY_PERSON : locale === 'zh' ? chinesePerson(random) : englishPerson(random);
  const hasCompany = heavy || random.chance(0.3);
  const company = hasCompany ? (locale === 'zh' ? chineseCompany(random) : englishCompany(random)) : null;
  const tier = heavy ? 'vip' : random.weighted(TIER_SHARES);
  const createdAt = heavy ? options.now - HISTORY_SPAN_MS : options.now - Math.floor(HISTORY_SPAN_MS * random.next());
  const tagCount = random.int(0, 3);
  const tags = [...new Set(Array.from({ length: tagCount }, () => random.pick(TAGS[locale])))];
  const customer: Customer = {
    id: demoUlid(createdAt, random.next),
    number: customerNumber(index),
    name: person.display,
    company: heavy ? '深圳华信科技有限公司' : company,
    tags,
    tier,
    createdAt,
    updatedAt: createdAt + Math.floor((options.now - createdAt) * random.next() * 0.5),
  };

  const phones = demoPhones(random, index, region, hasCompany);
  const email = heavy || random.chance(0.7) ? personalEmail(random, person, locale, index) : null;
  const identity = (kind: IdentityKind, value: string): Identity => ({
    id: demoUlid(createdAt, random.next),
    customerId: customer.id,
    kind,
    value,
  });
  const identities = phones.map((phone) => identity('phone', phone));
  if (email) identities.push(identity('email', email));
  if (heavy || random.chance(0.15)) identities.push(identity('visitor', visitorId(random, index)));

  const context: HistoryContext = { customer, locale, region, phones, email, agentIds: options.agentIds };
  const count = historyLength(index, tier, random, options);
  const interactions: Interaction[] = [];
  for (let i = 0; i < count; i += 1) interactions.push(demoInteraction(random, context, recentWeightedTime(random, createdAt, options.now)));
  interactions.sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1));
  return { customer, identities, interactions };
}

function demoPhones(random: Random, index: number, region: PhoneRegion, hasCompany: boolean): string[] {
  if (region === 'cn') {
    const phones = [chineseMobile(random, index, 0)];
    if (random.chance(0.35)) phones.push(chineseMobile(random, index, 1));
    if (hasCompany && random.chance(0.5)) phones.push(chineseLandline(random, index, 2));
    return phones;
  }
  const phone = region === 'uk' ? ukMobile : usPhone;
  const phones = [phone(random, index, 0)];
  if (random.chance(0.3)) phones.push(phone(random, index, 1));
  return phones;
}

/** Contact grows over time: recent months are busier than three years ago. */
function recentWeightedTime(random: Random, from: number, to: number): number {
  return to - Math.floor((to - from) * random.next() ** 1.3);
}

function historyLength(index: number, tier: Tier, random: Random, options: ResolvedDemoOptions): number {
  const heavy = options.heavyCustomerInteractions > 0;
  if (heavy && index === 0) return options.heavyCustomerInteractions;
  if (options.totalInteractions !== null) {
    // An exact total for benchmarks: the rest is dealt out evenly, the remainder to the first customers.
    const includesHeavy = heavy && options.firstIndex === 0;
    const others = options.customers - (includesHeavy ? 1 : 0);
    const rest = Math.max(0, options.totalInteractions - (includesHeavy ? options.heavyCustomerInteractions : 0));
    const position = index - options.firstIndex - (includesHeavy ? 1 : 0);
    return Math.floor(rest / others) + (position < rest % others ? 1 : 0);
  }
  const [low, high] = HISTORY_FACTOR[tier];
  const max = options.maxInteractionsPerCustomer;
  return random.int(Math.floor(max * low), Math.floor(max * high));
}

import type { PersonName } from './names';
import type { Random } from './prng';

/**
 * Demo phone numbers and addresses must be unique across every customer
 * (identities are unique by kind+value), even for a million customers. Random
 * digits would collide, so the digits come from a bijection of the customer's
 * slot and only the prefix is random.
 */
const SLOTS_PER_CUSTOMER = 4;

const slotOf = (customerIndex: number, phoneIndex: number): number => customerIndex * SLOTS_PER_CUSTOMER + phoneIndex;

/**
 * Multiplying by a number coprime with the modulus (plus an offset) permutes
 * [0, modulus), so distinct slots stay distinct while the digits look random.
 */
const scramble = (slot: number, multiplier: number, modulus: number): number => (slot * multiplier + 4_630_171) % modulus;

const CN_MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156',
  '157', '158', '159', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199',
] as const;
const CN_CITY_CODES = ['10', '21', '20', '755', '571', '28'] as const;
const US_AREA_CODES = ['212', '646', '415', '312', '617', '206', '512', '303'] as const;

export function chineseMobile(random: Random, customerIndex: number, phoneIndex: number): string {
  const digits = scramble(slotOf(customerIndex, phoneIndex), 73_939_133, 100_000_000);
  return `+86${random.pick(CN_MOBILE_PREFIXES)}${String(digits).padStart(8, '0')}`;
}

/** A company switchboard line, e.g. +86 10 xxxx xxxx; 7–8 local digits depending on the city. */
export function chineseLandline(random: Random, customerIndex: number, phoneIndex: number): string {
  const city = random.pick(CN_CITY_CODES);
  const localDigits = city.length === 2 ? 8 : 7;
  const modulus = 10 ** (localDigits - 1) * 8;
  const digits = 2 * 10 ** (localDigits - 1) + scramble(slotOf(customerIndex, phoneIndex), 1_234_567, modulus);
  return `+86${city}${digits}`;
}

export function ukMobile(random: Random, customerIndex: number, phoneIndex: number): string {
  const digits = scramble(slotOf(customerIndex, phoneIndex), 73_939_133, 100_000_000);
  return `+447${random.int(4, 9)}${String(digits).padStart(8, '0')}`;
}

export function usPhone(random: Random, customerIndex: number, phoneIndex: number): string {
  // The exchange may not start with 0 or 1, hence 2,000,000 + [0, 8,000,000).
  const digits = 2_000_000 + scramble(slotOf(customerIndex, phoneIndex), 1_234_567, 8_000_000);
  return `+1${random.pick(US_AREA_CODES)}${digits}`;
}

const CN_MAIL_DOMAINS = ['163.com', 'qq.com', '126.com', 'sina.com', 'foxmail.com'] as const;
const EN_MAIL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.co.uk', 'hotmail.com', 'icloud.com'] as const;

/** Letters then the customer's index: the digits alone make the address unique. */
export function personalEmail(random: Random, person: PersonName, locale: 'zh' | 'en', customerIndex: number): string {
  const [a, b] = person.ascii;
  const local = random.pick([`${a}.${b}`, `${a}${b}`, `${b}.${a}`, `${a.charAt(0)}${b}`]);
  const domain = random.pick(locale === 'zh' ? CN_MAIL_DOMAINS : EN_MAIL_DOMAINS);
  return `${local}${customerIndex + 1}@${domain}`;
}

/** The id the web chat widget gives a returning visitor. */
export function visitorId(random: Random, customerIndex: number): string {
  return `visitor-${(customerIndex + 1).toString(36)}-${random.int(0, 36 ** 4 - 1).toString(36).padStart(4, '0')}`;
}

/** The company's own lines, which appear on the other end of every call and SMS. */
export const HOTLINES = { zh: '+862160881234', uk: '+442079460018', us: '+12125550100' } as const;
export const SUPPORT_EMAIL = { zh: 'service@switchboard-demo.cn', en: 'support@switchboard-demo.com' } as const;

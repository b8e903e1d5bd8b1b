import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { OutboundRefusal } from '../../shared/protocol/voice';

/**
 * Which numbers an agent may dial out to through the carrier's trunk. A
 * trunk bills us for every minute, so the default is the narrowest useful
 * one: numbers in the hub's own region, no premium-rate lines. Anything wider
 * is a setting (SIP_OUTBOUND_ALLOW). Pure.
 */
export type DestinationRule = {
  /** Any country at all. */
  international: boolean;
  /** Premium-rate lines (the caller pays extra per minute): the classic toll-fraud target. */
  premium: boolean;
  /** Countries allowed besides the home region when `international` is off. */
  regions: readonly CountryCode[];
};

export const HOME_ONLY: DestinationRule = { international: false, premium: false, regions: [] };

export type Destination = { ok: true; e164: string } | { ok: false; refusal: Extract<OutboundRefusal, 'not-a-number' | 'destination-not-allowed'>; reason: string };

/**
 * The dialled user part as a number to send to the carrier: normalised to
 * E.164 with the home region (an agent dials "020 8888 6666" as they would
 * on a desk phone), valid by the full numbering metadata (the `min` set the
 * desktop uses cannot tell a premium line), and inside the rule.
 */
export function checkDestination(dialled: string, home: CountryCode, rule: DestinationRule): Destination {
  const digits = dialled.replace(/[\s().-]/g, '');
  // 00 is the international prefix almost everywhere outside North America: "0044…" means "+44…".
  const normalised = digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
  const parsed = /^\+?\d{3,17}$/.test(normalised) ? parsePhoneNumberFromString(normalised, home) : undefined;
  if (!parsed?.isValid()) return { ok: false, refusal: 'not-a-number', reason: `${dialled} is not a number that can be dialled` };
  const country = parsed.country;
  const abroad = country !== home;
  if (abroad && !rule.international && !(country && rule.regions.includes(country))) {
    return { ok: false, refusal: 'destination-not-allowed', reason: `calls to ${country ?? `+${parsed.countryCallingCode}`} are not allowed` };
  }
  if (parsed.getType() === 'PREMIUM_RATE' && !rule.premium) {
    return { ok: false, refusal: 'destination-not-allowed', reason: 'calls to premium-rate numbers are not allowed' };
  }
  return { ok: true, e164: parsed.number };
}

/** Whether a dialled user part is meant as a phone number (digits, an optional +), not a queue or a name. */
export const looksDialled = (dialled: string): boolean => /^\+?[0-9][0-9.-]*$/.test(dialled);

/**
 * SIP_OUTBOUND_ALLOW: comma-separated `international`, `premium` and
 * two-letter regions (`HK,MO`). Empty: the home region only. Answers the
 * rule, or the tokens it does not know.
 */
export function parseDestinationRule(text: string, isRegion: (code: string) => code is CountryCode): { ok: true; rule: DestinationRule } | { ok: false; unknown: string[] } {
  const tokens = text
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
  const regions: CountryCode[] = [];
  const unknown: string[] = [];
  let international = false;
  let premium = false;
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (lower === 'international') international = true;
    else if (lower === 'premium') premium = true;
    else {
      const upper = token.toUpperCase();
      if (isRegion(upper)) regions.push(upper);
      else unknown.push(token);
    }
  }
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, rule: { international, premium, regions } };
}

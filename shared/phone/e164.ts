import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Normalise a phone number as a person types it ("138 1234 5678",
 * "(020) 7946 0018", "+86-10-8888-6666") to E.164, or null when it is not a
 * plausible number. `defaultRegion` is a setting: a Chinese site dials national numbers.
 */
export function toE164(input: string, defaultRegion: CountryCode = 'CN'): string | null {
  const trimmed = input.trim();
  if (!/\d/.test(trimmed) || /[a-z]/i.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, defaultRegion);
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}

/** True when a search box entry is more likely a phone number than a name or number. */
export function looksLikePhone(input: string): boolean {
  const digits = input.replace(/\D/g, '');
  return digits.length >= 3 && /^[+\d\s().-]+$/.test(input.trim());
}

/** Digits only, for prefix search while the number is still being typed. */
export const phoneDigits = (input: string): string => input.replace(/\D/g, '');

/** A readable form of an E.164 number for the screen (international format). */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}

export type { CountryCode };

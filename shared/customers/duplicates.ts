import type { CountryCode } from 'libphonenumber-js/min';
import type { IdentityKind } from '../domain/customer';
import { toE164 } from '../phone/e164';

/**
 * Likely duplicate customers, for the agent to confirm and merge. Pure: the
 * desktop feeds it the profile open now and the customers its cache found
 * nearby. Identity values are unique in the store, so "same phone" and "same
 * email" here mean the same number or mailbox written differently (a
 * national number beside its E.164 form, `ann+shop@` beside `ann@`, Gmail's
 * ignored dots) — records made before a value was normalised, or typed in a
 * profile by hand.
 */

export type DuplicateCandidate = {
  id: string;
  number: string;
  name: string;
  identities: readonly { kind: IdentityKind; value: string }[];
};

export type DuplicateReason =
  | { kind: 'same-phone'; value: string }
  | { kind: 'same-email'; value: string }
  | { kind: 'same-name' }
  | { kind: 'similar-name'; distance: number };

export type DuplicateSuggestion = { customerId: string; number: string; name: string; score: number; reasons: DuplicateReason[] };

/** How strongly each reason alone says "the same person": a shared phone or mailbox nearly proves it, a name only hints. */
const WEIGHT: Record<DuplicateReason['kind'], number> = { 'same-phone': 0.9, 'same-email': 0.9, 'same-name': 0.5, 'similar-name': 0.3 };

/** Below this, a suggestion is noise: a similar name alone is still shown, so the threshold only drops nothing-in-common. */
const MIN_SCORE = 0.3;

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** One mailbox however it is written: case, a `+tag` in the local part, and the dots Gmail ignores. */
export function mailboxKey(address: string): string | null {
  const value = address.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  let local = value.slice(0, at);
  let domain = value.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}

/** One phone however it is written: E.164 in the site's region, else its digits (an imported number libphonenumber rejects). */
export function phoneKey(value: string, region: CountryCode): string | null {
  const e164 = toE164(value, region);
  if (e164) return e164;
  const digits = value.replace(/\D/g, '');
  return digits.length >= 6 ? digits : null;
}

const COMBINING_MARKS = /\p{M}+/gu;
const NOT_LETTERS = /[^\p{L}]+/gu;
const HAN_OR_KANA_OR_HANGUL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A name's letters only, case-, width- and accent-free: "Wáng  Fāng" → "wangfang", "王 芳" → "王芳". */
export function nameKey(name: string): string {
  return name.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFKC').toLowerCase().replace(NOT_LETTERS, '');
}

/** The name's words in order-free form, so "Fang Wang" and "Wang, Fang" agree. */
const wordsKey = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .split(NOT_LETTERS)
    .filter(Boolean)
    .sort()
    .join('');

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/**
 * A name reason, or null. Chinese, Japanese and Korean names are short and one
 * character apart is usually another person (王芳 / 王方), so they must match
 * exactly once spaces are gone; Latin names allow a typo or two by length.
 */
export function nameReason(a: string, b: string): DuplicateReason | null {
  const left = nameKey(a);
  const right = nameKey(b);
  if (left.length < 2 || right.length < 2) return null;
  if (left === right || wordsKey(a) === wordsKey(b)) return { kind: 'same-name' };
  if (HAN_OR_KANA_OR_HANGUL.test(left) || HAN_OR_KANA_OR_HANGUL.test(right)) return null;
  const shorter = Math.min(left.length, right.length);
  const limit = shorter >= 10 ? 2 : shorter >= 5 ? 1 : 0;
  if (limit === 0) return null;
  const distance = editDistance(left, right, limit);
  return distance <= limit ? { kind: 'similar-name', distance } : null;
}

function keysOf(customer: DuplicateCandidate, region: CountryCode): { phones: Map<string, string>; emails: Map<string, string> } {
  const phones = new Map<string, string>();
  const emails = new Map<string, string>();
  for (const identity of customer.identities) {
    const key = identity.kind === 'phone' ? phoneKey(identity.value, region) : identity.kind === 'email' ? mailboxKey(identity.value) : null;
    if (key) (identity.kind === 'phone' ? phones : emails).set(key, identity.value);
  }
  return { phones, emails };
}

/** The reasons' weights combined as independent evidence (1 − Π(1 − w)), to two places. */
export const scoreOf = (reasons: readonly DuplicateReason[]): number =>
  Math.round((1 - reasons.reduce((rest, reason) => rest * (1 - WEIGHT[reason.kind]), 1)) * 100) / 100;

/** The candidates that look like `subject`, best first; the subject itself and unrelated customers are left out. */
export function findDuplicates(subject: DuplicateCandidate, candidates: readonly DuplicateCandidate[], region: CountryCode): DuplicateSuggestion[] {
  const mine = keysOf(subject, region);
  const suggestions: DuplicateSuggestion[] = [];
  for (const candidate of candidates) {
    if (candidate.id === subject.id) continue;
    const theirs = keysOf(candidate, region);
    const reasons: DuplicateReason[] = [];
    for (const [key, value] of theirs.phones) if (mine.phones.has(key)) reasons.push({ kind: 'same-phone', value });
    for (const [key, value] of theirs.emails) if (mine.emails.has(key)) reasons.push({ kind: 'same-email', value });
    const byName = nameReason(subject.name, candidate.name);
    if (byName) reasons.push(byName);
    const score = scoreOf(reasons);
    if (reasons.length > 0 && score >= MIN_SCORE) {
      suggestions.push({ customerId: candidate.id, number: candidate.number, name: candidate.name, score, reasons });
    }
  }
  return suggestions.sort((a, b) => b.score - a.score || a.number.localeCompare(b.number));
}

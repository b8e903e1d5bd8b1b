import { type CountryCode, getCountryCallingCode } from 'libphonenumber-js/min';
import { looksLikePhone, phoneDigits, toE164 } from '../../shared/phone/e164';
import { normaliseText, splitWords } from './search-terms';

/**
 * What to ask the indexes for one search box entry. Pure, so the rules for
 * "what counts as a phone / number / email" are tested without a database.
 */
export type SearchPlan = {
  /** Normalised words; a customer must match every one (as a prefix of one of its terms). */
  tokens: string[];
  /** The most selective token, looked up as a prefix on the `*terms` index. */
  termPrefix: string | null;
  /**
   * Several words typed in name order ("oliver smi"), looked up as a prefix of
   * the whole-name term: a common first word alone would fill the capped
   * look-up with other Olivers before reaching the Smiths.
   */
  phrasePrefix: string | null;
  /** Exact E.164 when the entry is a complete number. */
  phoneExact: string | null;
  /** E.164 prefixes for a number still being typed, in the forms people type it. */
  phonePrefixes: string[];
  /** Lower-case prefix on email identities. */
  emailPrefix: string | null;
};

export const EMPTY_PLAN: SearchPlan = { tokens: [], termPrefix: null, phrasePrefix: null, phoneExact: null, phonePrefixes: [], emailPrefix: null };

/** Fewer digits than this match too many numbers to be worth a look-up. */
const MIN_PHONE_DIGITS = 3;

export function phonePrefixesFor(input: string, region: CountryCode): string[] {
  const digits = phoneDigits(input);
  if (digits.length < MIN_PHONE_DIGITS || !looksLikePhone(input)) return [];
  const trimmed = input.trim();
  if (trimmed.startsWith('+')) return [`+${digits}`];
  // "00" is the international prefix in China and most of Europe and Asia.
  if (digits.startsWith('00')) return digits.length > 2 ? [`+${digits.slice(2)}`] : [];
  const prefixes = new Set<string>();
  // A national number, with or without its trunk "0" ("010 8888 6666" → +86 10 8888 6666).
  const national = digits.startsWith('0') ? digits.slice(1) : digits;
  if (national.length > 0) prefixes.add(`+${getCountryCallingCode(region)}${national}`);
  // An international number typed without the "+" ("86 138…", "44 20 …").
  if (!digits.startsWith('0') && digits.length >= 5) prefixes.add(`+${digits}`);
  return [...prefixes];
}

export function buildSearchPlan(input: string, region: CountryCode): SearchPlan {
  const text = normaliseText(input);
  if (!text) return EMPTY_PLAN;
  const tokens = splitWords(text);
  const numericTokens = tokens.map((token) => (/^\d+$/.test(token) ? token.replace(/^0+(?=\d)/, '') : token));
  const termPrefix = numericTokens.reduce<string | null>(
    (best, token) => (best === null || token.length > best.length ? token : best),
    null,
  );
  const singleWord = !/\s/.test(input.trim());
  const emailCandidate = input.trim().toLowerCase();
  return {
    tokens: numericTokens,
    termPrefix,
    phrasePrefix: tokens.length > 1 ? text.replace(/\s+/g, ' ') : null,
    phoneExact: looksLikePhone(input) ? toE164(input, region) : null,
    phonePrefixes: phonePrefixesFor(input, region),
    emailPrefix: singleWord && emailCandidate.length >= 2 && !/^\+/.test(emailCandidate) ? emailCandidate : null,
  };
}

/** True when every token is a prefix of some term — the filter behind a multi-word search. */
export function matchesAllTokens(terms: readonly string[], tokens: readonly string[]): boolean {
  return tokens.every((token) => terms.some((term) => term.startsWith(token)));
}

export type MatchKind = 'phone' | 'email' | 'number' | 'name';

export type SearchHit<C> = {
  customer: C;
  match: MatchKind;
  /** The identity value that matched (phone or email), shown in the result row. */
  matched: string | null;
  exact: boolean;
};

const KIND_RANK: Record<MatchKind, number> = { phone: 0, number: 1, email: 2, name: 3 };

/** Exact matches first (a full phone number, a full customer number), then by kind, then by name. */
export function rankHits<C extends { name: string }>(hits: SearchHit<C>[]): SearchHit<C>[] {
  return [...hits].sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      KIND_RANK[a.match] - KIND_RANK[b.match] ||
      a.customer.name.localeCompare(b.customer.name),
  );
}

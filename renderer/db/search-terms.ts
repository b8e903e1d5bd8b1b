/**
 * Search terms: what the multiEntry `*terms` index on customers holds. Built
 * for every cached customer during sync, so it must stay cheap — a few string
 * operations per row, no parsing libraries.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const WORD_SEPARATORS = /[\s,.;:/\\|_'’"()[\]{}·・-]+/u;

/**
 * Case-, width- and accent-insensitive form: "ＷＡＮＧ", "Wang" and "wáng" all
 * become "wang". Chinese characters pass through unchanged.
 */
export function normaliseText(input: string): string {
  const lowered = input.trim().toLowerCase();
  // Plain ASCII (most names and numbers) needs no Unicode work.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the ASCII test itself
  if (/^[\x00-\x7f]*$/.test(lowered)) return lowered;
  return lowered.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFKC');
}

export function splitWords(normalised: string): string[] {
  return normalised.split(WORD_SEPARATORS).filter((word) => word.length > 0);
}

/**
 * "C000123" is read out as "one two three" as often as in full, so the number
 * is indexed both ways.
 */
export function numberTerms(number: string): string[] {
  const full = normaliseText(number);
  const digits = /^[a-z]*0*(\d+)$/.exec(full)?.[1];
  return digits && digits !== full ? [full, digits] : [full];
}

/** Full name, each name word, and the customer number — deduplicated. */
export function customerTerms(customer: { name: string; number: string }): string[] {
  const name = normaliseText(customer.name);
  const terms = new Set<string>();
  if (name) terms.add(name);
  const words = splitWords(name);
  if (words.length > 1) for (const word of words) terms.add(word);
  for (const term of numberTerms(customer.number)) terms.add(term);
  return [...terms];
}

export function withTerms<C extends { name: string; number: string }>(customer: C): C & { terms: string[] } {
  return { ...customer, terms: customerTerms(customer) };
}

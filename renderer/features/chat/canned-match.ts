import type { CannedResponse } from '../../../shared/domain/chat';

/** The `/word` being typed at the caret: where it starts and ends in the text, and the word without its slash. */
export type CannedToken = { start: number; end: number; query: string };

const SHOWN = 8;

/**
 * A slash opens the suggestions only at the start of the text or after
 * whitespace, so "and/or" or a URL never does; the token runs from the slash
 * to the caret and may not contain whitespace.
 */
export function cannedToken(text: string, caret: number): CannedToken | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)\/([^\s/]*)$/u.exec(before);
  if (!match) return null;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, end: caret, query };
}

/**
 * Responses for the typed word, best first: an exact shortcut, then
 * shortcuts that start with it, then titles that contain it. Within a rank
 * my own come before shared ones (I wrote them for how I work), then A–Z.
 */
export function matchCanned(responses: readonly CannedResponse[], query: string, limit = SHOWN): CannedResponse[] {
  const q = query.toLocaleLowerCase();
  const rank = (response: CannedResponse): number => {
    const shortcut = response.shortcut.toLocaleLowerCase();
    if (shortcut === q) return 0;
    if (shortcut.startsWith(q)) return 1;
    if (response.title.toLocaleLowerCase().includes(q)) return 2;
    return -1;
  };
  return responses
    .map((response) => ({ response, rank: rank(response) }))
    .filter((candidate) => candidate.rank >= 0)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        Number(a.response.ownerId === null) - Number(b.response.ownerId === null) ||
        a.response.shortcut.localeCompare(b.response.shortcut),
    )
    .slice(0, limit)
    .map((candidate) => candidate.response);
}

/** The text with the token replaced by the response, and where the caret goes (just after it). */
export function insertCanned(text: string, token: CannedToken, response: Pick<CannedResponse, 'text'>): { text: string; caret: number } {
  const inserted = text.slice(0, token.start) + response.text + text.slice(token.end);
  return { text: inserted, caret: token.start + response.text.length };
}

/** ↑/↓ move through the list and wrap around, as in every completion menu. */
export const moveChoice = (index: number, by: 1 | -1, count: number): number => (count === 0 ? 0 : (index + by + count) % count);

/**
 * The headers that keep a reply in the customer's conversation (RFC 5322
 * §3.6.4): In-Reply-To names the mail answered; References is its References
 * plus its own Message-ID. Pure, so hub and tests agree on every byte.
 */

/**
 * Long chains are trimmed the way mail clients do (RFC 5322 leaves it open):
 * the first id (the thread's root) and the newest ones stay, so a client
 * threading by root or by parent still finds the conversation.
 */
export const REFERENCES_KEPT = 20;

export type Parent = { messageId: string; references: readonly string[] };

export function referencesFor(parent: Parent): string[] {
  const chain = [...new Set([...parent.references, parent.messageId].filter((id) => id !== ''))];
  if (chain.length <= REFERENCES_KEPT) return chain;
  return [chain[0] as string, ...chain.slice(chain.length - (REFERENCES_KEPT - 1))];
}

/** A Message-ID we mint: the mail's own ULID at the domain of the mailbox it leaves from. */
export function ownMessageId(id: string, mailbox: string): string {
  const domain = mailbox.slice(mailbox.lastIndexOf('@') + 1).trim().toLowerCase();
  return `${id.toLowerCase()}@${domain === '' ? 'localhost' : domain}`;
}

/** `<id>` as the header carries it; ids are stored without the angle brackets. */
export const angleId = (id: string): string => `<${id}>`;

/** The References header: each id in angle brackets, oldest first. */
export const referencesHeader = (ids: readonly string[]): string => ids.map(angleId).join(' ');

export type ComposeMode = 'reply' | 'reply-all' | 'forward';

/** Prefixes mail clients put on replies and forwards, English and Chinese, so none is added twice. */
const REPLY_PREFIX = /^\s*(re|回复|回覆|答复|答覆)\s*[:：]\s*/i;
const FORWARD_PREFIX = /^\s*(fwd?|转发|轉寄|转寄)\s*[:：]\s*/i;

/** `Re: …` or `Fwd: …`, never `Re: Re: …`. */
export function composeSubject(subject: string, mode: ComposeMode): string {
  const trimmed = subject.trim();
  if (mode === 'forward') return FORWARD_PREFIX.test(trimmed) ? trimmed : `Fwd: ${trimmed}`;
  return REPLY_PREFIX.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

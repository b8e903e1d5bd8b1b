import type { EmailAddress, EmailMessage } from '../domain/email';
import type { ComposeMode } from './reply-headers';

export type Recipients = { to: EmailAddress[]; cc: EmailAddress[] };

const key = (address: EmailAddress): string => address.address.trim().toLowerCase();

/** Each address once (the first spelling wins), none of `except`. */
export function uniqueAddresses(addresses: readonly EmailAddress[], except: ReadonlySet<string> = new Set()): EmailAddress[] {
  const seen = new Set(except);
  const kept: EmailAddress[] = [];
  for (const address of addresses) {
    const k = key(address);
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    kept.push(address);
  }
  return kept;
}

/**
 * Who a reply goes to. Reply: the sender of the mail answered (or, answering
 * our own mail, whoever it went to). Reply all: also everyone else on it, but
 * never our own mailboxes (we would mail ourselves). Forward: nobody yet.
 */
export function recipientsFor(mode: ComposeMode, parent: EmailMessage, ownMailboxes: readonly string[]): Recipients {
  if (mode === 'forward') return { to: [], cc: [] };
  const own = new Set(ownMailboxes.map((address) => address.trim().toLowerCase()));
  const to = uniqueAddresses(parent.direction === 'inbound' ? [parent.from] : parent.to, own);
  if (mode === 'reply') return { to, cc: [] };
  const others = parent.direction === 'inbound' ? [...parent.to, ...parent.cc] : parent.cc;
  return { to, cc: uniqueAddresses(others, new Set([...own, ...to.map(key)])) };
}

import { parseCallerId } from '../../shared/phone/caller-id';
import type { CountryCode } from '../../shared/phone/e164';

/**
 * Who is calling, as the hub keeps it on the call and its task: a number to
 * find the customer by and to call back (none when withheld, or when the
 * caller is an extension rather than a number), and a name shown as text.
 */
export type CallerId = { number: string | null; name: string };

/** The caller ID from the headers Kamailio forwards, read the same way the desktop reads it (shared/phone/caller-id). */
export function callerOf(headers: { fromUser: string; fromDisplay: string; assertedIdentity: string }, region: CountryCode): CallerId {
  const caller = parseCallerId(headers, region);
  if (caller.kind === 'anonymous') return { number: null, name: '' };
  return { number: caller.kind === 'number' ? caller.e164 : null, name: caller.display ?? '' };
}

/** The call task's subject on the agent's desktop: the number, then the name the caller gave. */
export function callSubject(caller: CallerId): string {
  const who = caller.number ?? 'an anonymous caller';
  return caller.name && caller.name !== caller.number ? `Call from ${who} (${caller.name})` : `Call from ${who}`;
}

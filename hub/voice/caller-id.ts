import { type CountryCode, toE164 } from '../../shared/phone/e164';

/** Who is calling, as far as the SIP headers say: a dialable number (or none) and a display name safe to show as text. */
export type CallerId = { number: string | null; name: string };

/** Display names are free text from the caller's side; a screen pop line needs no more. */
export const CALLER_NAME_MAX = 64;

/** User parts carriers and phones send when the caller withholds their number. */
const WITHHELD = new Set(['anonymous', 'restricted', 'private', 'unknown', 'unavailable', 'withheld', 'anonymous.invalid']);

/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides that can
 * make a name read backwards on screen: none of them belongs in a label.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is stripped
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A display name as received (maybe quoted, maybe hostile) as plain text:
 * quotes and escapes undone, unprintable characters dropped, whitespace
 * collapsed, capped at CALLER_NAME_MAX characters (whole code points, so a
 * Chinese name is not cut mid-character). Markup stays literal text: the
 * desktop renders it as text, never as HTML.
 */
export function cleanCallerName(raw: string): string {
  let name = raw.trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  // Line breaks and tabs separate words; every other unprintable character just goes.
  name = name.replace(/\s+/g, ' ').replace(UNPRINTABLE, '').replace(/ +/g, ' ').trim();
  return Array.from(name).slice(0, CALLER_NAME_MAX).join('').trim();
}

/**
 * The user part of a SIP or tel URI, or of a bare user part: the bit a
 * number lives in. `"Bob" <sip:+8613800138000;npdi@carrier>` → `+8613800138000`.
 */
export function uriUser(value: string): string {
  const inAngles = /<([^>]*)>/.exec(value);
  let uri = (inAngles ? inAngles[1] : value)?.trim() ?? '';
  uri = uri.replace(/^(sips?|tel):/i, '');
  const user = uri.split('@')[0]?.split(';')[0] ?? '';
  try {
    return decodeURIComponent(user);
  } catch {
    // A malformed escape is not a number anyway.
    return user;
  }
}

/** The display name part of a name-addr (`"Bob" <sip:…>`), or ''. */
function nameAddrDisplay(value: string): string {
  const at = value.indexOf('<');
  return at > 0 ? value.slice(0, at) : '';
}

/** A user part as a dialable E.164 number, or null when it is withheld or not a number. */
function numberOf(user: string, region: CountryCode): string | null {
  if (user === '' || WITHHELD.has(user.toLowerCase())) return null;
  return toE164(user, region);
}

/**
 * Caller ID from the headers Kamailio forwards: P-Asserted-Identity (set by
 * a trusted carrier) before From (set by the caller); a withheld or
 * unreadable number gives none. The name is From's display name, else the
 * asserted identity's.
 */
export function parseCallerId(
  headers: { fromUser: string; fromDisplay: string; assertedIdentity: string },
  region: CountryCode,
): CallerId {
  const asserted = headers.assertedIdentity.trim();
  const number = (asserted ? numberOf(uriUser(asserted), region) : null) ?? numberOf(uriUser(headers.fromUser), region);
  const name = cleanCallerName(headers.fromDisplay) || cleanCallerName(nameAddrDisplay(asserted));
  return { number, name: WITHHELD.has(name.toLowerCase()) ? '' : name };
}

/** The call task's subject on the agent's desktop: the number, then the name the caller gave. */
export function callSubject(caller: CallerId): string {
  const who = caller.number ?? 'an anonymous caller';
  return caller.name && caller.name !== caller.number ? `Call from ${who} (${caller.name})` : `Call from ${who}`;
}

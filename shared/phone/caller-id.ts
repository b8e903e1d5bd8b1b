import { type CountryCode, toE164 } from './e164';

/**
 * Who is calling, as the agent should see it. The display name is whatever
 * the caller's phone or trunk put in the header: untrusted text, shown as
 * text only, never as markup.
 */
export type CallerId =
  | { kind: 'number'; e164: string; display: string | null }
  | { kind: 'extension'; user: string; display: string | null }
  | { kind: 'anonymous' };

/** The caller-ID parts of an INVITE, as sip.js hands them over. */
export type CallerHeaders = {
  fromUser: string;
  fromDisplay: string;
  /** The raw P-Asserted-Identity header value, '' when absent. */
  assertedIdentity: string;
};

/** Long enough for "Zhang Wei (Shenzhen branch)"; a 10 kB display name must not stretch the card. */
export const DISPLAY_MAX = 64;

// Control characters, and the bidi overrides that let a name render backwards ("moc.knab" tricks).
const UNSAFE_CHARACTERS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const ANONYMOUS_USERS = new Set(['anonymous', 'restricted', 'unavailable', 'unknown', 'private', 'withheld']);

/** A display name fit for one line of text: no control or bidi characters, trimmed, capped by code points. */
export function cleanDisplayName(raw: string): string | null {
  const spaced = raw.replace(/\s+/g, ' ').replace(UNSAFE_CHARACTERS, '').trim();
  // A quoted-string display name: the quotes go, its escapes (\" and \\) are undone. A backslash cannot
  // appear in an unquoted (token) name, so one without quotes had them stripped already (sip.js does): undone too.
  const unquoted = /^"(.*)"$/.exec(spaced)?.[1] ?? spaced;
  const cleaned = unquoted.replace(/\\(.)/g, '$1').trim();
  if (cleaned === '') return null;
  const points = Array.from(cleaned);
  return points.length > DISPLAY_MAX ? `${points.slice(0, DISPLAY_MAX - 1).join('')}…` : cleaned;
}

type NameAddr = { display: string; user: string };

/** One name-addr or addr-spec (`"Name" <sip:user@host;params>`, `<tel:+86…>`, `sip:user@host`) → its display name and user part. */
export function parseNameAddr(value: string): NameAddr | null {
  const trimmed = value.trim();
  const angle = /^(.*?)<([^>]*)>/.exec(trimmed);
  const display = angle ? (angle[1] ?? '') : '';
  const uri = (angle ? (angle[2] ?? '') : trimmed).trim();
  const scheme = /^(sips?|tel):(.*)$/i.exec(uri);
  if (!scheme) return null;
  const isTel = scheme[1]?.toLowerCase() === 'tel';
  const rest = scheme[2] ?? '';
  const userPart = isTel ? rest : rest.includes('@') ? rest.slice(0, rest.indexOf('@')) : '';
  const user = userPart.split(';')[0] ?? '';
  try {
    return { display, user: decodeURIComponent(user) };
  } catch {
    return { display, user };
  }
}

/** P-Asserted-Identity may hold a sip: and a tel: identity, comma-separated; commas inside quotes are part of a name. */
function splitIdentities(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.filter((part) => part.trim() !== '');
}

const isAnonymousUser = (user: string) => user.trim() === '' || ANONYMOUS_USERS.has(user.trim().toLowerCase());
/** "Anonymous" as a display name says nothing about who is calling; a number asserted beside it must not be labelled so. */
const meaningfulName = (name: string | null): string | null => (name !== null && ANONYMOUS_USERS.has(name.toLowerCase()) ? null : name);

function fromUser(user: string, display: string | null, region: CountryCode): CallerId {
  const bare = user.replace(/[\s().-]/g, '');
  if (/^\+?\d+$/.test(bare)) {
    const e164 = toE164(bare, region);
    // A short all-digit user (a desk phone's "1001") is an extension, not a number to look up.
    if (e164) return { kind: 'number', e164, display };
  }
  return { kind: 'extension', user: user.trim(), display };
}

/**
 * The caller ID to show and to screen-pop on. P-Asserted-Identity is the
 * network's word and wins over From (which the caller sets freely); a number
 * in it wins over a non-number. Anonymous From with no asserted identity →
 * anonymous ("Withheld number").
 */
export function parseCallerId(headers: CallerHeaders, region: CountryCode): CallerId {
  const asserted = splitIdentities(headers.assertedIdentity)
    .map(parseNameAddr)
    .filter((entry): entry is NameAddr => entry !== null && !isAnonymousUser(entry.user));
  const fromDisplay = meaningfulName(cleanDisplayName(headers.fromDisplay));
  const candidates = asserted.map((entry) => fromUser(entry.user, meaningfulName(cleanDisplayName(entry.display)) ?? fromDisplay, region));
  const best = candidates.find((candidate) => candidate.kind === 'number') ?? candidates[0];
  if (best) return best;
  if (isAnonymousUser(headers.fromUser)) return { kind: 'anonymous' };
  return fromUser(headers.fromUser, fromDisplay, region);
}

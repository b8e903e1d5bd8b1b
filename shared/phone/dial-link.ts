import { type DialLink, DialLinkSchema } from '../protocol/desktop.js';

/**
 * Turns a tel: or sip: link handed to us by the OS (another app, a web page,
 * a CRM) into something the softphone can dial, or null. Shared: Electron
 * gets links from the OS, the web page from `?dial=` (a browser's protocol
 * handler), and both must refuse the same links.
 *
 * The link comes from outside the app, so it is treated as hostile: anything
 * we do not fully understand is refused rather than "cleaned up", because a
 * softphone that dials a guessed number is worse than one that dials nothing.
 */

/** Longer than any real dial link; refusing early bounds the work done on junk. */
export const MAX_DIAL_LINK_LENGTH = 2048;
/** E.164 allows 15 digits; the rest is headroom for PBX prefixes and service codes. */
const MAX_TEL_DIGITS = 32;

// Printable ASCII only. Control characters, DEL and non-ASCII (bidi overrides,
// look-alike digits) are how a link lies about what it will dial.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// RFC 3966 visual separators, plus the space people paste in.
const TEL_SEPARATORS = /[\s\-.()]/g;
const TEL_NUMBER = /^\+?[0-9*#]+$/;
// RFC 3261 user part, minus the characters that would start a parameter,
// header or host (;?@:/) so the result cannot smuggle SIP headers.
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,#]+$/;
const SIP_BARE_EXTENSION = /^\+?[0-9*#]+$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_LITERAL = /^\[[0-9a-f:.]{2,45}\]$/;

export function parseDialLink(raw: unknown): DialLink | null {
  if (typeof raw !== 'string' || raw.length > MAX_DIAL_LINK_LENGTH) return null;
  if (!PRINTABLE_ASCII.test(raw)) return null;
  const match = /^(tel|sip):(.*)$/i.exec(raw.trim());
  if (!match) return null;
  const scheme = match[1]?.toLowerCase();
  const rest = match[2] ?? '';
  const target = scheme === 'tel' ? telTarget(rest) : sipTarget(rest);
  if (target === null) return null;
  const parsed = DialLinkSchema.safeParse({ scheme, target });
  return parsed.success ? parsed.data : null;
}

function decode(text: string): string | null {
  try {
    const decoded = decodeURIComponent(text);
    return PRINTABLE_ASCII.test(decoded) ? decoded : null;
  } catch {
    return null; // malformed %-escape
  }
}

function telTarget(rest: string): string | null {
  // Some apps write tel://number; the slashes carry no meaning.
  const withoutSlashes = rest.replace(/^\/\//, '');
  // Parameters (;ext=, ;phone-context=) and any query are dropped: the softphone
  // dials the number itself; an extension is keyed in as DTMF by the agent.
  const numberPart = withoutSlashes.split(/[;?]/, 1)[0] ?? '';
  const decoded = decode(numberPart);
  if (decoded === null) return null;
  const number = decoded.replace(TEL_SEPARATORS, '');
  if (!TEL_NUMBER.test(number)) return null;
  const digits = number.replace(/^\+/, '');
  return digits.length <= MAX_TEL_DIGITS ? number : null;
}

function sipTarget(rest: string): string | null {
  // Headers (?Subject=…&Call-Info=…) are never honoured: a link from another
  // app must not decide what goes into our INVITE.
  const uri = rest.split('?', 1)[0] ?? '';
  const at = uri.lastIndexOf('@');
  if (at === -1) {
    // `sip:1001` — a bare extension on the agent's own PBX.
    const user = decode(uri.split(';', 1)[0] ?? '');
    return user !== null && SIP_BARE_EXTENSION.test(user) ? user : null;
  }
  // userinfo may carry a password (user:secret@host); it is never dialled or kept.
  const userinfo = uri.slice(0, at).split(':', 1)[0] ?? '';
  const user = decode(userinfo.split(';', 1)[0] ?? '');
  if (user === null || user.length === 0 || !SIP_USER.test(user)) return null;
  const hostPort = sipHostPort(uri.slice(at + 1).split(';', 1)[0] ?? '');
  return hostPort === null ? null : `${user}@${hostPort}`;
}

function sipHostPort(text: string): string | null {
  const match = /^(\[[^\]]*\]|[^:]+)(?::(\d{1,5}))?$/.exec(text.toLowerCase());
  if (!match) return null;
  const host = match[1] ?? '';
  const port = match[2];
  if (!isHost(host)) return null;
  if (port === undefined) return host;
  const portNumber = Number(port);
  return portNumber >= 1 && portNumber <= 65535 ? `${host}:${portNumber}` : null;
}

function isHost(host: string): boolean {
  if (host.length > 253) return false;
  if (IPV4.test(host) || IPV6_LITERAL.test(host)) return true;
  const labels = host.split('.');
  // A dotted name whose last label is all digits is a mangled IPv4 address, not a host.
  if (labels.length > 1 && /^\d+$/.test(labels[labels.length - 1] ?? '')) return false;
  return labels.every((label) => HOST_LABEL.test(label));
}

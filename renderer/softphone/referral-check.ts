import { DialledSchema } from '../../shared/protocol/voice';

/** What a REFER from the far end may make this phone do, or the SIP refusal it gets instead. */
export type ReferralCheck =
  | { ok: true; user: string; replaces: boolean }
  | { ok: false; statusCode: 400 | 403 | 416 | 484; reasonPhrase: string };

const refuse = (statusCode: 400 | 403 | 416 | 484, reasonPhrase: string): ReferralCheck => ({ ok: false, statusCode, reasonPhrase });

/** `"Name" <sip:user@host;params?headers>` or a bare `sip:user@host`: the URI inside. */
function uriOf(header: string): string | null {
  // A quoted display name may hold '<' itself: it goes first.
  const value = header.replace(/^\s*"(?:[^"\\]|\\.)*"/, '');
  const open = value.indexOf('<');
  if (open === -1) return value.trim();
  const close = value.indexOf('>', open);
  return close === -1 ? null : value.slice(open + 1, close).trim();
}

/**
 * Checks a REFER's Refer-To header values before the phone follows them
 * (RFC 3515: exactly one value). Only `sip:`/`sips:` URIs naming a user in
 * our own SIP domain are followed — a far end must not make an agent's phone
 * call out anywhere it likes. Pure; the SIP layer sends the refusal.
 */
export function checkReferTo(values: readonly string[], domain: string): ReferralCheck {
  if (values.length !== 1) return refuse(400, values.length === 0 ? 'Missing Refer-To' : 'More Than One Refer-To');
  const uri = uriOf(values[0] ?? '');
  if (!uri) return refuse(400, 'Bad Refer-To');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (!scheme) return refuse(400, 'Bad Refer-To');
  if (scheme !== 'sip' && scheme !== 'sips') return refuse(416, 'Unsupported URI Scheme');
  const rest = uri.slice(scheme.length + 1);
  const headersAt = rest.indexOf('?');
  const address = headersAt === -1 ? rest : rest.slice(0, headersAt);
  const headers = headersAt === -1 ? '' : rest.slice(headersAt + 1);
  const at = address.indexOf('@');
  if (at <= 0) return refuse(484, 'Address Incomplete');
  const user = address.slice(0, at);
  // The host ends at a parameter (`;transport=ws`) or a port.
  const host = address.slice(at + 1).split(/[;:]/)[0]?.toLowerCase() ?? '';
  if (host !== domain.toLowerCase()) return refuse(403, 'Transfer Outside The Domain Refused');
  if (!DialledSchema.safeParse(user).success) return refuse(400, 'Bad Refer-To User');
  const replaces = headers.split('&').some((header) => header.toLowerCase().startsWith('replaces='));
  return { ok: true, user, replaces };
}

/** The status code in a REFER's NOTIFY body (`message/sipfrag`: "SIP/2.0 200 OK"), or null when it carries none. */
export function sipfragStatus(body: string): number | null {
  const match = /^SIP\/2\.0\s+(\d{3})\b/.exec(body.trimStart());
  return match ? Number(match[1]) : null;
}

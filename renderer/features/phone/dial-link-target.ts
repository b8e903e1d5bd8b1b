import type { CountryCode } from '../../../shared/phone/e164';
import type { DialLink } from '../../../shared/protocol/desktop';
import { type DialTarget, parseDialTarget } from './dial-target';

/**
 * A dial link (already checked by shared/phone/dial-link.ts) → what the
 * softphone would call. A tel: number is normalised to E.164 in the site's
 * region by the shared parser; a sip: address is only ours to call when it
 * is in our own SIP domain (the softphone calls users of its domain, so
 * sip:1001@elsewhere.example would ring our 1001 instead). Pure.
 */

export type DialLinkRefusal = 'not-a-number' | 'other-domain';
export type DialLinkOffer = { ok: true; target: DialTarget } | { ok: false; error: DialLinkRefusal };

export function dialLinkTarget(link: DialLink, region: CountryCode, sipDomain: string | null): DialLinkOffer {
  let user = link.target;
  if (link.scheme === 'sip') {
    const at = link.target.lastIndexOf('@');
    if (at !== -1) {
      const host = link.target.slice(at + 1).toLowerCase();
      if (sipDomain === null || host !== sipDomain.toLowerCase()) return { ok: false, error: 'other-domain' };
      user = link.target.slice(0, at);
    }
  }
  const target = parseDialTarget(user, region);
  return target ? { ok: true, target } : { ok: false, error: 'not-a-number' };
}

import { DialledSchema } from '../../../shared/protocol/voice';
import { type CountryCode, looksLikePhone, toE164 } from '../../../shared/phone/e164';
import type { CallerId } from '../../../shared/phone/caller-id';

export type DialTarget = { target: string; party: CallerId };

/**
 * What the agent typed → the SIP user part to call and who the card shows:
 * a phone number (normalised to E.164, national numbers in the site's
 * region), or else an extension or queue number as typed ("agent2", "support", "1001").
 */
export function parseDialTarget(input: string, region: CountryCode): DialTarget | null {
  const text = input.trim();
  if (looksLikePhone(text)) {
    const e164 = toE164(text, region);
    if (e164) return { target: e164, party: { kind: 'number', e164, display: null } };
  }
  const user = text.replace(/\s/g, '');
  if (!DialledSchema.safeParse(user).success) return null;
  return { target: user, party: { kind: 'extension', user, display: null } };
}

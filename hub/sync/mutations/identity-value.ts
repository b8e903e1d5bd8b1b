import type { CountryCode } from 'libphonenumber-js/min';
import type { IdentityKind } from '../../../shared/domain/customer';
import { normaliseEmail } from '../../../shared/domain/email';
import { toE164 } from '../../../shared/phone/e164';

export type NormalisedValue = { ok: true; value: string } | { ok: false; message: string };

/**
 * Identities are stored normalised so screen pop is an exact look-up: phones
 * as E.164 (national numbers read in the site's region), emails lower-case.
 */
export function normaliseIdentityValue(kind: IdentityKind, input: string, region: CountryCode): NormalisedValue {
  switch (kind) {
    case 'phone': {
      const value = toE164(input, region);
      return value ? { ok: true, value } : { ok: false, message: `"${input}" is not a phone number we can dial.` };
    }
    case 'email': {
      const value = normaliseEmail(input);
      return value ? { ok: true, value } : { ok: false, message: `"${input}" is not an email address.` };
    }
    case 'visitor': {
      const value = input.trim();
      return value ? { ok: true, value } : { ok: false, message: 'A visitor id cannot be empty.' };
    }
  }
}

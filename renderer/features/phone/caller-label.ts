import { formatPhone } from '../../../shared/phone/e164';
import type { Translate } from '../../i18n/translate';
import type { CallerId } from '../../../shared/phone/caller-id';
import { visitorIdOfSipUser } from '../../../shared/protocol/visitor';

/** The caller's number or extension as the card prints it under the name ('' when withheld, and for a web visitor: their SIP user is an id, not an address). */
export const callerAddress = (party: CallerId): string =>
  party.kind === 'number' ? formatPhone(party.e164) : party.kind === 'extension' && visitorIdOfSipUser(party.user) === null ? party.user : '';

/** The one-line "who is calling": their display name when they sent one, else the number or extension. */
export function callerLabel(party: CallerId, t: Translate): string {
  if (party.kind === 'anonymous') return t('phone.withheld');
  return party.display ?? callerAddress(party);
}

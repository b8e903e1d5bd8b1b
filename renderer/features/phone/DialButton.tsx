import { useStore } from 'zustand';
import { formatPhone } from '../../../shared/phone/e164';
import { useT } from '../../i18n/locale-store';
import { isRegistered } from '../../softphone/call-state';
import type { PhoneServices } from './phone-services';
import { useOptionalPhone } from './phone-context';
import './phone.css';

function DialButtonFor({ phone, e164 }: { phone: PhoneServices; e164: string }) {
  const t = useT();
  const ready = useStore(phone.store, (state) => isRegistered(state) && state.call === null);
  const label = t('phone.dialNumber', { number: formatPhone(e164) });
  return (
    <button
      type="button"
      className="icon-button identity-dial"
      aria-label={label}
      title={ready ? label : t('phone.unregisteredDial')}
      disabled={!ready}
      onClick={() => phone.dial(e164, { kind: 'number', e164, display: null })}
      data-testid="identity-dial"
    >
      ☎
    </button>
  );
}

/** A small "call this number" button beside a customer's phone identity; nothing where there is no phone. */
export function DialButton({ e164 }: { e164: string }) {
  const phone = useOptionalPhone();
  return phone ? <DialButtonFor phone={phone} e164={e164} /> : null;
}

import { useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import type { Registration } from '../../softphone/call-state';
import { usePhone, usePhonePanel, usePhoneServices } from './phone-context';
import './phone.css';

/** The one-line explanation under the status: why the phone cannot take calls, or who it is registered as. */
export function registrationHint(t: Translate, registration: Registration, wsUrl: string, user: string): string | null {
  if (registration.kind === 'unavailable') return t(`phone.hint.${registration.reason}`, { url: wsUrl });
  if (registration.kind === 'registered') return t('phone.hint.registered', { user });
  return null;
}

/** The phone's registration in the header; a click opens the phone panel. */
export function PhoneChip({ user }: { user: string }) {
  const t = useT();
  const services = usePhoneServices();
  const registration = usePhone((state) => state.registration);
  const open = usePhonePanel((state) => state.open);
  const hint = registrationHint(t, registration, services.wsUrl(), user);
  return (
    <button
      type="button"
      className={`phone-chip is-${registration.kind}`}
      aria-pressed={open}
      aria-label={`${t(`phone.status.${registration.kind}`)}${hint ? ` — ${hint}` : ''}`}
      title={hint ?? t(open ? 'phone.close' : 'phone.open')}
      onClick={() => usePhonePanel.getState().setOpen(!open)}
      data-testid="phone-chip"
      data-state={registration.kind}
    >
      <span className="dot" aria-hidden="true" />
      {t(`phone.status.${registration.kind}`)}
    </button>
  );
}

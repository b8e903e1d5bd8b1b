import { useT } from '../../i18n/locale-store';
import { canMerge, type SecondLeg } from '../../softphone/call-state';
import { CallTimer, phaseText } from './CallCard';
import { callerAddress, callerLabel } from './caller-label';
import { usePhone, usePhoneServices } from './phone-context';
import { ToggleButton } from './ToggleButton';

/**
 * The second call beside the caller: the agent's consult call (complete the
 * transfer, merge into a conference, or cancel and go back to the caller),
 * or the call this phone placed because the far end transferred it.
 */
export function SecondCallCard({ leg }: { leg: SecondLeg }) {
  const t = useT();
  const services = usePhoneServices();
  const phone = services.phone();
  const conference = usePhone((state) => state.conference);
  const mergeable = usePhone(canMerge);
  const transferPending = usePhone((state) => state.transfer?.status === 'pending');
  const { call } = leg;
  const connected = call.phase === 'connected';
  const label = callerLabel(call.party, t);
  const address = callerAddress(call.party);
  return (
    <section
      className={`phone-card is-leg is-second is-${call.phase}`}
      aria-label={t(leg.kind === 'consult' ? 'phone.leg.consult' : 'phone.leg.referral')}
      data-testid="second-call-card"
      data-kind={leg.kind}
      data-phase={call.phase}
    >
      <header className="phone-card-head">
        <span className="phone-phase">
          <span className="phone-leg is-second">{t(leg.kind === 'consult' ? 'phone.leg.consult' : 'phone.leg.referral')}</span>
          {phaseText(t, call)}
        </span>
        {call.connectedAt !== null && <CallTimer since={call.connectedAt} />}
      </header>
      <p className="phone-caller" data-testid="second-call-party">
        {label}
      </p>
      {address !== '' && address !== label && <p className="phone-address mono">{address}</p>}
      <div className="phone-actions">
        {leg.kind === 'consult' && !conference && connected && (
          <>
            <ToggleButton pressed={call.muted} onToggle={() => phone?.setMuted(!call.muted)} label={t(call.muted ? 'phone.unmute' : 'phone.mute')} testId="consult-mute" />
            <button type="button" className="button primary" disabled={transferPending} onClick={() => phone?.completeTransfer()} data-testid="consult-complete">
              {t('phone.transfer.complete')}
            </button>
            <button type="button" className="button ghost" disabled={!mergeable} onClick={() => void phone?.merge()} data-testid="consult-merge">
              {t('phone.consult.merge')}
            </button>
          </>
        )}
        {leg.kind === 'consult' && !conference && (
          <button type="button" className="button danger" disabled={transferPending} onClick={() => phone?.cancelConsult()} data-testid="consult-cancel">
            {t('phone.consult.cancel')}
          </button>
        )}
        {conference && (
          <button type="button" className="button ghost" onClick={() => phone?.hangUp(call.id)} data-testid="second-drop">
            {t('phone.conference.drop', { name: label })}
          </button>
        )}
        {leg.kind === 'referral' && (
          <button type="button" className="button danger" onClick={() => phone?.hangUp(call.id)} data-testid="second-hang-up">
            {t('phone.hangUp')}
          </button>
        )}
      </div>
    </section>
  );
}

/** A three-way conference: one microphone for both calls, and one button that ends it all. */
export function ConferenceBar() {
  const t = useT();
  const services = usePhoneServices();
  const phone = services.phone();
  const muted = usePhone((state) => state.call?.muted ?? false);
  return (
    <section className="phone-conference" aria-label={t('phone.conference')} data-testid="conference-bar">
      <span className="phone-conference-title">{t('phone.conference')}</span>
      <div className="phone-actions">
        <button type="button" className="button ghost" aria-pressed={muted} onClick={() => phone?.setMuted(!muted)} data-testid="conference-mute">
          {t(muted ? 'phone.unmute' : 'phone.mute')}
        </button>
        <button type="button" className="button danger" onClick={() => phone?.hangUp()} data-testid="conference-end">
          {t('phone.conference.end')}
        </button>
      </div>
    </section>
  );
}

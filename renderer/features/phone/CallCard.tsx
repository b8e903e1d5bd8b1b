import { useState } from 'react';
import { useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import { formatCallDuration } from '../../softphone/call-timer';
import type { Call } from '../../softphone/call-state';
import { useWorkspace } from '../../store/workspace';
import { TierBadge } from '../customer360/TierBadge';
import { useNow } from '../inbox/routing-context';
import { useOpenCustomer } from '../search/use-open-customer';
import { callerAddress, callerLabel } from './caller-label';
import { Keypad } from './Keypad';
import { usePhoneServices } from './phone-context';

function phaseText(t: Translate, call: Call): string {
  if (call.phase === 'ringing') return t('phone.incoming');
  if (call.phase === 'dialling') return t('phone.outgoing');
  if (call.phase === 'answering') return t('phone.answering');
  return t(call.held ? 'phone.onHold' : 'phone.connected');
}

function CallTimer({ since }: { since: number }) {
  const now = useNow();
  return (
    <span className="phone-timer mono" data-testid="phone-timer">
      {formatCallDuration(now - since)}
    </span>
  );
}

/** The screen pop: the known customer with their tier, or an offer to search for an unknown number. */
function ScreenPopLine({ call }: { call: Call }) {
  const t = useT();
  const openCustomer = useOpenCustomer();
  const { pop } = call;
  if (pop.kind === 'looking') return <p className="muted">{t('phone.pop.looking')}</p>;
  if (pop.kind === 'known') {
    return (
      <div className="phone-pop is-known" data-testid="phone-pop" data-pop="known">
        <TierBadge tier={pop.tier} />
        <button type="button" className="button ghost small" onClick={() => openCustomer(pop.customerId)} data-testid="phone-pop-open">
          {t('phone.pop.open', { name: pop.name })}
        </button>
        <span className="muted mono">{pop.number}</span>
      </div>
    );
  }
  if (pop.kind === 'unknown') {
    return (
      <div className="phone-pop is-unknown" data-testid="phone-pop" data-pop="unknown">
        <span>{t('phone.pop.unknown')}</span>
        <button
          type="button"
          className="button ghost small"
          onClick={() => useWorkspace.getState().setQuery(callerAddress(call.party))}
          data-testid="phone-pop-search"
        >
          {t('phone.search')}
        </button>
      </div>
    );
  }
  return null;
}

/** One call: who it is (their name shown as text, never markup), the screen pop, and what the agent can do now. */
export function CallCard({ call }: { call: Call }) {
  const t = useT();
  const services = usePhoneServices();
  const [keypad, setKeypad] = useState(false);
  const phone = services.phone();
  const connected = call.phase === 'connected';
  const address = callerAddress(call.party);
  return (
    <section className={`phone-card is-${call.phase}`} aria-label={phaseText(t, call)} data-testid="call-card" data-phase={call.phase}>
      <header className="phone-card-head">
        <span className="phone-phase">{phaseText(t, call)}</span>
        {call.connectedAt !== null && <CallTimer since={call.connectedAt} />}
      </header>
      <p className="phone-caller" data-testid="call-caller">
        {callerLabel(call.party, t)}
      </p>
      {address !== '' && address !== callerLabel(call.party, t) && (
        <p className="phone-address mono" data-testid="call-address">
          {address}
        </p>
      )}
      <ScreenPopLine call={call} />
      <div className="phone-actions">
        {call.phase === 'ringing' && (
          <>
            <button type="button" className="button primary" onClick={() => void phone?.answer()} data-testid="call-answer">
              {t('phone.answer')}
            </button>
            <button type="button" className="button danger" onClick={() => phone?.decline()} data-testid="call-decline">
              {t('phone.decline')}
            </button>
          </>
        )}
        {connected && (
          <>
            <button
              type="button"
              className="button ghost"
              aria-pressed={call.muted}
              onClick={() => phone?.setMuted(!call.muted)}
              data-testid="call-mute"
            >
              {t(call.muted ? 'phone.unmute' : 'phone.mute')}
            </button>
            <button
              type="button"
              className="button ghost"
              aria-pressed={call.held}
              onClick={() => phone?.setHeld(!call.held)}
              data-testid="call-hold"
            >
              {t(call.held ? 'phone.resume' : 'phone.hold')}
            </button>
            <button type="button" className="button ghost" aria-pressed={keypad} onClick={() => setKeypad(!keypad)} data-testid="call-keypad">
              {t('phone.keypad')}
            </button>
          </>
        )}
        {call.phase !== 'ringing' && (
          <button type="button" className="button danger" onClick={() => phone?.hangUp()} data-testid="call-hang-up">
            {t('phone.hangUp')}
          </button>
        )}
      </div>
      {connected && keypad && <Keypad onKey={(tone) => phone?.sendDtmf(tone)} />}
    </section>
  );
}

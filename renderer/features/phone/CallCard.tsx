import { useState } from 'react';
import { useT } from '../../i18n/locale-store';
import type { Translate } from '../../i18n/translate';
import { formatCallDuration } from '../../softphone/call-timer';
import type { Call } from '../../softphone/call-state';
import { useNow } from '../inbox/routing-context';
import { CallAudioStatus } from './CallAudioStatus';
import { CallVideo } from './CallVideo';
import { callerAddress, callerLabel } from './caller-label';
import { Keypad } from './Keypad';
import { usePhone, usePhoneServices } from './phone-context';
import { ScreenPopLine } from './ScreenPop';
import { ToggleButton } from './ToggleButton';
import { RecordingIndicator } from './RecordingIndicator';
import { TransferNotice, TransferPanel } from './TransferPanel';

export function phaseText(t: Translate, call: Call): string {
  if (call.phase === 'ringing') return t(call.video.offered ? 'phone.video.incoming' : 'phone.incoming');
  if (call.phase === 'dialling') return t(call.video.offered ? 'phone.video.outgoing' : 'phone.outgoing');
  if (call.phase === 'answering') return t('phone.answering');
  return t(call.held ? 'phone.onHold' : 'phone.connected');
}

export function CallTimer({ since }: { since: number }) {
  const now = useNow();
  return (
    <span className="phone-timer mono" data-testid="phone-timer">
      {formatCallDuration(now - since)}
    </span>
  );
}

/**
 * One call: who it is (their name shown as text, never markup), the screen
 * pop, and what the agent can do now. While a second call is up (consult or
 * conference) this card is "the caller" and its controls move to the second
 * card and the conference bar.
 */
export function CallCard({ call }: { call: Call }) {
  const t = useT();
  const services = usePhoneServices();
  const [keypad, setKeypad] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const second = usePhone((state) => state.second);
  const conference = usePhone((state) => state.conference);
  const transferPending = usePhone((state) => state.transfer?.status === 'pending');
  const phone = services.phone();
  const alone = second === null;
  const connected = call.phase === 'connected';
  const address = callerAddress(call.party);
  return (
    <section
      className={`phone-card is-${call.phase}${alone ? '' : ' is-leg'}`}
      aria-label={phaseText(t, call)}
      data-testid="call-card"
      data-phase={call.phase}
      data-held={call.held}
      data-video={call.video.offered}
    >
      <header className="phone-card-head">
        <span className="phone-phase">
          {second?.kind === 'consult' && <span className="phone-leg">{t('phone.leg.caller')}</span>}
          {phaseText(t, call)}
        </span>
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
      <RecordingIndicator call={call} />
      <CallAudioStatus call={call} />
      {connected && alone && <CallVideo call={call} />}
      <div className="phone-actions">
        {call.phase === 'ringing' && (
          <>
            {call.video.offered && (
              <button type="button" className="button primary" onClick={() => void phone?.answer({ video: true })} data-testid="call-answer-video">
                {t('phone.video.answer')}
              </button>
            )}
            <button
              type="button"
              className={`button ${call.video.offered ? 'ghost' : 'primary'}`}
              onClick={() => void phone?.answer()}
              data-testid="call-answer"
            >
              {t(call.video.offered ? 'phone.video.answerAudio' : 'phone.answer')}
            </button>
            <button type="button" className="button danger" onClick={() => phone?.decline()} data-testid="call-decline">
              {t('phone.decline')}
            </button>
          </>
        )}
        {connected && alone && (
          <>
            <ToggleButton pressed={call.muted} onToggle={() => phone?.setMuted(!call.muted)} label={t(call.muted ? 'phone.unmute' : 'phone.mute')} testId="call-mute" />
            <ToggleButton pressed={call.held} onToggle={() => phone?.setHeld(!call.held)} label={t(call.held ? 'phone.resume' : 'phone.hold')} testId="call-hold" />
            <ToggleButton pressed={call.video.camera} onToggle={() => void phone?.setCamera(!call.video.camera)} label={t(call.video.camera ? 'phone.video.cameraOff' : 'phone.video.cameraOn')} testId="call-camera" />
            {(call.video.camera || call.video.sharing) && (
              <ToggleButton pressed={call.video.sharing} onToggle={() => void phone?.shareScreen(!call.video.sharing)} label={t(call.video.sharing ? 'phone.video.stopShare' : 'phone.video.share')} testId="call-share" />
            )}
            <button type="button" className="button ghost" aria-pressed={keypad} onClick={() => setKeypad(!keypad)} data-testid="call-keypad">
              {t('phone.keypad')}
            </button>
            <button
              type="button"
              className="button ghost"
              aria-expanded={transferring}
              disabled={transferPending}
              onClick={() => setTransferring(!transferring)}
              data-testid="call-transfer"
            >
              {t('phone.transfer')}
            </button>
          </>
        )}
        {conference && (
          <button type="button" className="button ghost" onClick={() => phone?.hangUp(call.id)} data-testid="call-drop">
            {t('phone.conference.drop', { name: callerLabel(call.party, t) })}
          </button>
        )}
        {call.phase !== 'ringing' && alone && (
          <button type="button" className="button danger" onClick={() => phone?.hangUp()} data-testid="call-hang-up">
            {t('phone.hangUp')}
          </button>
        )}
      </div>
      {connected && alone && keypad && <Keypad onKey={(tone) => phone?.sendDtmf(tone)} />}
      {connected && alone && transferring && !transferPending && <TransferPanel onDone={() => setTransferring(false)} />}
      <TransferNotice />
    </section>
  );
}

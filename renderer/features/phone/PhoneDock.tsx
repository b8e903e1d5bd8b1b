import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { MonitoredBanner } from '../monitor/MonitoredBanner';
import { useSync } from '../../sync/context';
import { CallCard } from './CallCard';
import { DialLinkPrompt } from './DialLinkPrompt';
import { parseDialTarget } from './dial-target';
import { Keypad } from './Keypad';
import { PhoneSettingsForm } from './PhoneSettingsForm';
import { registrationHint } from './PhoneChip';
import { ConferenceBar, SecondCallCard } from './SecondCallCard';
import { usePhone, usePhonePanel, usePhoneServices } from './phone-context';

/** Idle: a dial box with its keypad, the phone's status line and its settings. */
function DialPanel({ hubUrl, user }: { hubUrl: string; user: string }) {
  const t = useT();
  const services = usePhoneServices();
  const { mutation } = useSync();
  const registration = usePhone((state) => state.registration);
  const dialText = usePhonePanel((state) => state.dialText);
  const setDialText = usePhonePanel((state) => state.setDialText);
  const [invalid, setInvalid] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const hint = registrationHint(t, registration, services.wsUrl(), user);
  const registered = registration.kind === 'registered';

  /** A voice call (the form's submit), or a video call with the camera on from the start. */
  function dial(event: FormEvent, video = false) {
    event.preventDefault();
    const parsed = parseDialTarget(dialText, mutation.region);
    setInvalid(parsed === null);
    if (!parsed) return;
    if (video) void services.phone()?.dial(parsed.target, parsed.party, { video: true });
    else services.dial(parsed.target, parsed.party);
    setDialText('');
  }

  return (
    <section className="phone-card" aria-label={t('phone.title')} data-testid="phone-panel">
      {hint && (
        <p className={`phone-hint is-${registration.kind}`} data-testid="phone-hint">
          {hint}
        </p>
      )}
      <form className="phone-dial" onSubmit={dial}>
        <input
          value={dialText}
          onChange={(event) => {
            setDialText(event.target.value);
            setInvalid(false);
          }}
          aria-label={t('phone.dialTarget')}
          placeholder={t('phone.dialTarget')}
          inputMode="tel"
          data-testid="phone-dial-input"
        />
        <button type="submit" className="button primary" disabled={!registered} data-testid="phone-dial">
          {t('phone.dial')}
        </button>
        <button type="button" className="button ghost" disabled={!registered} onClick={(event) => dial(event, true)} data-testid="phone-dial-video">
          {t('phone.video.dial')}
        </button>
      </form>
      {invalid && (
        <p className="form-error" role="alert">
          {t('phone.dialInvalid')}
        </p>
      )}
      {!registered && <p className="muted">{t('phone.unregisteredDial')}</p>}
      <Keypad onKey={(key) => setDialText(`${dialText}${key}`)} />
      <button type="button" className="button ghost small" aria-expanded={settingsOpen} onClick={() => setSettingsOpen(!settingsOpen)}>
        {t('phone.settings')}
      </button>
      {settingsOpen && <PhoneSettingsForm hubUrl={hubUrl} />}
    </section>
  );
}

/** Why the last call ended, until dismissed; an agent's own hang-up needs no telling. */
function LastEnd() {
  const t = useT();
  const services = usePhoneServices();
  const lastEnd = usePhone((state) => state.lastEnd);
  if (!lastEnd || lastEnd.reason === 'hung-up') return null;
  return (
    <div
      className={`phone-end${lastEnd.reason === 'media-denied' ? ' is-problem' : ''}`}
      role={lastEnd.reason === 'media-denied' ? 'alert' : 'status'}
      data-testid="phone-end"
      data-reason={lastEnd.reason}
    >
      <span>{t(`phone.end.${lastEnd.reason}`)}</span>
      <button type="button" className="button ghost small" onClick={() => services.store.dispatch({ type: 'dismiss' })}>
        {t('phone.dismiss')}
      </button>
    </div>
  );
}

/**
 * The phone's corner of the window: the call card while there is a call
 * (with the consult or conference call under it), else the dial panel when open. The hidden audio element carries the other
 * side's voice and stays mounted for the whole session.
 */
export function PhoneDock({ hubUrl, user }: { hubUrl: string; user: string }) {
  const services = usePhoneServices();
  const call = usePhone((state) => state.call);
  const second = usePhone((state) => state.second);
  const conference = usePhone((state) => state.conference);
  const open = usePhonePanel((state) => state.open);
  return (
    <aside className="phone-dock" data-testid="phone-dock">
      {/* biome-ignore lint/a11y/useMediaCaption: a live phone call has no caption track */}
      <audio ref={services.setRemoteAudio} autoPlay hidden data-testid="phone-remote-audio" />
      <LastEnd />
      <DialLinkPrompt />
      <MonitoredBanner />
      {call && conference && <ConferenceBar />}
      {call ? <CallCard key={call.id} call={call} /> : open && <DialPanel hubUrl={hubUrl} user={user} />}
      {call && second && <SecondCallCard key={second.call.id} leg={second} />}
    </aside>
  );
}

import { useEffect, useState } from 'react';
import { useT } from '../../i18n/locale-store';
import { devicesFor, resolveDevice } from '../../softphone/audio-devices';
import { type CallQuality, formatQualityFigures } from '../../softphone/call-quality';
import type { Call } from '../../softphone/call-state';
import { watchCallQuality } from './call-quality-watch';
import { usePhoneServices } from './phone-context';
import { useAudioDevices } from './use-audio-devices';
import './phone-audio.css';

/** Three bars, the grade in words, and the figures in the tooltip (and for screen readers). */
function QualityMark({ quality }: { quality: CallQuality | null }) {
  const t = useT();
  const grade = quality?.grade ?? 'measuring';
  const words = t(`phone.quality.${grade}`);
  const figures = quality ? t('phone.quality.figures', formatQualityFigures(quality, t('phone.quality.notMeasured'))) : '';
  const label = `${t('phone.quality.label')}: ${words}`;
  return (
    // The figures show as a tooltip on hover or focus (drawn from data-figures in CSS), and are read out from the label.
    <span
      className={`call-quality is-${grade}`}
      aria-label={figures ? `${label}. ${figures}` : label}
      role="img"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users can open the figures' tooltip
      tabIndex={0}
      data-testid="call-quality"
      data-grade={grade}
      data-figures={figures}
    >
      <span className="call-quality-bars" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      {words}
    </span>
  );
}

/**
 * The call card's audio line: the line quality, polled from WebRTC statistics
 * only while the call is connected, and a note when a chosen headset or
 * speaker is not connected so the default device carries the call.
 */
export function CallAudioStatus({ call }: { call: Call }) {
  const t = useT();
  const services = usePhoneServices();
  const { list } = useAudioDevices();
  const [quality, setQuality] = useState<CallQuality | null>(null);
  const connected = call.phase === 'connected';

  useEffect(() => {
    if (!connected) return;
    return watchCallQuality(() => services.phone()?.peerConnection() ?? null, setQuality);
  }, [connected, services]);

  if (!connected) return null;
  const choices = services.settings().devices;
  const missing = (['microphone', 'speaker'] as const).flatMap((role) => {
    const resolution = resolveDevice(choices[role], devicesFor(list, role), list.labelled);
    return resolution.kind === 'missing' ? [{ role, name: resolution.label }] : [];
  });
  return (
    <div className="call-audio">
      <QualityMark quality={quality} />
      {missing.map(({ role, name }) => (
        <p key={role} className="call-audio-note" role="status" data-testid={`call-device-missing-${role}`}>
          {t(`phone.devices.missing.${role}`, { name })}
        </p>
      ))}
    </div>
  );
}

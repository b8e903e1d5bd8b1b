import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/locale-store';
import type { Call } from '../../softphone/call-state';
import { callerLabel } from './caller-label';
import { usePhoneServices } from './phone-context';

/** Points a video element at a stream (or at nothing) and starts it; the element is muted, so autoplay is allowed. */
function show(element: HTMLVideoElement | null, stream: MediaStream | null): void {
  if (!element) return;
  element.srcObject = stream;
  if (stream) element.play().catch(() => undefined);
}

/**
 * The call's pictures: the far end large, what the agent sends small in the
 * corner (their camera mirrored, as in a mirror; a shared screen as it is).
 * Either is hidden while there is nothing to show. The sound of the call is
 * not here: it plays through the phone's one audio element.
 */
export function CallVideo({ call }: { call: Call }) {
  const t = useT();
  const services = usePhoneServices();
  const remoteRef = useRef<HTMLVideoElement>(null);
  const localRef = useRef<HTMLVideoElement>(null);
  const { offered, camera, sharing, remote } = call.video;
  // Which track goes out: a change (camera to screen and back) needs the preview pointed at the new one.
  const sent = sharing ? 'screen' : camera ? 'camera' : null;
  const sending = sent !== null;

  useEffect(() => {
    const streams = services.phone()?.videoStreams() ?? { local: null, remote: null };
    show(remoteRef.current, remote ? streams.remote : null);
    show(localRef.current, sent ? streams.local : null);
  }, [services, remote, sent]);

  const name = callerLabel(call.party, t);
  return (
    <div className="call-video" hidden={!offered && !sending && !remote} data-testid="call-video">
      <div className="call-video-stage">
        <video
          ref={remoteRef}
          className="call-video-remote"
          hidden={!remote}
          autoPlay
          playsInline
          muted
          aria-label={t('phone.video.remote', { name })}
          data-testid="call-remote-video"
        />
        {!remote && (
          <p className="call-video-off" data-testid="call-remote-video-off">
            {t('phone.video.remoteOff', { name })}
          </p>
        )}
        <video
          ref={localRef}
          className={`call-video-local${sharing ? '' : ' is-mirrored'}`}
          hidden={!sending}
          autoPlay
          playsInline
          muted
          aria-label={t('phone.video.local')}
          data-testid="call-local-video"
        />
      </div>
      {sharing && (
        <p className="call-video-sharing" role="status">
          {t('phone.video.sharing')}
        </p>
      )}
    </div>
  );
}

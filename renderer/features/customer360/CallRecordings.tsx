import { useEffect, useState } from 'react';
import { z } from 'zod';
import { type RecordingView, RecordingViewSchema } from '../../../shared/protocol/recording';
import { useT } from '../../i18n/locale-store';
import { useSession } from '../../store/session';
import { NetworkError, request } from '../../sync/hub-socket';
import { useSync } from '../../sync/context';
import { unwrapAck } from '../../sync/wire';
import { fileIsGone } from '../privacy/file-gone';

const RecordingListSchema = z.array(RecordingViewSchema);

type Loaded = { kind: 'loading' } | { kind: 'ready'; recordings: RecordingView[] } | { kind: 'offline' } | { kind: 'failed' };

/**
 * A call's recordings in its timeline item, played from the hub through
 * links it signs for this user (an <audio> element cannot send a token).
 * Recordings are not cached on the desktop: they play when the hub is reachable.
 * Styled by features/phone/recording.css, which the call card loads (this
 * file is also compiled where no stylesheet can be imported: unit tests).
 */
export function CallRecordings({ callId }: { callId: string }) {
  const t = useT();
  const { engine } = useSync();
  const hubUrl = useSession((state) => state.current?.hubUrl ?? globalThis.location.origin);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let current = true;
    request(engine.socket, (socket) => socket.timeout(10_000).emitWithAck('recording:list', { callId }))
      .then((ack) => unwrapAck('recording:list', ack, RecordingListSchema))
      .then(
        (recordings) => current && setLoaded({ kind: 'ready', recordings }),
        (error: unknown) => current && setLoaded({ kind: error instanceof NetworkError ? 'offline' : 'failed' }),
      );
    return () => {
      current = false;
    };
  }, [engine, callId]);

  if (loaded.kind === 'ready' && loaded.recordings.length === 0) return null;
  return (
    <>
      <dt>{t('recording.title')}</dt>
      <dd className="call-recordings" data-testid="call-recordings" data-state={loaded.kind}>
        {loaded.kind === 'loading' && <span className="muted">{t('recording.loading')}</span>}
        {loaded.kind === 'offline' && <span className="muted">{t('recording.offline')}</span>}
        {loaded.kind === 'failed' && <span className="muted">{t('recording.failed')}</span>}
        {loaded.kind === 'ready' &&
          loaded.recordings.map((recording, index) =>
            recording.url ? (
              <RecordingAudio key={recording.id} src={new URL(recording.url, hubUrl).href} label={t('recording.player', { n: index + 1 })} />
            ) : null,
          )}
      </dd>
    </>
  );
}

/**
 * MediaRecorder's WebM has no duration in its header, so a player shows none
 * and cannot seek until it has seen the end: ask for the end once (the hub
 * answers byte ranges), then go back to the start.
 */
function RecordingAudio({ src, label }: { src: string; label: string }) {
  const t = useT();
  // ── data protection: a recording removed under the retention policy or by an erasure says so instead of a dead player ──
  const [gone, setGone] = useState(false);
  if (gone) return <span className="muted privacy-removed" data-testid="call-recording-removed">{t('privacy.recording.removed')}</span>;
  return (
    // biome-ignore lint/a11y/useMediaCaption: a call recording has no transcript to caption it with; the call's notes sit beside it
    <audio
      controls
      preload="metadata"
      src={src}
      aria-label={label}
      data-testid="call-recording-audio"
      onError={() => void fileIsGone(src, null).then(setGone)}
      onLoadedMetadata={(event) => {
        const audio = event.currentTarget;
        if (Number.isFinite(audio.duration)) return;
        const back = () => {
          if (!Number.isFinite(audio.duration)) return;
          audio.removeEventListener('durationchange', back);
          audio.currentTime = 0;
        };
        audio.addEventListener('durationchange', back);
        audio.currentTime = Number.MAX_SAFE_INTEGER;
      }}
    />
  );
}

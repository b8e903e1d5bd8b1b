import { useStore } from 'zustand';
import { useT } from '../../i18n/locale-store';
import type { Call } from '../../softphone/call-state';
import { recordingStatus } from '../../softphone/call-recorder-status';
import './recording.css';

/**
 * "REC ●" on the call card while the call is recorded, with the queue's
 * notice for the agent to read out (the admin's words, shown as text).
 */
export function RecordingIndicator({ call }: { call: Call }) {
  const t = useT();
  const status = useStore(recordingStatus, (state) => state.calls[call.sipCallId]);
  if (!status || status.state === 'saved') return null;
  if (status.state === 'unavailable') {
    return (
      <p className="recording-indicator recording-unavailable" role="status" data-testid="recording-unavailable">
        {t('recording.unavailable')}
      </p>
    );
  }
  return (
    <div className="recording-indicator" role="status" data-testid="recording-indicator">
      <span className="recording-badge" title={t('recording.active')}>
        <span aria-hidden="true">{t('recording.rec')}</span>
        <span className="recording-dot" aria-hidden="true" />
        <span className="recording-spoken">{t('recording.active')}</span>
      </span>
      {status.notice && <p className="recording-notice">{t('recording.notice', { notice: status.notice })}</p>}
    </div>
  );
}

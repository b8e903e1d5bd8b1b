import { useT } from '../../i18n/locale-store';
import type { FieldErrors } from './field-errors';
import { FieldMessage, isInvalid } from './FieldMessage';
import type { QueueDraft } from './queue-form';

type Props = { draft: QueueDraft; errors: FieldErrors; onChange(change: Partial<QueueDraft>): void };

/** Whether the queue's calls are recorded, and what the agent tells the caller about it. */
export function QueueRecordingFields({ draft, errors, onChange }: Props) {
  const t = useT();
  return (
    <section className="admin-section" data-testid="queue-recording">
      <h3>{t('recording.queue.section')}</h3>
      <p className="admin-help">{t('recording.queue.help')}</p>
      <label className="admin-check">
        <input type="checkbox" checked={draft.recordCalls} onChange={(event) => onChange({ recordCalls: event.target.checked })} data-testid="queue-record-calls" />
        {t('recording.queue.record')}
      </label>
      <label className="field admin-wide">
        <span>{t('recording.queue.notice')}</span>
        <input
          value={draft.recordingNotice}
          maxLength={500}
          disabled={!draft.recordCalls}
          aria-invalid={isInvalid(errors, 'recordingNotice')}
          aria-describedby="queue-recording-notice-help"
          onChange={(event) => onChange({ recordingNotice: event.target.value })}
          data-testid="queue-recording-notice"
        />
        <span id="queue-recording-notice-help" className="admin-help">
          {t('recording.queue.noticeHelp')}
        </span>
        <FieldMessage errors={errors} paths="recordingNotice" />
      </label>
    </section>
  );
}

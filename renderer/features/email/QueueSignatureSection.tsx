import { useEffect, useState } from 'react';
import { SIGNATURE_MAX } from '../../../shared/protocol/email-outbound';
import { useT } from '../../i18n/locale-store';
import { type EmailProblem, loadSignatures, saveQueueSignature } from './email-client';
import { useEmailServices } from './email-context';

type Status = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; problem: EmailProblem };

/**
 * A queue's email signature (its footer under every agent's own), in the
 * queue's administration form. Saved on its own: it lives with the email
 * settings, not in the queue record. Read-only for supervisors (the form's
 * fieldset is disabled for them).
 */
export function QueueSignatureSection({ queueId }: { queueId: string }) {
  const t = useT();
  const { socket } = useEmailServices();
  const [text, setText] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => {
    let active = true;
    void loadSignatures(socket, queueId).then((result) => active && setText(result.ok ? result.data.queue : ''));
    return () => {
      active = false;
    };
  }, [socket, queueId]);

  const save = () =>
    void saveQueueSignature(socket, queueId, text ?? '').then((result) => setStatus(result.ok ? { kind: 'saved' } : { kind: 'failed', problem: result.problem }));

  return (
    <section className="admin-section" data-testid="queue-email-signature">
      <h3>{t('email.queueSignature.title')}</h3>
      <p className="admin-help">{t('email.queueSignature.help')}</p>
      <label className="field">
        <span>{t('email.compose.signature')}</span>
        <textarea
          rows={3}
          maxLength={SIGNATURE_MAX}
          value={text ?? ''}
          disabled={text === null}
          onChange={(event) => {
            setText(event.target.value);
            setStatus({ kind: 'idle' });
          }}
          data-testid="queue-email-signature-input"
        />
      </label>
      <p>
        <button type="button" className="button small" onClick={save} disabled={text === null} data-testid="queue-email-signature-save">
          {t('email.compose.saveSignature')}
        </button>{' '}
        {status.kind === 'saved' && <span className="muted">{t('email.compose.signatureSaved')}</span>}
        {status.kind === 'failed' && <span className="email-problem">{t('email.retryFailed', { reason: t(`error.${status.problem}`) })}</span>}
      </p>
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import type { TaskView } from '../../../shared/protocol/routing';
import { useT } from '../../i18n/locale-store';
import { dispositionLabel } from './labels';
import { useRouting, useRoutingServices } from './routing-context';

/** Disposition (from the task's queue) and an optional note; the hub closes the task when it accepts them. */
export function WrapUpForm({ task }: { task: TaskView }) {
  const t = useT();
  const { client } = useRoutingServices();
  const live = useRouting((state) => state.live);
  const dispositions = useRouting((state) => state.queues.find((q) => q.id === task.queueId)?.dispositions ?? []);
  const [disposition, setDisposition] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsDisposition = dispositions.length > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (needsDisposition && !disposition) {
      setError(t('wrapup.required'));
      return;
    }
    setError(null);
    setBusy(true);
    void client.wrapUp(task.id, disposition || null, note).finally(() => setBusy(false));
  }

  return (
    <form className="wrapup-form" onSubmit={submit} aria-label={t('wrapup.title')} data-testid="wrapup-form" data-task-id={task.id}>
      <h3>{t('wrapup.title')}</h3>
      {needsDisposition && (
        <label className="field">
          <span>{t('wrapup.disposition')}</span>
          <select
            value={disposition}
            onChange={(event) => setDisposition(event.target.value)}
            data-testid="wrapup-disposition"
            aria-invalid={error ? true : undefined}
          >
            <option value="">{t('wrapup.choose')}</option>
            {dispositions.map((code) => (
              <option key={code} value={code}>
                {dispositionLabel(t, code)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('wrapup.note')}</span>
        <textarea rows={3} value={note} onChange={(event) => setNote(event.target.value)} maxLength={10_000} data-testid="wrapup-note" />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row-end">
        <button
          type="submit"
          className="button primary small"
          disabled={!live || busy}
          title={live ? undefined : t('routing.needsHub')}
          data-testid="wrapup-submit"
        >
          {t('wrapup.submit')}
        </button>
      </div>
    </form>
  );
}

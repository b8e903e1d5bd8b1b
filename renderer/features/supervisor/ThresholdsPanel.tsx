import { useState } from 'react';
import type { QueueAlertThresholds } from '../../../shared/protocol/supervisor';
import { useT } from '../../i18n/locale-store';
import { thresholdsFor } from './board-logic';
import { supervisorFailureText } from './failure-text';
import { useSupervisor } from './supervisor-context';
import { fieldsFromThresholds, type ThresholdField, type ThresholdFields, thresholdsFromFields } from './thresholds-form';
import { useAction } from './use-action';

const FIELDS = [
  { field: 'serviceLevelBelow', label: 'supervisor.thresholds.serviceLevelBelow', unit: '%' },
  { field: 'waitAboveSec', label: 'supervisor.thresholds.waitAbove', unit: 's' },
  { field: 'agentStateAboveSec', label: 'supervisor.thresholds.agentStateAbove', unit: 's' },
] as const satisfies readonly { field: ThresholdField; label: string; unit: string }[];

/** When to raise an alert, queue by queue. Edited from the board's settings as they were when the panel opened. */
export function ThresholdsPanel() {
  const t = useT();
  const { board, client, role } = useSupervisor();
  const { busy, failure, run } = useAction();
  const [fields, setFields] = useState<Record<string, ThresholdFields>>(() =>
    Object.fromEntries(board.queues.map((queue) => [queue.queueId, fieldsFromThresholds(thresholdsFor(board.settings, queue.queueId))])),
  );
  const [editAgents, setEditAgents] = useState(board.settings.supervisorsEditAgents);
  const [invalid, setInvalid] = useState<Record<string, ThresholdField[]>>({});
  const [saved, setSaved] = useState(false);

  const set = (queueId: string, field: ThresholdField, value: string) => {
    setSaved(false);
    setFields((current) => {
      const queue = current[queueId];
      return queue ? { ...current, [queueId]: { ...queue, [field]: value } } : current;
    });
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const thresholds: Record<string, QueueAlertThresholds> = {};
    const problems: Record<string, ThresholdField[]> = {};
    for (const [queueId, queueFields] of Object.entries(fields)) {
      const result = thresholdsFromFields(queueFields);
      if (result.ok) thresholds[queueId] = result.thresholds;
      else problems[queueId] = result.invalid;
    }
    setInvalid(problems);
    if (Object.keys(problems).length > 0) return;
    // Queues not on the board (none drawn yet) keep what the hub has.
    const settings = { thresholds: { ...board.settings.thresholds, ...thresholds }, supervisorsEditAgents: editAgents };
    setSaved((await run(() => client.saveSettings(settings))).ok);
  };

  return (
    <form className="supervisor-card supervisor-form thresholds-panel" onSubmit={submit} data-testid="thresholds-panel">
      <h2>{t('supervisor.thresholds.title')}</h2>
      <p className="muted">{t('supervisor.thresholds.hint')}</p>
      <table className="supervisor-table thresholds-table">
        <thead>
          <tr>
            <th scope="col">{t('supervisor.thresholds.queue')}</th>
            {FIELDS.map(({ field, label }) => (
              <th key={field} scope="col">
                {t(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.queues.map((queue) => (
            <tr key={queue.queueId} data-testid="thresholds-row" data-queue-id={queue.queueId}>
              <th scope="row">{queue.name}</th>
              {FIELDS.map(({ field, label, unit }) => (
                <td key={field}>
                  <input
                    inputMode="numeric"
                    value={fields[queue.queueId]?.[field] ?? ''}
                    placeholder={field === 'serviceLevelBelow' ? String(queue.serviceLevelTarget) : undefined}
                    aria-label={`${queue.name} — ${t(label)}`}
                    aria-invalid={invalid[queue.queueId]?.includes(field) ?? false}
                    onChange={(event) => set(queue.queueId, field, event.target.value)}
                    data-testid={`threshold-${field}`}
                  />{' '}
                  <span className="muted">{unit}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label className="thresholds-edit-agents">
        <input type="checkbox" checked={editAgents} disabled={role !== 'admin'} onChange={(event) => setEditAgents(event.target.checked)} />{' '}
        {t('supervisor.thresholds.supervisorsEditAgents')}
      </label>
      {Object.keys(invalid).length > 0 && (
        <p className="supervisor-error" role="alert">
          {t('supervisor.thresholds.invalid')}
        </p>
      )}
      {failure && (
        <p className="supervisor-error" role="alert">
          {supervisorFailureText(t, 'settings', failure)}
        </p>
      )}
      {saved && (
        <p className="supervisor-ok" role="status" data-testid="thresholds-saved">
          {t('supervisor.thresholds.saved')}
        </p>
      )}
      <div className="supervisor-form-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="thresholds-save">
          {t('supervisor.save')}
        </button>
      </div>
    </form>
  );
}

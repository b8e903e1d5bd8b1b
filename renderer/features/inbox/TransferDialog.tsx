import { type FormEvent, useEffect, useState } from 'react';
import type { AgentDirectory, TaskView } from '../../../shared/protocol/routing';
import { useT } from '../../i18n/locale-store';
import { useRouting, useRoutingServices } from './routing-context';
import { agentChoices, canReceive, presenceKey, queueChoices, type TransferMode, transferTarget } from './transfer-logic';

/** Pick a queue or an available colleague for an assigned task; the hub takes it out of my inbox. */
export function TransferDialog({ task, onClose }: { task: TaskView; onClose(): void }) {
  const t = useT();
  const { client } = useRoutingServices();
  const live = useRouting((state) => state.live);
  const [directory, setDirectory] = useState<AgentDirectory | null>(null);
  const [failed, setFailed] = useState(false);
  const [mode, setMode] = useState<TransferMode>('queue');
  const [queueId, setQueueId] = useState('');
  const [agentId, setAgentId] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void client.directory().then((result) => {
      if (!current) return;
      if (result.ok) setDirectory(result.data);
      else setFailed(true);
    });
    return () => {
      current = false;
    };
  }, [client]);

  const target = directory ? transferTarget(directory, mode, queueId, agentId) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    setBusy(true);
    void client.transfer(task.id, target).then((result) => {
      setBusy(false);
      if (result.ok) onClose();
    });
  }

  return (
    <form className="wrapup-form transfer-dialog" role="dialog" aria-label={t('transfer.title')} onSubmit={submit} data-testid="transfer-dialog">
      <h3>{t('transfer.title')}</h3>
      {!directory && <p className="muted">{failed ? t('transfer.loadFailed') : t('app.loading')}</p>}
      {directory && (
        <>
          <fieldset className="field">
            <label>
              <input type="radio" name="transfer-mode" checked={mode === 'queue'} onChange={() => setMode('queue')} data-testid="transfer-mode-queue" />{' '}
              {t('transfer.toQueue')}
            </label>
            <label>
              <input type="radio" name="transfer-mode" checked={mode === 'agent'} onChange={() => setMode('agent')} data-testid="transfer-mode-agent" />{' '}
              {t('transfer.toAgent')}
            </label>
          </fieldset>
          {mode === 'queue' ? (
            <label className="field">
              <span>{t('transfer.queue')}</span>
              <select value={queueId} onChange={(event) => setQueueId(event.target.value)} data-testid="transfer-queue">
                <option value="">{t('wrapup.choose')}</option>
                {queueChoices(directory, task).map((queue) => (
                  <option key={queue.id} value={queue.id}>
                    {queue.id === task.queueId ? t('transfer.currentQueue', { name: queue.name }) : queue.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label className="field">
              <span>{t('transfer.agent')}</span>
              <select value={agentId} onChange={(event) => setAgentId(event.target.value)} data-testid="transfer-agent">
                <option value="">{t('wrapup.choose')}</option>
                {agentChoices(directory).map((agent) => (
                  <option key={agent.id} value={agent.id} disabled={!canReceive(agent)}>
                    {canReceive(agent)
                      ? agent.displayName
                      : t('transfer.agentUnavailable', {
                          name: agent.displayName,
                          state: t(presenceKey(agent)),
                        })}
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
      <div className="row-end">
        <button type="button" className="button small" onClick={onClose} data-testid="transfer-cancel">
          {t('transfer.cancel')}
        </button>
        <button
          type="submit"
          className="button primary small"
          disabled={!live || busy || !target}
          title={live ? undefined : t('routing.needsHub')}
          data-testid="transfer-submit"
        >
          {t('transfer.submit')}
        </button>
      </div>
    </form>
  );
}

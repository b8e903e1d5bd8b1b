import { type FormEvent, useState } from 'react';
import type { Queue } from '../../../shared/domain/routing';
import type { VoiceSettings } from '../../../shared/protocol/voice';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import { FieldMessage, isInvalid } from './FieldMessage';
import { NumberField } from './NumberField';
import { SaveBar } from './SaveBar';
import { useSave } from './use-save';
import { NEW_NUMBER, type NumberRow, queuesTakingCalls, type VoiceDraft, voiceFromDraft } from './voice-form';

type Props = { initial: VoiceDraft; queues: readonly Queue[]; onSaved(settings: VoiceSettings): void };

/** Which dialled numbers ring which queue, where agents' phones register, and how long calls ring and wait. */
export function VoiceForm({ initial, queues, onSaved }: Props) {
  const t = useT();
  const { client, canEdit } = useAdmin();
  const [draft, setDraft] = useState(initial);
  const { errors, status, save, touched } = useSave('voice', client.saveVoiceSettings, onSaved);
  const callQueues = queuesTakingCalls(queues);
  const edit = (change: Partial<VoiceDraft>) => {
    setDraft({ ...draft, ...change });
    touched();
  };
  const setNumber = (index: number, change: Partial<NumberRow>) =>
    edit({ numbers: draft.numbers.map((number, i) => (i === index ? { ...number, ...change } : number)) });
  // A number saved before its queue stopped taking calls still shows that queue, marked, rather than a blank choice.
  const choicesFor = (queueId: string): readonly Queue[] => {
    if (queueId === '' || callQueues.some((queue) => queue.id === queueId)) return callQueues;
    const current = queues.find((queue) => queue.id === queueId);
    return current ? [...callQueues, current] : callQueues;
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(voiceFromDraft(draft, queues));
  }

  return (
    <form className="admin-form admin-form-single" onSubmit={submit} aria-label={t('admin.tab.voice')} data-testid="voice-form" noValidate>
      <fieldset disabled={!canEdit}>
        <section className="admin-section">
          <h3>{t('admin.voice.numbers')}</h3>
          <p className="admin-help">{t('admin.voice.numbersHelp')}</p>
          {draft.numbers.length === 0 ? (
            <p className="muted" data-testid="voice-none">
              {t('admin.voice.none')}
            </p>
          ) : (
            <table className="admin-table" data-testid="voice-numbers">
              <thead>
                <tr>
                  <th scope="col">{t('admin.voice.dialled')}</th>
                  <th scope="col">{t('admin.voice.queue')}</th>
                  {canEdit && <th scope="col" aria-label={t('admin.actions')} />}
                </tr>
              </thead>
              <tbody>
                {draft.numbers.map((number, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by index, as their error paths are
                  <tr key={index} data-testid="voice-number">
                    <td>
                      <input
                        value={number.dialled}
                        maxLength={64}
                        spellCheck={false}
                        aria-label={t('admin.voice.dialledN', { n: index + 1 })}
                        aria-invalid={isInvalid(errors, `numbers.${index}.dialled`)}
                        onChange={(event) => setNumber(index, { dialled: event.target.value })}
                        data-testid="voice-dialled"
                      />
                      <FieldMessage errors={errors} paths={`numbers.${index}.dialled`} />
                    </td>
                    <td>
                      <select
                        value={number.queueId}
                        aria-label={t('admin.voice.queueN', { n: index + 1 })}
                        aria-invalid={isInvalid(errors, `numbers.${index}.queueId`)}
                        onChange={(event) => setNumber(index, { queueId: event.target.value })}
                        data-testid="voice-queue"
                      >
                        <option value="">{t('admin.choose')}</option>
                        {choicesFor(number.queueId).map((queue) => (
                          <option key={queue.id} value={queue.id}>
                            {queue.name}
                          </option>
                        ))}
                      </select>
                      <FieldMessage errors={errors} paths={[`numbers.${index}.queueId`, `numbers.${index}`]} />
                    </td>
                    {canEdit && (
                      <td>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={t('admin.removeRow', { n: index + 1 })}
                          onClick={() => edit({ numbers: draft.numbers.filter((_, i) => i !== index) })}
                          data-testid="voice-remove"
                        >
                          ×
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <FieldMessage errors={errors} paths="numbers" />
          <p className="admin-help" data-testid="voice-dial-hint">
            {t('admin.voice.dialHint', { domain: draft.domain.trim() || '…' })}
          </p>
          {canEdit && (
            <button type="button" className="button small" onClick={() => edit({ numbers: [...draft.numbers, { ...NEW_NUMBER }] })} data-testid="voice-add">
              {t('admin.voice.add')}
            </button>
          )}
        </section>
        <section className="admin-section">
          <h3>{t('admin.voice.calls')}</h3>
          <label className="field">
            <span>{t('admin.voice.domain')}</span>
            <input
              value={draft.domain}
              maxLength={253}
              spellCheck={false}
              aria-invalid={isInvalid(errors, 'domain')}
              onChange={(event) => edit({ domain: event.target.value })}
              data-testid="voice-domain"
            />
            <FieldMessage errors={errors} paths="domain" />
          </label>
          <div className="admin-grid">
            <NumberField
              label={t('admin.voice.ringSec')}
              path="ringSec"
              value={draft.ringSec}
              onChange={(ringSec) => edit({ ringSec })}
              errors={errors}
              unit={t('admin.unit.seconds')}
              testId="voice-ring"
            />
            <NumberField
              label={t('admin.voice.waitRetrySec')}
              path="waitRetrySec"
              value={draft.waitRetrySec}
              onChange={(waitRetrySec) => edit({ waitRetrySec })}
              errors={errors}
              unit={t('admin.unit.seconds')}
              testId="voice-wait-retry"
            />
          </div>
          <p className="admin-help">{t('admin.voice.waitRetryHelp')}</p>
        </section>
      </fieldset>
      <SaveBar status={status} />
    </form>
  );
}

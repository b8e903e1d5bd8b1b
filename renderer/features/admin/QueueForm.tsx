import { type FormEvent, useState } from 'react';
import { type Queue, TASK_CHANNELS } from '../../../shared/domain/routing';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import { QueueSignatureSection } from '../email/QueueSignatureSection';
import { BusinessHoursEditor } from './BusinessHoursEditor';
import { FieldMessage, isInvalid } from './FieldMessage';
import { NumberField } from './NumberField';
import { overflowChoices, type QueueDraft, queueFromDraft, queuePathMap, toggleChannel } from './queue-form';
import { QueueRecordingFields } from './QueueRecordingFields';
import { SaveBar } from './SaveBar';
import { SkillRowsEditor } from './SkillRowsEditor';
import { TextRows } from './TextRows';
import { useSave } from './use-save';

type Props = { initial: QueueDraft; isNew: boolean; queues: readonly Queue[]; onSaved(queue: Queue): void };

/** Everything about one queue: who it takes, how fast, where it overflows, when it is open, how calls are closed. */
export function QueueForm({ initial, isNew, queues, onSaved }: Props) {
  const t = useT();
  const { client, canEdit } = useAdmin();
  const [draft, setDraft] = useState(initial);
  const { errors, status, save, touched } = useSave('queue', client.saveQueue, onSaved);
  const edit = (change: Partial<QueueDraft>) => {
    setDraft({ ...draft, ...change });
    touched();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(queueFromDraft(draft), queuePathMap(draft));
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-label={isNew ? t('admin.queue.new') : draft.name} data-testid="queue-form" noValidate>
      <fieldset disabled={!canEdit}>
        <h2>{isNew ? t('admin.queue.new') : draft.name}</h2>
        <section className="admin-section">
          <div className="admin-grid">
            <label className="field admin-wide">
              <span>{t('admin.queue.name')}</span>
              <input value={draft.name} maxLength={80} aria-invalid={isInvalid(errors, 'name')} onChange={(event) => edit({ name: event.target.value })} data-testid="queue-name" />
              <FieldMessage errors={errors} paths="name" />
            </label>
            <fieldset className="admin-wide admin-checks" data-testid="queue-channels">
              <legend>{t('admin.queue.channels')}</legend>
              {TASK_CHANNELS.map((channel) => (
                <label key={channel} className="admin-check">
                  <input
                    type="checkbox"
                    checked={draft.channels.includes(channel)}
                    onChange={(event) => edit({ channels: toggleChannel(draft.channels, channel, event.target.checked) })}
                  />
                  {t(`channel.${channel}`)}
                </label>
              ))}
              <FieldMessage errors={errors} paths="channels" />
            </fieldset>
            <div className="field">
              <span>{t('admin.queue.serviceLevel')}</span>
              <div className="admin-inline">
                <input
                  className="admin-tiny"
                  inputMode="decimal"
                  value={draft.serviceLevelPercent}
                  aria-label={t('admin.queue.serviceLevelPercent')}
                  aria-invalid={isInvalid(errors, 'serviceLevel.percent')}
                  onChange={(event) => edit({ serviceLevelPercent: event.target.value })}
                  data-testid="queue-sl-percent"
                />
                <span className="admin-unit">{t('admin.queue.serviceLevelWithin')}</span>
                <input
                  className="admin-tiny"
                  inputMode="numeric"
                  value={draft.serviceLevelSeconds}
                  aria-label={t('admin.queue.serviceLevelSeconds')}
                  aria-invalid={isInvalid(errors, 'serviceLevel.seconds')}
                  onChange={(event) => edit({ serviceLevelSeconds: event.target.value })}
                  data-testid="queue-sl-seconds"
                />
                <span className="admin-unit">{t('admin.queue.serviceLevelAfter')}</span>
              </div>
              <FieldMessage errors={errors} paths={['serviceLevel.percent', 'serviceLevel.seconds', 'serviceLevel']} />
            </div>
            <NumberField
              label={t('admin.queue.maxWait')}
              path="maxWaitSec"
              value={draft.maxWaitSec}
              onChange={(maxWaitSec) => edit({ maxWaitSec })}
              errors={errors}
              unit={t('admin.unit.seconds')}
              testId="queue-max-wait"
            />
            <label className="field">
              <span>{t('admin.queue.overflow')}</span>
              <select
                value={draft.overflowQueueId}
                aria-invalid={isInvalid(errors, 'overflowQueueId')}
                onChange={(event) => edit({ overflowQueueId: event.target.value })}
                data-testid="queue-overflow"
              >
                <option value="">{t('admin.queue.noOverflow')}</option>
                {overflowChoices(queues, draft.id).map((queue) => (
                  <option key={queue.id} value={queue.id}>
                    {queue.name}
                  </option>
                ))}
              </select>
              <FieldMessage errors={errors} paths="overflowQueueId" />
            </label>
            <NumberField
              label={t('admin.queue.preferredHold')}
              path="preferredAgentHoldSec"
              value={draft.preferredAgentHoldSec}
              onChange={(preferredAgentHoldSec) => edit({ preferredAgentHoldSec })}
              errors={errors}
              unit={t('admin.unit.seconds')}
              testId="queue-preferred-hold"
            />
          </div>
        </section>
        <section className="admin-section">
          <h3>{t('admin.queue.requiredSkills')}</h3>
          <p className="admin-help">{t('admin.queue.requiredSkillsHelp')}</p>
          <SkillRowsEditor rows={draft.skills} onChange={(skills) => edit({ skills })} errors={errors} />
        </section>
        <section className="admin-section">
          <h3>{t('admin.hours.title')}</h3>
          <BusinessHoursEditor hours={draft.hours} onChange={(hours) => edit({ hours })} errors={errors} />
        </section>
        <QueueRecordingFields draft={draft} errors={errors} onChange={edit} />
        <section className="admin-section">
          <h3>{t('admin.queue.dispositions')}</h3>
          <p className="admin-help">{t('admin.queue.dispositionsHelp')}</p>
          <TextRows
            rows={draft.dispositions}
            onChange={(dispositions) => edit({ dispositions })}
            path="dispositions"
            errors={errors}
            addLabel="admin.queue.addDisposition"
            rowLabel="admin.queue.disposition"
            maxLength={64}
            testId="dispositions"
          />
        </section>
        {!isNew && <QueueSignatureSection queueId={draft.id} />}
      </fieldset>
      <SaveBar status={status} />
    </form>
  );
}

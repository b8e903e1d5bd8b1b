import { type FormEvent, useState } from 'react';
import { type AgentProfile, type Queue, TASK_CHANNELS } from '../../../shared/domain/routing';
import type { User } from '../../../shared/domain/user';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import { type AgentDraft, agentPathMap, profileFromDraft, toggleQueue } from './agent-form';
import { FieldMessage, isInvalid } from './FieldMessage';
import { NumberField } from './NumberField';
import { SaveBar } from './SaveBar';
import { SkillRowsEditor } from './SkillRowsEditor';
import { useSave } from './use-save';

type Props = {
  initial: AgentDraft;
  /** For a new profile: the people who have none yet. Null when editing an existing one. */
  candidates: readonly User[] | null;
  user: User | null;
  queues: readonly Queue[];
  onSaved(profile: AgentProfile): void;
};

/** One agent's routing profile: skills, queues, how much of each channel at once, auto-accept, missed-offer limit. */
export function AgentForm({ initial, candidates, user, queues, onSaved }: Props) {
  const t = useT();
  const { client, canEdit } = useAdmin();
  const [draft, setDraft] = useState(initial);
  const { errors, status, save, touched } = useSave('agent', client.saveAgent, onSaved);
  const edit = (change: Partial<AgentDraft>) => {
    setDraft({ ...draft, ...change });
    touched();
  };
  const title = user ? user.displayName : t('admin.agent.new');

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(profileFromDraft(draft), agentPathMap(draft));
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-label={title} data-testid="agent-form" noValidate>
      <fieldset disabled={!canEdit}>
        <h2>{title}</h2>
        {user && <p className="admin-help">{t('admin.agent.who', { username: user.username, role: t(`role.${user.role}`) })}</p>}
        {candidates && (
          <label className="field admin-narrow">
            <span>{t('admin.agent.user')}</span>
            <select value={draft.userId} aria-invalid={isInvalid(errors, 'userId')} onChange={(event) => edit({ userId: event.target.value })} data-testid="agent-user">
              <option value="">{t('admin.choose')}</option>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.displayName} ({t(`role.${candidate.role}`)})
                </option>
              ))}
            </select>
            <FieldMessage errors={errors} paths="userId" />
          </label>
        )}
        <section className="admin-section">
          <h3>{t('admin.agent.skills')}</h3>
          <SkillRowsEditor rows={draft.skills} onChange={(skills) => edit({ skills })} errors={errors} />
        </section>
        <section className="admin-section">
          <h3>{t('admin.agent.queues')}</h3>
          <div className="admin-checks" data-testid="agent-queues">
            {queues.map((queue) => (
              <label key={queue.id} className="admin-check">
                <input
                  type="checkbox"
                  checked={draft.queueIds.includes(queue.id)}
                  onChange={(event) => edit({ queueIds: toggleQueue(draft.queueIds, queue.id, event.target.checked) })}
                />
                {queue.name}
              </label>
            ))}
          </div>
          <FieldMessage errors={errors} paths="queueIds" />
        </section>
        <section className="admin-section">
          <h3>{t('admin.agent.channels')}</h3>
          <p className="admin-help">{t('admin.agent.capacityHelp')}</p>
          <table className="admin-table admin-capacity">
            <thead>
              <tr>
                <th scope="col">{t('admin.channel')}</th>
                <th scope="col">{t('admin.agent.capacity')}</th>
                <th scope="col">{t('admin.agent.autoAccept')}</th>
              </tr>
            </thead>
            <tbody>
              {TASK_CHANNELS.map((channel) => (
                <tr key={channel}>
                  <th scope="row">{t(`channel.${channel}`)}</th>
                  <td>
                    <input
                      className="admin-short"
                      inputMode="numeric"
                      value={draft.capacity[channel]}
                      placeholder="—"
                      aria-label={t('admin.agent.capacityOf', { channel: t(`channel.${channel}`) })}
                      aria-invalid={isInvalid(errors, `capacity.${channel}`)}
                      onChange={(event) => edit({ capacity: { ...draft.capacity, [channel]: event.target.value } })}
                      data-testid={`agent-capacity-${channel}`}
                    />
                    <FieldMessage errors={errors} paths={`capacity.${channel}`} />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      checked={draft.autoAccept[channel]}
                      aria-label={t('admin.agent.autoAcceptOf', { channel: t(`channel.${channel}`) })}
                      onChange={(event) => edit({ autoAccept: { ...draft.autoAccept, [channel]: event.target.checked } })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="admin-section">
          <NumberField
            label={t('admin.agent.maxMissed')}
            path="maxMissedBeforeAway"
            value={draft.maxMissedBeforeAway}
            onChange={(maxMissedBeforeAway) => edit({ maxMissedBeforeAway })}
            errors={errors}
            testId="agent-max-missed"
          />
          <p className="admin-help">{t('admin.agent.maxMissedHelp')}</p>
        </section>
      </fieldset>
      <SaveBar status={status} />
    </form>
  );
}

import { useState } from 'react';
import type { AgentRow } from '../../../shared/protocol/supervisor';
import { useT } from '../../i18n/locale-store';
import { rowsFromSkills, SKILL_LEVELS, type SkillRow } from '../admin/skill-rows';
import { type AgentEditProblem, agentEditFromForm } from './agent-edit';
import { supervisorFailureText } from './failure-text';
import { useSupervisor } from './supervisor-context';
import { useAction } from './use-action';

/** An agent's skills and queue memberships, changed from the floor (admins, or supervisors when the centre allows it). */
export function AgentEditForm({ agent, onClose }: { agent: AgentRow; onClose: () => void }) {
  const t = useT();
  const { board, client } = useSupervisor();
  const { busy, failure, run } = useAction();
  const [rows, setRows] = useState<SkillRow[]>(() => rowsFromSkills(agent.skills));
  const [queueIds, setQueueIds] = useState<string[]>(agent.queueIds);
  const [problem, setProblem] = useState<AgentEditProblem | null>(null);
  const setRow = (index: number, change: Partial<SkillRow>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = agentEditFromForm(agent.agentId, rows, queueIds);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    const { edit } = result;
    if ((await run(() => client.editAgent(edit.agentId, edit.skills, edit.queueIds))).ok) onClose();
  };

  return (
    <form className="supervisor-card supervisor-form" onSubmit={submit} aria-label={t('supervisor.edit.title', { agent: agent.displayName })} data-testid="agent-edit-form">
      <h3>{t('supervisor.edit.title', { agent: agent.displayName })}</h3>
      <div className="edit-columns">
        <fieldset>
          <legend>{t('supervisor.edit.skills')}</legend>
          {rows.length === 0 && <p className="muted">{t('supervisor.edit.noSkills')}</p>}
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by index, as their problems are
            <div className="edit-skill" key={index}>
              <input
                value={row.skill}
                maxLength={40}
                aria-label={t('supervisor.edit.skill', { n: index + 1 })}
                aria-invalid={problem?.row === index}
                onChange={(event) => setRow(index, { skill: event.target.value })}
                data-testid="edit-skill-name"
              />
              <select
                value={row.level}
                aria-label={t('supervisor.edit.level', { n: index + 1 })}
                onChange={(event) => setRow(index, { level: Number(event.target.value) })}
                data-testid="edit-skill-level"
              >
                {SKILL_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {level}
                  </option>
                ))}
              </select>
              <button type="button" className="button ghost small" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                {t('supervisor.edit.remove')}
              </button>
            </div>
          ))}
          <button type="button" className="button ghost small" onClick={() => setRows([...rows, { skill: '', level: 1 }])} data-testid="edit-skill-add">
            {t('supervisor.edit.addSkill')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('supervisor.edit.queues')}</legend>
          {board.queues.map((queue) => (
            <label key={queue.queueId} className="edit-queue">
              <input
                type="checkbox"
                checked={queueIds.includes(queue.queueId)}
                onChange={(event) =>
                  setQueueIds(event.target.checked ? [...queueIds, queue.queueId] : queueIds.filter((id) => id !== queue.queueId))
                }
                data-testid="edit-queue"
                data-queue-id={queue.queueId}
              />{' '}
              {queue.name}
            </label>
          ))}
        </fieldset>
      </div>
      {problem && (
        <p className="supervisor-error" role="alert" data-testid="agent-edit-problem">
          {t(`supervisor.edit.problem.${problem.kind}`)}
        </p>
      )}
      {failure && (
        <p className="supervisor-error" role="alert">
          {supervisorFailureText(t, 'agent:edit', failure)}
        </p>
      )}
      <div className="supervisor-form-actions">
        <button type="button" className="button ghost" onClick={onClose}>
          {t('supervisor.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={busy} data-testid="agent-edit-save">
          {t('supervisor.save')}
        </button>
      </div>
    </form>
  );
}

import { useState } from 'react';
import { DEFAULT_AWAY_REASONS } from '../../../shared/domain/routing';
import type { AgentRow } from '../../../shared/protocol/supervisor';
import { useT } from '../../i18n/locale-store';
import { requestForChoice } from '../inbox/inbox-logic';
import { awayReasonLabel } from '../inbox/labels';
import { supervisorFailureText } from './failure-text';
import { useSupervisor } from './supervisor-context';
import { useAction } from './use-action';

/** Sets an agent's state from the floor; logging someone out asks first, since their work stops ringing. */
export function AgentStateAction({ agent }: { agent: AgentRow }) {
  const t = useT();
  const { client } = useSupervisor();
  const { busy, failure, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const apply = (choice: string) => {
    const request = requestForChoice(choice);
    if (request) void run(() => client.setAgentState(agent.agentId, request));
  };

  if (confirming) {
    return (
      <span className="agent-confirm" role="alertdialog" aria-label={t('supervisor.agents.logoutConfirm', { agent: agent.displayName })} data-testid="agent-logout-confirm">
        <span>{t('supervisor.agents.logoutConfirm', { agent: agent.displayName })}</span>
        <button
          type="button"
          className="button danger small"
          disabled={busy}
          onClick={() => {
            setConfirming(false);
            apply('offline');
          }}
          data-testid="agent-logout-yes"
        >
          {t('supervisor.agents.logout')}
        </button>
        <button type="button" className="button ghost small" onClick={() => setConfirming(false)}>
          {t('supervisor.cancel')}
        </button>
      </span>
    );
  }
  return (
    <>
      <select
        value=""
        disabled={busy}
        aria-label={t('supervisor.agents.setState', { agent: agent.displayName })}
        onChange={(event) => {
          const choice = event.target.value;
          if (choice === 'offline') setConfirming(true);
          else apply(choice);
        }}
        data-testid="agent-state-action"
      >
        <option value="">{t('supervisor.agents.setStateShort')}</option>
        <option value="available" disabled={agent.state.status === 'available'}>
          {t('agentState.available')}
        </option>
        {DEFAULT_AWAY_REASONS.map((reason) => (
          <option key={reason.code} value={`away:${reason.code}`}>
            {t('agentState.away', { reason: awayReasonLabel(t, reason.code, DEFAULT_AWAY_REASONS) })}
          </option>
        ))}
        <option value="offline" disabled={agent.state.status === 'offline'}>
          {t('supervisor.agents.logout')}
        </option>
      </select>
      {failure && (
        <span className="supervisor-error" role="alert">
          {supervisorFailureText(t, 'agent:state', failure)}
        </span>
      )}
    </>
  );
}

import { useMemo, useState } from 'react';
import { DEFAULT_AWAY_REASONS } from '../../../shared/domain/routing';
import type { AgentRow } from '../../../shared/protocol/supervisor';
import { ChannelIcon } from '../../app/icons';
import { formatDuration } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { useNow } from '../inbox/routing-context';
import { awayReasonLabel } from '../inbox/labels';
import { MonitorControls } from '../monitor/MonitorControls';
import { AgentEditForm } from './AgentEditForm';
import { AgentStateAction } from './AgentStateAction';
import { agentsInOrder, canEditAgents, floorStatus, percentText, secondsSince } from './board-logic';
import { MessageForm } from './MessageForm';
import type { MessageTarget } from './supervisor-client';
import { useSupervisor } from './supervisor-context';

type Panel = { kind: 'message'; target: MessageTarget; label: string } | { kind: 'edit'; agent: AgentRow } | null;

/** On a live call or video: what a supervisor can listen in on. */
const onCall = (agent: AgentRow): boolean =>
  agent.tasks.some((task) => (task.channel === 'call' || task.channel === 'video') && task.status === 'assigned');

function StatusCell({ agent, now }: { agent: AgentRow; now: number }) {
  const t = useT();
  const status = floorStatus(agent);
  const reason = agent.state.status === 'away' ? awayReasonLabel(t, agent.state.reasonCode, DEFAULT_AWAY_REASONS) : null;
  return (
    <>
      <td>
        <span className={`floor-status is-${status}`} data-testid="agent-status" data-status={status}>
          {t(`supervisor.status.${status}`)}
        </span>
        {reason && <span className="muted agent-reason">{reason}</span>}
      </td>
      <td className="mono">{agent.state.since > 0 ? formatDuration(secondsSince(agent.state.since, now)) : '—'}</td>
    </>
  );
}

/** Every agent on the floor, live: what they are doing, for how long, how their day has gone, and what a supervisor can do about it. */
export function AgentsTable() {
  const t = useT();
  const { board, role } = useSupervisor();
  const locale = useLocale((state) => state.locale);
  const agents = useMemo(() => agentsInOrder(board.agents, locale), [board.agents, locale]);
  const now = useNow();
  const [panel, setPanel] = useState<Panel>(null);
  const mayEdit = canEditAgents(role, board.settings);
  const [team, setTeam] = useState(board.queues[0]?.queueId ?? '');

  return (
    <div className="supervisor-agents" data-testid="supervisor-agents" data-board-at={board.at}>
      <div className="supervisor-toolbar">
        <label>
          {t('supervisor.message.team')}{' '}
          <select value={team} onChange={(event) => setTeam(event.target.value)} data-testid="team-select">
            {board.queues.map((queue) => (
              <option key={queue.queueId} value={queue.queueId}>
                {queue.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          disabled={!team}
          onClick={() => {
            const queue = board.queues.find((candidate) => candidate.queueId === team);
            if (queue) setPanel({ kind: 'message', target: { kind: 'queue', queueId: queue.queueId }, label: queue.name });
          }}
          data-testid="team-message"
        >
          {t('supervisor.message.toTeam')}
        </button>
      </div>
      {panel?.kind === 'message' && <MessageForm target={panel.target} label={panel.label} onClose={() => setPanel(null)} />}
      {panel?.kind === 'edit' && <AgentEditForm key={panel.agent.agentId} agent={panel.agent} onClose={() => setPanel(null)} />}
      <div className="agents-scroll">
        <table className="supervisor-table agents-table">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.agents.agent')}</th>
              <th scope="col">{t('supervisor.agents.state')}</th>
              <th scope="col">{t('supervisor.agents.timeInState')}</th>
              <th scope="col">{t('supervisor.agents.tasks')}</th>
              <th scope="col" className="num">
                {t('supervisor.agents.handled')}
              </th>
              <th scope="col" className="num">
                {t('supervisor.queue.aht')}
              </th>
              <th scope="col" className="num">
                {t('supervisor.agents.occupancy')}
              </th>
              <th scope="col">{t('supervisor.agents.phone')}</th>
              <th scope="col">{t('supervisor.waiting.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.agentId} data-testid="agent-row" data-agent-id={agent.agentId} data-status={floorStatus(agent)}>
                <th scope="row">
                  <span className={`agent-connected${agent.connected ? ' is-on' : ''}`} title={t(agent.connected ? 'supervisor.agents.connected' : 'supervisor.agents.disconnected')} />
                  <span className="agent-name-cell">{agent.displayName}</span>
                  <span className="muted mono agent-username">{agent.username}</span>
                </th>
                <StatusCell agent={agent} now={now} />
                <td className="agent-tasks">
                  {agent.tasks.length === 0 && <span className="muted">—</span>}
                  {agent.tasks.map((task) => (
                    <span key={task.taskId} className={`agent-task is-${task.status}`} title={task.subject}>
                      <ChannelIcon channel={task.channel} className="icon" />
                      <span className="agent-task-subject">{task.subject}</span>
                      <span className="mono muted">{formatDuration(secondsSince(task.since, now))}</span>
                    </span>
                  ))}
                </td>
                <td className="num">{agent.handledToday}</td>
                <td className="num mono">{agent.ahtSec === null ? '—' : formatDuration(agent.ahtSec)}</td>
                <td className="num">{percentText(agent.occupancyPercent)}</td>
                <td>
                  <span className={`agent-phone${agent.phoneRegistered ? ' is-on' : ''}`}>
                    {t(agent.phoneRegistered ? 'supervisor.agents.phoneOn' : 'supervisor.agents.phoneOff')}
                  </span>
                </td>
                <td className="agent-actions">
                  <div className="agent-actions-box">
                    <AgentStateAction agent={agent} />
                    <button
                      type="button"
                      className="button ghost small"
                      onClick={() => setPanel({ kind: 'message', target: { kind: 'agent', agentId: agent.agentId }, label: agent.displayName })}
                      data-testid="agent-message"
                    >
                      {t('supervisor.message.send')}
                    </button>
                    {mayEdit && (
                      <button type="button" className="button ghost small" onClick={() => setPanel({ kind: 'edit', agent })} data-testid="agent-edit">
                        {t('supervisor.agents.edit')}
                      </button>
                    )}
                    <MonitorControls agentId={agent.agentId} agentName={agent.displayName} onCall={onCall(agent)} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

import { useState } from 'react';
import type { WaitingTask } from '../../../shared/protocol/supervisor';
import { ChannelIcon } from '../../app/icons';
import { formatDuration } from '../../i18n/format';
import { useT } from '../../i18n/locale-store';
import { TierBadge } from '../customer360/TierBadge';
import { canBeAssigned, secondsSince, thresholdsFor, waitingIn, waitTone } from './board-logic';
import { supervisorFailureText } from './failure-text';
import { useSupervisor } from './supervisor-context';
import { useAction } from './use-action';

function WaitingRow({ task, slSeconds, waitAboveSec, now }: { task: WaitingTask; slSeconds: number; waitAboveSec: number; now: number }) {
  const t = useT();
  const { board, client, agentName } = useSupervisor();
  const { busy, failure, run } = useAction();
  const [action, setAction] = useState<'task:move' | 'task:assign'>('task:move');
  const act = (which: 'task:move' | 'task:assign', target: string) => {
    setAction(which);
    void run(() => (which === 'task:move' ? client.moveTask(task.taskId, target) : client.assignTask(task.taskId, target)));
  };
  const wait = secondsSince(task.waitingSince, now);
  const otherQueues = board.queues.filter((queue) => queue.queueId !== task.queueId);
  const agents = board.agents.filter((agent) => canBeAssigned(agent, task.queueId));
  return (
    <tr data-testid="waiting-row" data-task-id={task.taskId} data-status={task.status}>
      <td>
        <span className="waiting-customer">
          {task.customerName ?? t('inbox.unknownCustomer')}
          {task.tier && <TierBadge tier={task.tier} />}
        </span>
        <span className="waiting-subject muted">{task.subject}</span>
      </td>
      <td>
        <span className="waiting-channel" title={t(`channel.${task.channel}`)}>
          <ChannelIcon channel={task.channel} className="icon" />
          <span className="sr-only">{t(`channel.${task.channel}`)}</span>
        </span>
      </td>
      <td className={`mono wait is-${waitTone(wait, slSeconds, waitAboveSec)}`} data-testid="waiting-wait">
        {formatDuration(wait)}
        {task.offeredTo && <small className="muted">{t('supervisor.waiting.ringing', { agent: agentName(task.offeredTo) })}</small>}
      </td>
      <td className="waiting-actions">
        <select
          value=""
          disabled={busy || otherQueues.length === 0}
          aria-label={t('supervisor.waiting.move')}
          onChange={(event) => act('task:move', event.target.value)}
          data-testid="waiting-move"
        >
          <option value="">{t('supervisor.waiting.move')}</option>
          {otherQueues.map((queue) => (
            <option key={queue.queueId} value={queue.queueId}>
              {queue.name}
            </option>
          ))}
        </select>
        <select
          value=""
          disabled={busy || agents.length === 0}
          aria-label={t('supervisor.waiting.assign')}
          onChange={(event) => act('task:assign', event.target.value)}
          data-testid="waiting-assign"
        >
          <option value="">{t('supervisor.waiting.assign')}</option>
          {agents.map((agent) => (
            <option key={agent.agentId} value={agent.agentId}>
              {agent.displayName}
            </option>
          ))}
        </select>
        {failure && (
          <span className="supervisor-error" role="alert" data-testid="waiting-failure">
            {supervisorFailureText(t, action, failure)}
          </span>
        )}
      </td>
    </tr>
  );
}

/** Everyone waiting, queue by queue, longest wait first, with the two things a supervisor does about it. */
export function WaitingList({ now }: { now: number }) {
  const t = useT();
  const { board } = useSupervisor();
  const queues = board.queues.filter((queue) => board.waiting.some((task) => task.queueId === queue.queueId));
  return (
    <section className="supervisor-card waiting-card" aria-labelledby="waiting-title" data-testid="waiting-list">
      <header className="supervisor-card-head">
        <h2 id="waiting-title">{t('supervisor.waiting.title')}</h2>
        <span className="muted">{t('supervisor.waiting.count', { count: board.waiting.length })}</span>
      </header>
      {queues.length === 0 ? (
        <p className="muted waiting-empty">{t('supervisor.waiting.none')}</p>
      ) : (
        <div className="waiting-scroll">
          <table className="supervisor-table waiting-table">
            <thead>
              <tr>
                <th scope="col">{t('supervisor.waiting.customer')}</th>
                <th scope="col">{t('supervisor.queue.channel')}</th>
                <th scope="col">{t('supervisor.waiting.wait')}</th>
                <th scope="col">{t('supervisor.waiting.actions')}</th>
              </tr>
            </thead>
            {queues.map((queue) => {
              const thresholds = thresholdsFor(board.settings, queue.queueId);
              return (
                <tbody key={queue.queueId} data-testid="waiting-queue" data-queue-id={queue.queueId}>
                  <tr className="waiting-queue-head">
                    <th scope="rowgroup" colSpan={4}>
                      {queue.name}
                    </th>
                  </tr>
                  {waitingIn(board.waiting, queue.queueId).map((task) => (
                    <WaitingRow key={task.taskId} task={task} slSeconds={queue.serviceLevelSeconds} waitAboveSec={thresholds.waitAboveSec} now={now} />
                  ))}
                </tbody>
              );
            })}
          </table>
        </div>
      )}
    </section>
  );
}

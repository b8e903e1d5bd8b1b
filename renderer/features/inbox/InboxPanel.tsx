import { useState } from 'react';
import type { TaskView } from '../../../shared/protocol/routing';
import { ChannelIcon } from '../../app/icons';
import { useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { ChatUnreadBadge } from '../chat/ChatUnreadBadge';
import { TierBadge } from '../customer360/TierBadge';
import { useOpenCustomer } from '../search/use-open-customer';
import { formatTimer, inboxOrder, slaLevel, slaWaitSec, taskTimerSec } from './inbox-logic';
import { useNow, useRouting, useRoutingServices } from './routing-context';
import { useTaskCustomer } from './useTaskCustomer';
import { TransferDialog } from './TransferDialog';
import { WrapUpForm } from './WrapUpForm';

function TaskRow({ task, now, selected, onOpen }: { task: TaskView; now: number; selected: boolean; onOpen(task: TaskView): void }) {
  const t = useT();
  const customer = useTaskCustomer(task.customerId);
  const since = useRouting((state) => state.statusSince[task.id]);
  const queue = useRouting((state) => state.queues.find((q) => q.id === task.queueId));
  const sla = slaLevel(slaWaitSec(task, since, now), queue);
  const timer = formatTimer(taskTimerSec(task, since, now));
  const timerText =
    task.status === 'offered'
      ? t('inbox.wait', { time: timer })
      : task.status === 'wrap-up'
        ? t('inbox.wrapTime', { time: timer })
        : t('inbox.handle', { time: timer });
  return (
    <li>
      <button
        type="button"
        className={`task-row is-${task.status} sla-${sla}${selected ? ' is-selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onOpen(task)}
        data-testid="inbox-task"
        data-task-id={task.id}
        data-status={task.status}
        data-channel={task.channel}
        data-sla={sla}
      >
        <span className="task-row-icon" title={t(`channel.${task.channel}`)}>
          <ChannelIcon channel={task.channel} className="icon" />
          {task.channel === 'chat' && <ChatUnreadBadge taskId={task.id} />}
        </span>
        <span className="task-row-body">
          <span className="task-row-top">
            <span className="task-row-name">{customer?.name ?? t('inbox.unknownCustomer')}</span>
            {customer && <TierBadge tier={customer.tier} />}
          </span>
          <span className="task-row-subject">{task.subject}</span>
          <span className="task-row-meta">
            {customer && <span className="mono">{customer.number}</span>}
            <span className="task-status">{t(`taskStatus.${task.status as 'offered' | 'assigned' | 'wrap-up'}`)}</span>
          </span>
        </span>
        <span className="task-row-timer mono" title={t(`sla.${sla}`)}>
          <span className="sla-dot" aria-hidden="true" />
          <span>{timerText}</span>
        </span>
      </button>
    </li>
  );
}

function SelectedTaskActions({ task }: { task: TaskView }) {
  const t = useT();
  const { client } = useRoutingServices();
  const live = useRouting((state) => state.live);
  const [busy, setBusy] = useState(false);
  const [transferring, setTransferring] = useState(false);
  if (task.status === 'wrap-up') return <WrapUpForm key={task.id} task={task} />;
  if (task.status !== 'assigned') return null;
  return (
    <>
    <div className="task-actions">
      <button
        type="button"
        className="button small"
        disabled={!live || busy}
        title={live ? t('task.completeHint') : t('routing.needsHub')}
        aria-keyshortcuts="Alt+W"
        onClick={() => {
          setBusy(true);
          void client.complete(task.id).finally(() => setBusy(false));
        }}
        data-testid="task-complete"
      >
        {t('task.complete')} <kbd>Alt+W</kbd>
      </button>
      <button
        type="button"
        className="button small"
        disabled={!live || busy || transferring}
        title={live ? t('task.transferHint') : t('routing.needsHub')}
        onClick={() => setTransferring(true)}
        data-testid="task-transfer"
      >
        {t('task.transfer')}
      </button>
    </div>
      {transferring && <TransferDialog task={task} onClose={() => setTransferring(false)} />}
    </>
  );
}

/** My work across channels: what rings, what I am handling, what I am wrapping up. */
export function InboxPanel() {
  const t = useT();
  const { store } = useRoutingServices();
  const live = useRouting((state) => state.live);
  const tasks = useRouting((state) => state.tasks);
  const selectedId = useRouting((state) => state.selectedTaskId);
  const openCustomer = useOpenCustomer();
  const openId = useWorkspace((state) => state.openCustomerId);
  const now = useNow();
  const ordered = inboxOrder(tasks);
  const selected = tasks.find((task) => task.id === selectedId) ?? null;

  function open(task: TaskView) {
    store.setState({ selectedTaskId: task.id });
    if (task.customerId && task.customerId !== openId) openCustomer(task.customerId);
  }

  return (
    <section className="inbox" aria-label={t('inbox.title')} data-testid="inbox" data-live={live}>
      <h2 className="section-title">
        {t('inbox.title')}
        <span className="count">{t('inbox.count', { count: tasks.length })}</span>
      </h2>
      {!live && (
        <p className="routing-paused" role="status" data-testid="routing-paused">
          {t('routing.paused')}
        </p>
      )}
      {ordered.length === 0 ? (
        <p className="muted empty">{t('inbox.empty')}</p>
      ) : (
        <ul className="task-list" aria-label={t('inbox.title')}>
          {ordered.map((task) => (
            <TaskRow key={task.id} task={task} now={now} selected={task.id === selectedId} onOpen={open} />
          ))}
        </ul>
      )}
      {selected && <SelectedTaskActions key={selected.id} task={selected} />}
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { TaskView } from '../../../shared/protocol/routing';
import { useT } from '../../i18n/locale-store';
import { useWorkspace } from '../../store/workspace';
import { isClosed, lastSeq } from '../../store/chat';
import { formatTimer } from '../inbox/inbox-logic';
import { useNow, useRouting, useRoutingServices } from '../inbox/routing-context';
import { useChat, useChatServices, useRoom } from './chat-context';
import { PauseIcon } from './chat-icons';
import { elapsedSec, problemKey } from './chat-logic';
import { ChatComposer } from './ChatComposer';
import { ChatLines } from './ChatLines';
import { MyRepliesDialog } from './MyRepliesDialog';
import { usePageVisible } from './use-page-visible';
import './chat.css';

function Timers({ task }: { task: TaskView }) {
  const t = useT();
  const since = useRouting((state) => state.statusSince[task.id]);
  const now = useNow();
  if (since === undefined) return null;
  const current = formatTimer(elapsedSec(since, now));
  return (
    <span className="chat-timers mono" data-testid="chat-timers">
      {task.status === 'wrap-up' ? (
        t('inbox.wrapTime', { time: current })
      ) : (
        <>
          <span>{t('chat.waited', { time: formatTimer(elapsedSec(task.createdAt, since)) })}</span>
          <span>{t('chat.handling', { time: current })}</span>
        </>
      )}
    </span>
  );
}

function EndChat({ task }: { task: TaskView }) {
  const t = useT();
  const { client } = useRoutingServices();
  const live = useRouting((state) => state.live);
  const [busy, setBusy] = useState(false);
  if (task.status !== 'assigned') return null;
  return (
    <button
      type="button"
      className="button small"
      disabled={!live || busy}
      title={live ? t('chat.endHint') : t('routing.needsHub')}
      onClick={() => {
        setBusy(true);
        // The inbox's own complete → wrap-up flow: the task goes to wrap-up and the inbox shows the form.
        void client.complete(task.id).finally(() => setBusy(false));
      }}
      data-testid="chat-end"
    >
      {t('chat.end')}
    </button>
  );
}

/** One chat, as the agent works it: who and how long, the conversation, and the composer. */
export function ChatPanel({ task }: { task: TaskView }) {
  const t = useT();
  const { client } = useChatServices();
  const room = useRoom(task.id);
  const live = useChat((state) => state.live);
  const agentId = useRouting((state) => state.agentId);
  // The desk stays mounted behind the administration area; lines are not read there.
  const pageVisible = usePageVisible();
  const onDesk = useWorkspace((state) => state.view !== 'admin');
  const visible = pageVisible && onDesk;
  const [replies, setReplies] = useState(false);
  const seq = room ? lastSeq(room) : 0;

  // What is on screen while the window is in front of the agent counts as read.
  useEffect(() => {
    if (visible && seq > 0) client.markRead(task.id, seq);
  }, [client, task.id, seq, visible]);

  const conversation = room?.conversation ?? null;
  const visitorName = conversation?.visitorName || t('chat.visitor');
  const closed = room ? isClosed(room) : false;
  const status = !live ? 'paused' : task.status === 'wrap-up' ? 'wrap-up' : (conversation?.status ?? 'waiting');

  return (
    <section className="chat-panel" aria-label={t('chat.conversation', { name: visitorName })} data-testid="chat-panel" data-task-id={task.id}>
      <header className="chat-head">
        <span className="chat-avatar" aria-hidden="true">
          {visitorName.slice(0, 1).toUpperCase()}
        </span>
        <div className="chat-head-main">
          <div className="chat-head-title">
            <h2 data-testid="chat-visitor">{visitorName}</h2>
            <span className={`chat-status is-${status}`} data-testid="chat-status" data-status={status}>
              {status === 'wrap-up' ? t('taskStatus.wrap-up') : t(`chat.status.${status}`)}
            </span>
          </div>
          <div className="chat-head-sub">
            {conversation?.visitorEmail && <span className="chat-email">{conversation.visitorEmail}</span>}
            <Timers task={task} />
          </div>
        </div>
        <div className="chat-head-actions">
          <button type="button" className="button small ghost" onClick={() => setReplies(true)} data-testid="replies-open">
            {t('chat.replies.open')}
          </button>
          <EndChat task={task} />
        </div>
      </header>
      {!live && (
        <p className="chat-banner is-paused" role="status" data-testid="chat-paused">
          <PauseIcon />
          {t('chat.paused')}
        </p>
      )}
      {closed && conversation?.endReason && task.status !== 'wrap-up' && (
        <p className="chat-banner is-ended" role="status" data-testid="chat-ended" data-reason={conversation.endReason}>
          {t(`chat.ended.${conversation.endReason}`)}
        </p>
      )}
      {task.status === 'wrap-up' && <p className="chat-banner is-wrapup">{t('chat.wrapUp')}</p>}
      {room?.load.kind === 'failed' && live && (
        <p className="chat-banner is-error" role="alert">
          {t('chat.openFailed', { reason: t(problemKey(room.load.code)) })}
        </p>
      )}
      {!room || (room.load.kind === 'opening' && room.lines.length === 0) ? (
        <p className="chat-scroll muted chat-opening">{t('chat.opening')}</p>
      ) : (
        <ChatLines room={room} visitorName={visitorName} typing={room.visitorTypingUntil !== null} />
      )}
      <ChatComposer taskId={task.id} disabled={closed || task.status !== 'assigned'} />
      {replies && <MyRepliesDialog agentId={agentId} onClose={() => setReplies(false)} />}
    </section>
  );
}

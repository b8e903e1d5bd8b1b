import { useEffect, useState } from 'react';
import type { EmailMessage } from '../../../shared/domain/email';
import type { ComposeMode } from '../../../shared/email/reply-headers';
import type { TaskView } from '../../../shared/protocol/routing';
import { useDb } from '../../db/context';
import { deleteEmailDraft, readEmailDraft, saveEmailDraft } from '../../db/email-drafts';
import { useLiveQuery } from '../../db/live';
import { useT } from '../../i18n/locale-store';
import { useSync } from '../../sync/context';
import { startDraft } from './compose-draft';
import { useEmailServices } from './email-context';
import { EmailComposer } from './EmailComposer';
import { EmailMessageCard } from './EmailMessageCard';
import { pendingMessage } from './thread-logic';
import { useEmailThread } from './use-email-thread';
import { useHubReachable } from './use-hub-reachable';
import './email.css';

/**
 * An email task's conversation, oldest mail first, with my replies still in
 * the outbox at the end, and the composer under the mail being answered.
 * The draft lives in the desktop's cache, so one left from before (a
 * restart, a crash) opens where it was; once sent it waits there until the
 * hub has filed the mail, and comes back to the composer if the hub refuses
 * it (renderer/features/email/email-refusals.ts).
 */
export function EmailPanel({ task }: { task: TaskView }) {
  const t = useT();
  const db = useDb();
  const { socket } = useEmailServices();
  const { mutation } = useSync();
  const reachable = useHubReachable(socket);
  const { load, pending, patch } = useEmailThread(task.id);
  const stored = useLiveQuery(() => readEmailDraft(db, task.id), [db, task.id]);
  const draft = stored.status === 'ready' ? (stored.value ?? null) : null;
  const [queuedNote, setQueuedNote] = useState(false);

  const filedKey = load.kind === 'ready' ? load.view.messages.map((message) => message.id).join(' ') : '';
  const queuedAs = draft?.queuedAs ?? null;
  useEffect(() => {
    // The hub has filed the mail: its draft has done its job.
    if (queuedAs !== null && filedKey.split(' ').includes(queuedAs)) void deleteEmailDraft(db, task.id);
  }, [queuedAs, filedKey, db, task.id]);

  if (load.kind === 'loading') return <div className="email-panel empty-state">{t('email.opening')}</div>;
  if (load.kind === 'failed') {
    return (
      <div className="email-panel empty-state" role="alert">
        {t('email.openFailed', { reason: t(`error.${load.problem}`) })}
      </div>
    );
  }
  const { thread, messages } = load.view;
  const filed = new Set(messages.map((message) => message.id));
  const waiting = (pending ?? []).filter((args) => !filed.has(args.emailId)).map((args) => pendingMessage(args, mutation.agentId));
  const editing = draft && draft.queuedAs === null ? draft : null;
  const compose = (mode: ComposeMode, message: EmailMessage) => {
    setQueuedNote(false);
    void saveEmailDraft(db, startDraft(task.id, mode, message, thread, Date.now()));
  };

  return (
    <div className="email-panel" data-testid="email-panel">
      <header className="email-panel-head">
        <h2 className="email-panel-subject" data-testid="email-subject">
          {thread.subject}
        </h2>
        <span className="email-ref mono">{t('email.ref', { ref: thread.ref })}</span>
      </header>
      {!reachable && (
        <p className="email-offline" role="status" data-testid="email-offline">
          {t('email.offline')}
        </p>
      )}
      <div className="email-messages">
        {[...messages, ...waiting].map((message) => {
          const isPending = !filed.has(message.id);
          return (
            <div key={message.id}>
              <EmailMessageCard
                message={message}
                pending={isPending}
                reachable={reachable}
                onCompose={isPending || editing ? null : (mode) => compose(mode, message)}
                onUpdated={patch}
              />
              {editing?.parentId === message.id && (
                <EmailComposer
                  key={`${editing.taskId}:${editing.parentId}:${editing.mode}:${editing.queuedAs ?? ''}`}
                  draft={editing}
                  parent={message}
                  thread={thread}
                  reachable={reachable}
                  onClose={(queued) => setQueuedNote(queued && !socket.connected)}
                />
              )}
            </div>
          );
        })}
        {queuedNote && (
          <p className="email-queued" role="status" data-testid="email-queued-note">
            {t('email.compose.queued')}
          </p>
        )}
      </div>
    </div>
  );
}

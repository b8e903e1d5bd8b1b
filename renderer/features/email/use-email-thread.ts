import { useCallback, useEffect, useRef, useState } from 'react';
import type { EmailMessage } from '../../../shared/domain/email';
import type { EmailThreadView } from '../../../shared/protocol/email';
import type { EmailSendArgs } from '../../../shared/protocol/email-outbound';
import { useDb } from '../../db/context';
import { useLiveQuery } from '../../db/live';
import { AgentEmailMessageSchema, type EmailProblem, openThread } from './email-client';
import { useEmailServices } from './email-context';
import { upsertMessage } from './thread-logic';

export type ThreadLoad = { kind: 'loading' } | { kind: 'ready'; view: EmailThreadView } | { kind: 'failed'; problem: EmailProblem };

/** Replies to this thread still in the desktop's outbox, oldest first; null until read. */
function usePendingReplies(threadId: string | null): EmailSendArgs[] | null {
  const db = useDb();
  const live = useLiveQuery(async () => {
    if (threadId === null) return [];
    const entries = await db.outbox.orderBy('order').toArray();
    return entries.flatMap((entry) => (entry.mutation.name === 'email.send' && entry.mutation.args.threadId === threadId ? [entry.mutation.args] : []));
  }, [db, threadId]);
  return live.status === 'ready' ? live.value : null;
}

/**
 * An email task's thread, kept current: loaded with `email:open`, reloaded
 * on every reconnect and whenever one of my queued replies leaves the
 * outbox (the hub filed it), and patched live by the customer's new mail
 * and my mails' delivery updates.
 */
export function useEmailThread(taskId: string) {
  const { socket } = useEmailServices();
  const [load, setLoad] = useState<ThreadLoad>({ kind: 'loading' });
  const threadId = load.kind === 'ready' ? load.view.thread.id : null;
  const pending = usePendingReplies(threadId);

  const reload = useCallback(() => {
    void openThread(socket, taskId).then((result) => {
      if (result.ok) setLoad({ kind: 'ready', view: result.data });
      // Offline, the thread already shown stays; only a first load reports the problem.
      else setLoad((current) => (current.kind === 'ready' && result.problem === 'network' ? current : { kind: 'failed', problem: result.problem }));
    });
  }, [socket, taskId]);

  const patch = useCallback(
    (message: EmailMessage) =>
      setLoad((current) => (current.kind === 'ready' ? { kind: 'ready', view: { ...current.view, messages: upsertMessage(current.view.messages, message) } } : current)),
    [],
  );

  useEffect(() => {
    reload();
    const onUpdate = (raw: unknown) => {
      const parsed = AgentEmailMessageSchema.safeParse(raw);
      if (parsed.success && parsed.data.taskId === taskId) patch(parsed.data.message);
    };
    socket.on('connect', reload);
    socket.on('email:message', onUpdate);
    socket.on('email:delivery', onUpdate);
    return () => {
      socket.off('connect', reload);
      socket.off('email:message', onUpdate);
      socket.off('email:delivery', onUpdate);
    };
  }, [socket, taskId, reload, patch]);

  const count = pending?.length ?? 0;
  const pendingCount = useRef(count);
  useEffect(() => {
    if (count < pendingCount.current) reload();
    pendingCount.current = count;
  }, [count, reload]);

  return { load, pending, reload, patch };
}

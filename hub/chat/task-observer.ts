import type { TaskEvent } from '../../shared/domain/routing';
import { findConversationByTask, findWidget, type StoredConversation, saveConversation } from '../db/chat-queries';
import { findUser } from '../db/user-queries';
import type { Logger } from '../log';
import type { StepContext, TaskObserver } from '../routing/routing-service';
import type { Announcer } from './chat-context';
import { endConversation, systemLine } from './conversation-end';
import { appendLine } from './conversation-store';
import { openFollowUp } from './follow-up';
import { systemLines } from './system-lines';

/**
 * Follows chat tasks through routing (register it for chat tasks only): the
 * visitor hears when an agent joins or a transfer starts, the conversation
 * ends with the task, and a chat that waited past its queue's max wait
 * becomes a follow-up (no chat is dropped).
 */
export function chatTaskObserver(announce: Announcer, log: Logger): TaskObserver {
  return async (ctx, events) => {
    for (const event of events) {
      const record = await findConversationByTask(ctx.trx, event.taskId);
      if (record && record.conversation.status !== 'ended') await follow(ctx, announce, record, event, log);
    }
  };
}

/**
 * Watches every task (register it for all channels): a waiting chat's place
 * counts the calls and mails ahead of it too. Queues whose waiting line
 * changed while a chat waits in them are handed to `onQueuesChanged`; with
 * no chat waiting there, nobody is told, and nothing is read.
 */
export function queueStandingObserver(onQueuesChanged: (queueIds: Set<string>) => void): TaskObserver {
  return async (ctx, events) => {
    const touched = new Set<string>();
    for (const event of events) {
      touched.add(event.queueId);
      if (event.kind === 'overflowed') touched.add(event.toQueueId);
      if (event.kind === 'transferred' && event.to.kind === 'queue') touched.add(event.to.queueId);
    }
    const chatWaits = ctx.openTasks().some((task) => task.channel === 'chat' && touched.has(task.queueId) && (task.status === 'queued' || task.status === 'offered'));
    if (chatWaits) ctx.afterCommit(() => onQueuesChanged(touched));
  };
}

async function follow(ctx: StepContext, announce: Announcer, record: StoredConversation, event: TaskEvent, log: Logger): Promise<void> {
  const lines = systemLines(record.locale);
  switch (event.kind) {
    case 'accepted':
    case 'assigned': {
      const agent = await findUser(ctx.trx, event.agentId);
      const agentName = agent?.displayName ?? '';
      const joined: StoredConversation = {
        ...record,
        conversation: { ...record.conversation, status: 'active', agentId: event.agentId, agentName },
      };
      await saveConversation(ctx.trx, joined, ctx.now);
      const line = await appendLine(ctx.trx, record.conversation.id, systemLine(lines.joined(agentName)), ctx.now);
      ctx.afterCommit(() => {
        announce.status(joined);
        announce.line(joined, line);
      });
      return;
    }
    case 'transferred': {
      // The task rings elsewhere; the conversation waits for whoever accepts it.
      const waiting: StoredConversation = { ...record, conversation: { ...record.conversation, status: 'waiting', agentId: null, agentName: null } };
      await saveConversation(ctx.trx, waiting, ctx.now);
      const line = await appendLine(ctx.trx, record.conversation.id, systemLine(lines.transferred()), ctx.now);
      ctx.afterCommit(() => {
        announce.line(record, line);
        announce.status(waiting);
      });
      return;
    }
    case 'wrap-up':
    case 'done':
      await endConversation(ctx, announce, record, 'agent-ended', lines.agentEnded(record.conversation.agentName ?? ''));
      return;
    case 'abandoned':
      await endConversation(ctx, announce, record, 'visitor-left', null);
      return;
    case 'timed-out': {
      const widget = await findWidget(ctx.trx, record.conversation.widgetId);
      const ended = await endConversation(ctx, announce, record, 'max-wait', widget?.maxWaitMessage || null);
      if (!(await openFollowUp(ctx, ended, widget))) {
        log.error(`chat ${record.conversation.id} waited too long and no queue takes email or calls for its follow-up`);
      }
      return;
    }
    default:
      return;
  }
}

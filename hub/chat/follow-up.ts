import type { ChatWidget } from '../../shared/domain/chat';
import type { TaskChannel } from '../../shared/domain/routing';
import { type StoredConversation, saveConversation } from '../db/chat-queries';
import type { StepContext } from '../routing/routing-service';

/** What the follow-up says on the agent's inbox: who, and how to reach them once they have said. */
export function followUpSubject(record: StoredConversation): string {
  const reach = [record.conversation.visitorEmail, record.phone].filter((value): value is string => value !== null);
  const base = `Follow-up: chat from ${record.conversation.visitorName}`;
  return reach.length === 0 ? base : `${base} (${reach.join(', ')})`;
}

/**
 * The task that replaces a chat nobody could take in time: an email when the
 * visitor gave an address, else a callback. It goes to the widget's
 * follow-up queue, else the chat queue's overflow, else any queue that takes
 * the channel; the transcript is already on the customer's timeline.
 * Answers false only when no queue takes either channel: failing the routing
 * step instead would stop routing for everyone.
 */
export async function openFollowUp(ctx: StepContext, record: StoredConversation, widget: ChatWidget | null): Promise<boolean> {
  const channels: TaskChannel[] = record.conversation.visitorEmail ? ['email', 'call'] : ['call', 'email'];
  const chatQueue = widget ? ctx.queues.get(widget.queueId) : undefined;
  const preferred = [widget?.followUpQueueId ?? null, chatQueue?.overflowQueueId ?? null, widget?.queueId ?? null];
  for (const channel of channels) {
    const named = preferred.map((id) => (id ? ctx.queues.get(id) : undefined)).find((queue) => queue?.channels.includes(channel));
    const queue = named ?? [...ctx.queues.values()].find((candidate) => candidate.channels.includes(channel));
    if (!queue) continue;
    const task = await ctx.openTask({ channel, queueId: queue.id, customerId: record.conversation.customerId, priority: 50, subject: followUpSubject(record) });
    await saveConversation(ctx.trx, { ...record, conversation: { ...record.conversation, taskId: task.id } }, ctx.now);
    return true;
  }
  return false;
}

/**
 * The visitor left an email or phone after their chat became a follow-up.
 * While the follow-up still waits in its queue, its subject says how to
 * reach them; a callback that has no number to call, now that an email is
 * known, is replaced by an email follow-up (the callback is recorded as
 * abandoned with that reason, so the events still tell what happened).
 * A follow-up already ringing or being worked is left to its agent, whose
 * screen pop shows the customer's new identities.
 */
export async function followUpContactChanged(ctx: StepContext, record: StoredConversation, widget: ChatWidget | null): Promise<void> {
  if (record.conversation.endReason !== 'max-wait' || !record.conversation.taskId) return;
  const task = await ctx.task(record.conversation.taskId);
  if (task?.status !== 'queued') return;
  if (task.channel === 'call' && record.phone === null && record.conversation.visitorEmail !== null) {
    ctx.apply(task, { at: ctx.now, taskId: task.id, queueId: task.queueId, kind: 'abandoned', reason: 'replaced by an email follow-up: the visitor left an email' });
    await openFollowUp(ctx, record, widget);
    return;
  }
  // Not a lifecycle step (no event); the task is queued, so no desktop holds a copy to update.
  ctx.rewrite({ ...task, subject: followUpSubject(record) });
}

import { findEmailThreadByTask, updateEmailThread } from '../db/email-queries';
import type { TaskObserver } from '../routing/routing-service';
import { EMAIL_PRIORITY } from './inbound-mail';

/**
 * A mail cannot hang up: when its task waits past the queue's max wait with
 * nowhere to overflow, the thread is queued again as a fresh task instead of
 * being forgotten (a chat leaves a follow-up for the same reason).
 */
export function emailTaskObserver(): TaskObserver {
  return async (ctx, events) => {
    for (const event of events) {
      if (event.kind !== 'timed-out') continue;
      const thread = await findEmailThreadByTask(ctx.trx, event.taskId);
      const task = thread ? await ctx.task(event.taskId) : null;
      if (!thread || !task || task.channel !== 'email') continue;
      const again = await ctx.openTask({ channel: 'email', queueId: task.queueId, customerId: task.customerId, priority: EMAIL_PRIORITY, subject: task.subject });
      await updateEmailThread(ctx.trx, { ...thread, taskId: again.id });
    }
  };
}

import type { TaskEvent } from '../../shared/domain/routing';
import { findSmsConversationByTask, saveSmsConversation } from '../db/sms-queries';
import type { TaskObserver } from '../routing/routing-service';

/** Events after which the conversation is over: the customer's next text opens a new one (offered first to the same agent). */
const ENDS: ReadonlySet<TaskEvent['kind']> = new Set(['wrap-up', 'done', 'abandoned', 'timed-out']);

/** Follows sms tasks: who is on the conversation (replies and live updates go to them), and when it is done. */
export function smsTaskObserver(): TaskObserver {
  return async (ctx, events) => {
    for (const event of events) {
      const conversation = await findSmsConversationByTask(ctx.trx, event.taskId);
      if (!conversation || conversation.status === 'done') continue;
      if (event.kind === 'accepted' || event.kind === 'assigned') {
        await saveSmsConversation(ctx.trx, { ...conversation, agentId: event.agentId }, ctx.now);
      } else if (event.kind === 'transferred') {
        // Nobody is on it until someone accepts: texts meanwhile are not pushed to the agent who passed it on.
        await saveSmsConversation(ctx.trx, { ...conversation, agentId: null }, ctx.now);
      } else if (ENDS.has(event.kind)) {
        await saveSmsConversation(ctx.trx, { ...conversation, status: 'done' }, ctx.now);
      }
    }
  };
}

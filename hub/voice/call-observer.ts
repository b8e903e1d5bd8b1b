import type { TaskEvent, TaskEventKind } from '../../shared/domain/routing';
import { findCustomer } from '../db/customer-queries';
import { findCallByTask, saveCall, type VoiceCall } from '../db/voice-queries';
import type { Logger } from '../log';
import type { StepContext, TaskObserver } from '../routing/routing-service';
import { endCall, logCall } from './call-end';
import { fileCallback } from '../follow-ups/virtual-hold';

/** The task events that change a call; the rest (offers, transfers) leave its record alone. */
const FOLLOWED: ReadonlySet<TaskEventKind> = new Set(['accepted', 'assigned', 'wrap-up', 'done', 'abandoned', 'timed-out']);

/** A callback waits behind live callers. */
const CALLBACK_PRIORITY = 40;

/**
 * Follows call tasks through routing, in the same step: answered → the
 * agent and the answer time are kept; the end of the conversation (wrap-up),
 * an abandon or a release at max wait ends the call once; it goes on the
 * customer's timeline then, or for an answered call at the agent's wrap-up.
 * A caller released at max wait becomes a callback task (virtual hold),
 * unless there is no number to call.
 */
export function callTaskObserver(log: Logger): TaskObserver {
  return async (ctx, events) => {
    for (const event of events) {
      if (!FOLLOWED.has(event.kind)) continue;
      const call = await findCallByTask(ctx.trx, event.taskId);
      if (!call) continue;
      // Done without a wrap-up writer having logged it (the writer normally has): log it now, without a disposition.
      if (event.kind === 'done') await logCall(ctx, call.endedAt === null ? await endCall(ctx, call, 'talked') : call, null);
      else if (call.endedAt === null) await follow(ctx, call, event, log);
    }
  };
}

async function follow(ctx: StepContext, call: VoiceCall, event: TaskEvent, log: Logger): Promise<void> {
  switch (event.kind) {
    case 'accepted':
      await saveCall(ctx.trx, { ...call, agentId: event.agentId, answeredAt: call.answeredAt ?? event.at });
      return;
    case 'assigned':
      // Assigned without an offer, the agent's phone still has to ring (route-answer.ts): answered only when they pick up.
      return;
    case 'wrap-up':
      // The talk is over; the call goes on the timeline at the agent's wrap-up (call-end.ts).
      await endCall(ctx, call, 'talked');
      return;
    case 'abandoned':
      await endCall(ctx, call, 'abandoned');
      return;
    case 'timed-out': {
      const callback = await openCallback(ctx, call, event.queueId);
      if (!callback) log.info(`call ${call.callId} released at max wait with no number to call back`);
      await endCall(ctx, call, 'released', callback);
      return;
    }
    default:
      return;
  }
}

/**
 * The callback for a caller released at max wait: a `call` task in the
 * queue they waited in (else its overflow), linked to the customer when
 * known. Answers its id, or null when there is no number or no queue for it.
 */
async function openCallback(ctx: StepContext, call: VoiceCall, queueId: string): Promise<string | null> {
  if (call.caller === null) return null;
  const waitedIn = ctx.queues.get(queueId);
  const queue = [waitedIn, waitedIn?.overflowQueueId ? ctx.queues.get(waitedIn.overflowQueueId) : undefined].find((candidate) =>
    candidate?.channels.includes('call'),
  );
  if (!queue) return null;
  // The customer may have been merged away while the caller waited: the callback still goes out, unlinked.
  const customerId = call.customerId && (await findCustomer(ctx.trx, call.customerId)) ? call.customerId : null;
  const task = await ctx.openTask({ channel: 'call', queueId: queue.id, customerId, priority: CALLBACK_PRIORITY, subject: `Callback: ${call.caller}` });
  if (customerId) await fileCallback(ctx, { customerId, queueId: queue.id, taskId: task.id, caller: call.caller });
  return task.id;
}

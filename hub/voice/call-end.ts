import { findCustomer } from '../db/customer-queries';
import { insertInteractions } from '../db/interaction-queries';
import { findUser } from '../db/user-queries';
import { type CallOutcome, findHold, saveCall, type VoiceCall } from '../db/voice-queries';
import { newId } from '../ids';
import type { StepContext } from '../routing/routing-service';
import { type CallContext, callInteraction } from './call-interaction';
import { NO_HOLD } from './hold-time';

/** The agent's wrap-up, carried into the call's timeline item. */
export type CallWrapUp = { disposition: string | null; notes: string };

/**
 * Ends a call once, whatever ended it, inside a routing step: the record
 * gets its end and outcome. An answered queue call then waits for its
 * agent's wrap-up (logCall with the disposition and notes); every other call
 * (missed, abandoned, released, direct) goes on the timeline now.
 */
export async function endCall(ctx: StepContext, call: VoiceCall, outcome: CallOutcome, callbackTaskId: string | null = null): Promise<VoiceCall> {
  if (call.endedAt !== null) return call;
  const ended: VoiceCall = { ...call, endedAt: ctx.now, outcome, callbackTaskId };
  await saveCall(ctx.trx, ended);
  if (ended.taskId !== null && outcome === 'talked') return ended;
  return logCall(ctx, ended, null);
}

/**
 * Writes the ended call's `call` interaction on its customer's timeline
 * through the change log, once: the record keeps the interaction's id, so a
 * second event (a retry, the wrap-up and Kamailio's BYE both arriving) finds
 * it written. A call without a customer (a withheld number) stays in
 * `voice_calls` only.
 */
export async function logCall(ctx: StepContext, call: VoiceCall, wrapUp: CallWrapUp | null): Promise<VoiceCall> {
  if (call.endedAt === null || call.interactionId) return call;
  const interaction = callInteraction(newId(ctx.now), call, await contextOf(ctx, call, wrapUp));
  // The customer may have been merged away since the call arrived.
  if (!interaction || !(await findCustomer(ctx.trx, interaction.customerId))) return call;
  await insertInteractions(ctx.trx, [interaction]);
  ctx.drafts.push({ entity: 'interaction', op: 'put', data: interaction });
  const logged: VoiceCall = { ...call, interactionId: interaction.id };
  await saveCall(ctx.trx, logged);
  return logged;
}

async function contextOf(ctx: StepContext, call: VoiceCall, wrapUp: CallWrapUp | null): Promise<CallContext> {
  const task = call.taskId ? await ctx.task(call.taskId) : null;
  const queue = task ? ctx.queues.get(task.queueId) : undefined;
  const agent = call.agentId ? await findUser(ctx.trx, call.agentId) : null;
  return {
    queue: queue ? { id: queue.id, name: queue.name } : null,
    agentName: agent?.displayName ?? null,
    agentUsername: agent?.username ?? null,
    hold: (await findHold(ctx.trx, call.callId)) ?? NO_HOLD,
    disposition: wrapUp?.disposition ?? null,
    notes: wrapUp?.notes ?? '',
  };
}

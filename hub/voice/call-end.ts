import { ulid } from 'ulid';
import { findCustomer } from '../db/customer-queries';
import { insertInteractions } from '../db/interaction-queries';
import { type CallOutcome, saveCall, type VoiceCall } from '../db/voice-queries';
import type { StepContext } from '../routing/routing-service';
import { callInteraction } from './call-interaction';

/**
 * Ends a call once, whatever ended it, inside a routing step: the record
 * gets its end and outcome, and a known customer's timeline gets the `call`
 * interaction through the change log. An unknown caller's call stays in
 * `voice_calls` only until the desktop can create or link a customer for it.
 */
export async function endCall(ctx: StepContext, call: VoiceCall, outcome: CallOutcome, callbackTaskId: string | null = null): Promise<VoiceCall> {
  if (call.endedAt !== null) return call;
  const ended: VoiceCall = { ...call, endedAt: ctx.now, outcome, callbackTaskId };
  await saveCall(ctx.trx, ended);
  const interaction = callInteraction(ulid(ctx.now), ended);
  // The customer may have been merged away since the call arrived.
  if (interaction && (await findCustomer(ctx.trx, interaction.customerId))) {
    await insertInteractions(ctx.trx, [interaction]);
    ctx.drafts.push({ entity: 'interaction', op: 'put', data: interaction });
  }
  return ended;
}

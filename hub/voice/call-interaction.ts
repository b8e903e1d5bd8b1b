import type { InteractionOf } from '../../shared/domain/interaction';
import type { VoiceCall } from '../db/voice-queries';

/** What the timeline shows for a caller who withheld their number. */
export const WITHHELD_NUMBER = 'anonymous';

/** Seconds talked: from the answer to the end; nothing for a call nobody answered. */
export function talkSeconds(call: Pick<VoiceCall, 'answeredAt' | 'endedAt'>): number {
  if (call.answeredAt === null || call.endedAt === null) return 0;
  return Math.max(0, Math.round((call.endedAt - call.answeredAt) / 1000));
}

/**
 * An ended call as the `call` interaction on its customer's timeline: missed
 * and abandoned calls too (no talk time), so the customer's history shows
 * every time they rang. Null when the caller is not a known customer.
 * Pure: the id comes from the caller.
 */
export function callInteraction(id: string, call: VoiceCall): InteractionOf<'call'> | null {
  if (call.customerId === null) return null;
  return {
    id,
    customerId: call.customerId,
    occurredAt: call.arrivedAt,
    agentId: call.outcome === 'talked' ? call.agentId : null,
    channel: 'call',
    direction: 'inbound',
    from: call.caller ?? WITHHELD_NUMBER,
    to: call.dialled,
    durationSec: talkSeconds(call),
    disposition: null,
  };
}

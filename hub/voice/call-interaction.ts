import type { CallOutcome, InteractionOf } from '../../shared/domain/interaction';
import type { CallOutcome as StoredOutcome, VoiceCall } from '../db/voice-queries';
import { heldMsUntil, type HoldTally, NO_HOLD } from './hold-time';

/** What the timeline shows for a caller who withheld their number. */
export const WITHHELD_NUMBER = 'anonymous';

const seconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));

/** The figures a supervisor reads off a call, in whole seconds. */
export type CallFigures = { waitSec: number; talkSec: number; holdSec: number };

/**
 * Wait: arrival to the answer, or to the end for a call nobody answered (the
 * caller gave up, or was released). Hold: every hold interval, one still
 * open at the end counted to the end. Talk: answer to end without the hold.
 * Pure; `endedAt` is when the talk ended, not when the agent wrapped up.
 */
export function callFigures(call: Pick<VoiceCall, 'arrivedAt' | 'answeredAt'>, endedAt: number, hold: HoldTally = NO_HOLD): CallFigures {
  const waitSec = seconds((call.answeredAt ?? endedAt) - call.arrivedAt);
  if (call.answeredAt === null) return { waitSec, talkSec: 0, holdSec: 0 };
  const heldMs = Math.min(heldMsUntil(hold, endedAt), Math.max(0, endedAt - call.answeredAt));
  return { waitSec, talkSec: seconds(endedAt - call.answeredAt - heldMs), holdSec: seconds(heldMs) };
}

const OUTCOMES: Record<StoredOutcome, CallOutcome> = {
  talked: 'answered',
  unanswered: 'missed',
  abandoned: 'abandoned',
  released: 'released',
  declined: 'declined',
};

/** What is known about the call besides its record: names as they are now, and the agent's wrap-up. */
export type CallContext = {
  queue: { id: string; name: string } | null;
  agentName: string | null;
  /** The agent's username, the outbound caller's address on the timeline. */
  agentUsername: string | null;
  hold: HoldTally;
  disposition: string | null;
  notes: string;
};

/**
 * An ended call as the `call` interaction on its customer's timeline: missed,
 * abandoned and released calls too (no talk time), so the customer's history
 * shows every time they rang. Null when the call has no customer (a withheld
 * number) or has not ended. Pure: the id comes from the caller.
 */
export function callInteraction(id: string, call: VoiceCall, context: CallContext): InteractionOf<'call'> | null {
  if (call.customerId === null || call.endedAt === null || call.outcome === null) return null;
  const outbound = call.direction === 'outbound';
  const figures = callFigures(call, call.endedAt, context.hold);
  const answered = call.outcome === 'talked';
  return {
    id,
    customerId: call.customerId,
    occurredAt: call.arrivedAt,
    // Who took it (or dialled it); a call nobody answered was nobody's.
    agentId: answered || outbound ? call.agentId : null,
    channel: 'call',
    direction: outbound ? 'outbound' : 'inbound',
    from: outbound ? (context.agentUsername ?? '') : (call.caller ?? WITHHELD_NUMBER),
    to: call.dialled,
    durationSec: figures.talkSec,
    disposition: context.disposition,
    callId: call.callId,
    queue: context.queue,
    agentName: answered || outbound ? context.agentName : null,
    outcome: OUTCOMES[call.outcome],
    waitSec: figures.waitSec,
    holdSec: figures.holdSec,
    notes: context.notes,
  };
}

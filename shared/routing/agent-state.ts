import { type AgentProfile, type AgentState, MISSED_OFFERS_REASON } from '../domain/routing';

/**
 * Agent state transitions. The hub enforces these (no offers while away);
 * the desktop only asks. Every change stamps `since` so the desktop can show
 * time in state; a request for the state the agent is already in changes
 * nothing, `since` included, so a double click does not reset the clock.
 */

export type AgentStateRequest =
  | { kind: 'available' }
  | { kind: 'away'; reasonCode: string }
  | { kind: 'offline' }
  /** After-contact work on a call or video; a second one ending meanwhile extends the timer. */
  | { kind: 'wrap-up'; durationSec: number };

export type AgentStateErrorCode = 'invalid-transition' | 'unknown-reason';
export type AgentStateResult =
  | { ok: true; state: AgentState }
  | { ok: false; error: { code: AgentStateErrorCode; message: string } };

const refuse = (code: AgentStateErrorCode, message: string): AgentStateResult => ({ ok: false, error: { code, message } });

/**
 * @param awayReasons the admin-managed reason codes; `missed-offers` is the
 *   hub's own and cannot be chosen.
 */
export function changeAgentState(
  state: AgentState,
  request: AgentStateRequest,
  now: number,
  awayReasons: readonly string[],
): AgentStateResult {
  switch (request.kind) {
    case 'available':
      return { ok: true, state: state.status === 'available' ? state : { status: 'available', since: now } };
    case 'offline':
      return { ok: true, state: state.status === 'offline' ? state : { status: 'offline', since: now } };
    case 'away': {
      if (request.reasonCode === MISSED_OFFERS_REASON || !awayReasons.includes(request.reasonCode)) {
        return refuse('unknown-reason', `"${request.reasonCode}" is not an away reason`);
      }
      if (state.status === 'away' && state.reasonCode === request.reasonCode) return { ok: true, state };
      return { ok: true, state: { status: 'away', since: now, reasonCode: request.reasonCode } };
    }
    case 'wrap-up': {
      const until = now + Math.max(0, request.durationSec) * 1000;
      if (state.status === 'available') return { ok: true, state: { status: 'wrap-up', since: now, until } };
      if (state.status === 'wrap-up') return { ok: true, state: { ...state, until: Math.max(state.until, until) } };
      // Away or offline agents asked for no new work; wrap-up would end in "available" behind their back.
      return refuse('invalid-transition', `cannot start wrap-up while ${state.status}`);
    }
  }
}

/** Ends a wrap-up whose timer has run out; the agent is available from the moment it ran out. */
export function tickAgentState(state: AgentState, now: number): AgentState {
  return state.status === 'wrap-up' && now >= state.until ? { status: 'available', since: state.until } : state;
}

/**
 * After an offer ran out unanswered. `missedInARow` includes this miss; the hub
 * resets it to 0 when the agent accepts an offer or makes themselves available.
 * A decline is an answer, not a miss.
 */
export function afterMissedOffer(state: AgentState, missedInARow: number, profile: AgentProfile, now: number): AgentState {
  const limit = profile.maxMissedBeforeAway;
  if (limit === 0 || missedInARow < limit || state.status !== 'available') return state;
  return { status: 'away', since: now, reasonCode: MISSED_OFFERS_REASON };
}

/** Only an available agent gets offers; busy-ness is capacity, checked by routing. */
export function mayReceiveOffers(state: AgentState): boolean {
  return state.status === 'available';
}

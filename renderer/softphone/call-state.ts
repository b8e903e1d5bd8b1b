import type { Tier } from '../../shared/domain/customer';
import type { CallerId } from '../../shared/phone/caller-id';

/**
 * The softphone's registration with the SIP server. `unavailable` means the
 * phone cannot take calls right now (server unreachable or registration
 * refused); the rest of the desktop keeps working.
 */
export type Registration =
  | { kind: 'off' }
  | { kind: 'registering' }
  | { kind: 'registered' }
  | { kind: 'unavailable'; reason: 'unreachable' | 'refused' };

/** What the cache knows about the caller's number: the screen pop. */
export type ScreenPop =
  | { kind: 'looking' }
  | { kind: 'known'; customerId: string; name: string; number: string; tier: Tier }
  | { kind: 'unknown' }
  | { kind: 'none' };

export type CallPhase = 'ringing' | 'dialling' | 'answering' | 'connected';

export type Call = {
  id: string;
  direction: 'inbound' | 'outbound';
  phase: CallPhase;
  party: CallerId;
  pop: ScreenPop;
  startedAt: number;
  connectedAt: number | null;
  muted: boolean;
  held: boolean;
};

/** Why the last call ended, for the one line the card shows afterwards. */
export type CallEnd = 'hung-up' | 'remote-hung-up' | 'declined' | 'missed' | 'busy' | 'rejected' | 'failed' | 'media-denied';

export type PhoneState = {
  registration: Registration;
  /** One call at a time in this increment: a second INVITE while busy is answered 486. */
  call: Call | null;
  lastEnd: { reason: CallEnd; at: number } | null;
};

export type PhoneEvent =
  | { type: 'registration'; registration: Registration }
  | { type: 'incoming'; id: string; party: CallerId; at: number }
  | { type: 'dialling'; id: string; party: CallerId; at: number }
  | { type: 'answering'; id: string }
  | { type: 'connected'; id: string; at: number }
  | { type: 'ended'; id: string; reason: CallEnd; at: number }
  /** The microphone was refused before any call existed (an outbound dial). */
  | { type: 'media-denied'; at: number }
  | { type: 'screen-pop'; id: string; pop: ScreenPop }
  | { type: 'muted'; id: string; muted: boolean }
  | { type: 'held'; id: string; held: boolean }
  | { type: 'dismiss' };

export const INITIAL_PHONE_STATE: PhoneState = { registration: { kind: 'off' }, call: null, lastEnd: null };

/** Only a free phone takes a new call; the SIP layer answers 486 Busy Here otherwise. */
export const canTakeCall = (state: PhoneState): boolean => state.call === null;

export const isRegistered = (state: PhoneState): boolean => state.registration.kind === 'registered';

function updateCall(state: PhoneState, id: string, change: (call: Call) => Call): PhoneState {
  if (state.call?.id !== id) return state;
  return { ...state, call: change(state.call) };
}

export function reducePhone(state: PhoneState, event: PhoneEvent): PhoneState {
  switch (event.type) {
    case 'registration':
      return { ...state, registration: event.registration };
    case 'incoming':
    case 'dialling': {
      if (!canTakeCall(state)) return state;
      const inbound = event.type === 'incoming';
      const pop: ScreenPop = inbound && event.party.kind === 'number' ? { kind: 'looking' } : { kind: 'none' };
      return {
        ...state,
        lastEnd: null,
        call: {
          id: event.id,
          direction: inbound ? 'inbound' : 'outbound',
          phase: inbound ? 'ringing' : 'dialling',
          party: event.party,
          pop,
          startedAt: event.at,
          connectedAt: null,
          muted: false,
          held: false,
        },
      };
    }
    case 'answering':
      return updateCall(state, event.id, (call) => (call.phase === 'ringing' ? { ...call, phase: 'answering' } : call));
    case 'connected':
      return updateCall(state, event.id, (call) => (call.connectedAt === null ? { ...call, phase: 'connected', connectedAt: event.at } : call));
    case 'ended':
      if (state.call?.id !== event.id) return state;
      return { ...state, call: null, lastEnd: { reason: event.reason, at: event.at } };
    case 'media-denied':
      return state.call ? state : { ...state, lastEnd: { reason: 'media-denied', at: event.at } };
    case 'screen-pop':
      return updateCall(state, event.id, (call) => ({ ...call, pop: event.pop }));
    case 'muted':
      return updateCall(state, event.id, (call) => (call.phase === 'connected' ? { ...call, muted: event.muted } : call));
    case 'held':
      return updateCall(state, event.id, (call) => (call.phase === 'connected' ? { ...call, held: event.held } : call));
    case 'dismiss':
      return { ...state, lastEnd: null };
  }
}

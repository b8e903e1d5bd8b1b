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

/**
 * The call's pictures. `offered`: the call carries video (the caller's SDP
 * offered it, or the agent dialled a video call); `camera`: the agent's
 * camera is being sent; `sharing`: their screen is sent in its place;
 * `remote`: the far end's pictures are arriving (frames being decoded).
 */
export type CallVideo = { offered: boolean; camera: boolean; sharing: boolean; remote: boolean };

export const NO_VIDEO: CallVideo = { offered: false, camera: false, sharing: false, remote: false };

export type Call = {
  id: string;
  /** The SIP Call-ID: the hub's key for the call (voice_calls, Kamailio's events). */
  sipCallId: string;
  direction: 'inbound' | 'outbound';
  phase: CallPhase;
  party: CallerId;
  pop: ScreenPop;
  startedAt: number;
  connectedAt: number | null;
  muted: boolean;
  held: boolean;
  video: CallVideo;
};

/** Why the last call ended, for the one line the card shows afterwards. */
export type CallEnd =
  | 'hung-up'
  | 'remote-hung-up'
  | 'declined'
  | 'missed'
  | 'busy'
  | 'rejected'
  /** Refused by the hub when dialling a number out (shared/protocol/voice.ts OUTBOUND_REFUSALS). */
  | 'no-outbound-line'
  | 'destination-not-allowed'
  | 'not-a-number'
  | 'failed'
  | 'media-denied'
  /** Handed on to someone else: by this agent (a transfer that went through) or by the far end. */
  | 'transferred';

/**
 * The phone's second call, beside the caller: the consult call the agent
 * placed while the caller is held, or the call this phone places because the
 * far end transferred us (a REFER we follow). When the first call ends, the
 * second one becomes the call.
 */
export type SecondLeg = { kind: 'consult' | 'referral'; call: Call };

/** A transfer of the caller this agent asked for: blind (REFER to a target) or attended (REFER with Replaces to the consult). */
export type Transfer = { kind: 'blind' | 'attended'; target: CallerId; status: 'pending' } | { kind: 'blind' | 'attended'; target: CallerId; status: 'failed'; code: number };

export type PhoneState = {
  registration: Registration;
  /** The caller (one at a time: a new INVITE while busy is answered 486). */
  call: Call | null;
  /** A consult or followed transfer beside `call`; null most of the time. */
  second: SecondLeg | null;
  /** Both calls mixed on this desktop: a three-way conference. */
  conference: boolean;
  transfer: Transfer | null;
  lastEnd: { reason: CallEnd; at: number } | null;
};

export type PhoneEvent =
  | { type: 'registration'; registration: Registration }
  /** `video`: the INVITE's SDP offers video (the card rings as a video call). */
  | { type: 'incoming'; id: string; sipCallId: string; party: CallerId; at: number; video?: boolean }
  /** `video`: the agent dialled a video call (camera on from the start). */
  | { type: 'dialling'; id: string; sipCallId: string; party: CallerId; at: number; video?: boolean }
  | { type: 'answering'; id: string }
  | { type: 'connected'; id: string; at: number }
  | { type: 'ended'; id: string; reason: CallEnd; at: number }
  /** The microphone was refused before any call existed (an outbound dial). */
  | { type: 'media-denied'; at: number }
  | { type: 'screen-pop'; id: string; pop: ScreenPop }
  | { type: 'muted'; id: string; muted: boolean }
  | { type: 'held'; id: string; held: boolean }
  /** The agent placed a consult call while the caller waits. */
  | { type: 'consulting'; id: string; sipCallId: string; party: CallerId; at: number }
  /** The far end transferred us: this phone calls the target it named. */
  | { type: 'following-referral'; id: string; sipCallId: string; party: CallerId; at: number }
  /** An INVITE with Replaces took over call `id` (the far end completed an attended transfer to us). */
  | { type: 'replaced'; id: string; newId: string; sipCallId: string; party: CallerId; at: number }
  | { type: 'transferring'; id: string; kind: Transfer['kind']; target: CallerId }
  /** The transfer target refused or could not be reached (`code` is its SIP status); the caller stays with the agent. */
  | { type: 'transfer-failed'; id: string; code: number }
  | { type: 'conference'; on: boolean }
  /** The agent's camera is (not) being sent on the call; on also makes it a video call. */
  | { type: 'camera'; id: string; on: boolean }
  /** The agent's screen is (no longer) sent in place of the camera. */
  | { type: 'sharing'; id: string; on: boolean }
  /** The far end's pictures started or stopped arriving. */
  | { type: 'remote-video'; id: string; on: boolean }
  | { type: 'dismiss' };

export const INITIAL_PHONE_STATE: PhoneState = { registration: { kind: 'off' }, call: null, second: null, conference: false, transfer: null, lastEnd: null };

/** Only a free phone takes a new call; the SIP layer answers 486 Busy Here otherwise. */
export const canTakeCall = (state: PhoneState): boolean => state.call === null;

export const isRegistered = (state: PhoneState): boolean => state.registration.kind === 'registered';

/** A consult may start only from a connected call with nothing else going on. */
export const canConsult = (state: PhoneState): boolean => state.call?.phase === 'connected' && state.second === null && state.transfer?.status !== 'pending';

/** Both calls connected and not yet mixed: the agent may merge them. */
export const canMerge = (state: PhoneState): boolean =>
  state.second?.kind === 'consult' && state.second.call.phase === 'connected' && state.call?.phase === 'connected' && !state.conference;

/** Applies `change` to whichever of the two calls has this id. */
function updateCall(state: PhoneState, id: string, change: (call: Call) => Call): PhoneState {
  if (state.call?.id === id) return { ...state, call: change(state.call) };
  if (state.second?.call.id === id) return { ...state, second: { ...state.second, call: change(state.second.call) } };
  return state;
}

function newCall(event: { id: string; sipCallId: string; party: CallerId; at: number; video?: boolean }, direction: Call['direction']): Call {
  const inbound = direction === 'inbound';
  return {
    id: event.id,
    sipCallId: event.sipCallId,
    direction,
    phase: inbound ? 'ringing' : 'dialling',
    party: event.party,
    // Only the caller's number is looked up; an agent's own consult or transfer target needs no screen pop.
    pop: inbound && event.party.kind === 'number' ? { kind: 'looking' } : { kind: 'none' },
    startedAt: event.at,
    connectedAt: null,
    muted: false,
    held: false,
    // An outbound video call sends the camera from the start; an inbound one waits for the agent to answer with it.
    video: { ...NO_VIDEO, offered: event.video === true, camera: event.video === true && !inbound },
  };
}

/** One call ended: the second call becomes the call when the first goes; a conference ends with either. */
function endCall(state: PhoneState, event: { id: string; reason: CallEnd; at: number }): PhoneState {
  const lastEnd = { reason: event.reason, at: event.at };
  if (state.second?.call.id === event.id) {
    // A failed consult or followed transfer leaves the caller as it was; only a completed transfer clears the card.
    return { ...state, second: null, conference: false, lastEnd };
  }
  if (state.call?.id !== event.id) return state;
  if (state.second) return { ...state, call: state.second.call, second: null, conference: false, transfer: null, lastEnd };
  return { ...state, call: null, conference: false, transfer: null, lastEnd };
}

export function reducePhone(state: PhoneState, event: PhoneEvent): PhoneState {
  switch (event.type) {
    case 'registration':
      return { ...state, registration: event.registration };
    case 'incoming':
    case 'dialling':
      if (!canTakeCall(state)) return state;
      return { ...state, lastEnd: null, transfer: null, call: newCall(event, event.type === 'incoming' ? 'inbound' : 'outbound') };
    case 'consulting':
      if (!canConsult(state)) return state;
      return { ...state, lastEnd: null, second: { kind: 'consult', call: newCall(event, 'outbound') } };
    case 'following-referral':
      if (state.call?.phase !== 'connected' || state.second) return state;
      return { ...state, lastEnd: null, second: { kind: 'referral', call: newCall(event, 'outbound') } };
    case 'replaced':
      // The same conversation goes on with a new party on a new SIP call; its timer starts again when media flows.
      return updateCall(state, event.id, (call) => ({
        ...call,
        id: event.newId,
        sipCallId: event.sipCallId,
        party: event.party,
        pop: { kind: 'none' },
        phase: 'answering',
        startedAt: event.at,
        connectedAt: null,
        muted: false,
        held: false,
        video: NO_VIDEO,
      }));
    case 'transferring':
      if (state.call?.id !== event.id || state.call.phase !== 'connected') return state;
      return { ...state, lastEnd: null, transfer: { kind: event.kind, target: event.target, status: 'pending' } };
    case 'transfer-failed':
      if (state.call?.id !== event.id || state.transfer?.status !== 'pending') return state;
      return { ...state, transfer: { kind: state.transfer.kind, target: state.transfer.target, status: 'failed', code: event.code } };
    case 'conference':
      if (event.on && !canMerge(state)) return state;
      return { ...state, conference: event.on && state.second !== null };
    case 'answering':
      return updateCall(state, event.id, (call) => (call.phase === 'ringing' ? { ...call, phase: 'answering' } : call));
    case 'connected':
      return updateCall(state, event.id, (call) => (call.connectedAt === null ? { ...call, phase: 'connected', connectedAt: event.at } : call));
    case 'ended':
      return endCall(state, event);
    case 'media-denied':
      return state.call ? state : { ...state, lastEnd: { reason: 'media-denied', at: event.at } };
    case 'screen-pop':
      return updateCall(state, event.id, (call) => ({ ...call, pop: event.pop }));
    case 'muted':
      return updateCall(state, event.id, (call) => (call.phase === 'connected' ? { ...call, muted: event.muted } : call));
    case 'held':
      return updateCall(state, event.id, (call) => (call.phase === 'connected' ? { ...call, held: event.held } : call));
    case 'camera':
      // Turning the camera on during an audio call makes it a video call; off, it stays one (the far end may still send).
      return updateCall(state, event.id, (call) =>
        call.phase === 'ringing' ? call : { ...call, video: { ...call.video, offered: call.video.offered || event.on, camera: event.on } },
      );
    case 'sharing':
      return updateCall(state, event.id, (call) => (call.phase === 'connected' ? { ...call, video: { ...call.video, sharing: event.on } } : call));
    case 'remote-video':
      return updateCall(state, event.id, (call) => ({ ...call, video: { ...call.video, offered: call.video.offered || event.on, remote: event.on } }));
    case 'dismiss':
      return { ...state, lastEnd: null, transfer: state.transfer?.status === 'failed' ? null : state.transfer };
  }
}

/**
 * A visitor's call from the widget, as a few plain values: where it stands,
 * and how it ended in words the visitor can act on. Pure; the SIP side
 * (sip-call.ts, loaded on demand) and the panel (views/call-panel.ts) use it.
 */

export type CallKind = 'voice' | 'video';

/** `starting`: asking for the microphone/camera and the hub's ticket; `calling`: the INVITE is out. */
export type CallPhase = 'idle' | 'starting' | 'calling' | 'ringing' | 'connected' | 'ended';

/** Why a call is over (or was never placed). */
export type CallEnd =
  | 'hung-up'
  | 'busy'
  | 'unavailable'
  | 'refused'
  | 'unreachable'
  /** The browser refused the microphone or camera: no call was placed. */
  | 'media-denied'
  /** No microphone (or camera) on this device: no call was placed. */
  | 'no-device'
  /** The browser cannot make calls at all (no WebRTC, or not a secure page). */
  | 'unsupported';

/** A final answer to the INVITE as the visitor hears it. */
export function endOfRefusal(status: number): CallEnd {
  if (status === 486 || status === 600 || status === 603) return 'busy';
  if (status === 480 || status === 408 || status === 503) return 'unavailable';
  return 'refused';
}

/** getUserMedia's refusal (a DOMException name) as the visitor's problem. */
export function mediaProblem(errorName: string): CallEnd {
  if (errorName === 'NotAllowedError' || errorName === 'SecurityError') return 'media-denied';
  if (errorName === 'NotFoundError' || errorName === 'OverconstrainedError' || errorName === 'NotReadableError') return 'no-device';
  return 'unsupported';
}

/** The camera for a video call, the microphone always; echo cancellation as a phone call needs. */
export const mediaConstraints = (kind: CallKind): MediaStreamConstraints => ({
  audio: { echoCancellation: true, noiseSuppression: true },
  video: kind === 'video' ? { width: { ideal: 640 }, height: { ideal: 480 } } : false,
});

/** Where the widget reaches the SIP server when the hub names none: its own host, Kamailio's WebSocket port. */
export function defaultSipWsUrl(page: { protocol: string; hostname: string }, port: number): string {
  return `${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.hostname}:${port}`;
}

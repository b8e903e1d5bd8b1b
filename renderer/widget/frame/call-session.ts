import type { VisitorCallTicket } from '../../../shared/protocol/visitor';
import { DEFAULT_SIP_WS_PORT } from '../../../shared/protocol/voice';
import type { WidgetText } from '../i18n/widget-text';
import { type CallEnd, type CallKind, defaultSipWsUrl, mediaConstraints, mediaProblem } from './call-state';
import { callRefusalText } from './refusal-text';
import type { SipCall } from './sip-call';
import type { ApiResult } from './visitor-api';
import { type CallView, callPanel } from './views/call-panel';

const IDLE: CallView = { offered: false, phase: 'idle', kind: 'voice', end: null, refusal: null, muted: false, cameraOn: false, local: null, remote: null };

/**
 * A visitor's call from the chat: the microphone (and camera) first, so a
 * refusal is told before anything is placed; then the hub's ticket (SIP
 * credentials for this chat, and the number); then sip.js, loaded only now.
 * One call at a time.
 */
export function createCallSession(t: WidgetText, deps: { ticket: () => Promise<ApiResult<VisitorCallTicket>> }) {
  let view: CallView = IDLE;
  let sip: SipCall | null = null;
  /** Bumped by every start and hang-up: a slow step of an abandoned attempt finds it changed and stops. */
  let attempt = 0;
  const panel = callPanel(t, { start: (kind) => void start(kind), hangUp, mute, camera });

  function set(patch: Partial<CallView>): void {
    view = { ...view, ...patch };
    panel.update(view);
  }

  function release(): void {
    for (const track of view.local?.getTracks() ?? []) track.stop();
  }

  function ended(end: CallEnd | null, refusal: string | null = null): void {
    release();
    sip = null;
    set({ phase: 'ended', end, refusal, local: null, remote: null, muted: false });
  }

  async function start(kind: CallKind): Promise<void> {
    if (view.phase !== 'idle' && view.phase !== 'ended') return;
    const mine = ++attempt;
    set({ phase: 'starting', kind, end: null, refusal: null, muted: false, cameraOn: kind === 'video', remote: null });
    if (!navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === 'undefined') return ended('unsupported');
    let local: MediaStream;
    try {
      local = await navigator.mediaDevices.getUserMedia(mediaConstraints(kind));
    } catch (error) {
      return ended(mediaProblem(error instanceof Error ? error.name : ''));
    }
    if (mine !== attempt) {
      for (const track of local.getTracks()) track.stop();
      return;
    }
    set({ local });
    const ticket = await deps.ticket();
    if (mine !== attempt) return;
    if (!ticket.ok) return ended(null, callRefusalText(t, ticket.error));
    let placeSipCall: typeof import('./sip-call').placeSipCall;
    try {
      ({ placeSipCall } = await import('./sip-call'));
    } catch {
      return ended('unreachable');
    }
    if (mine !== attempt) return;
    set({ phase: 'calling' });
    const wsUrl = ticket.data.wsUrl ?? defaultSipWsUrl(location, DEFAULT_SIP_WS_PORT);
    const call = await placeSipCall(ticket.data, wsUrl, local, kind === 'video', {
      ringing: () => mine === attempt && view.phase === 'calling' && set({ phase: 'ringing' }),
      connected: (remote) => mine === attempt && set({ phase: 'connected', remote }),
      ended: (end) => mine === attempt && ended(end),
    });
    if (mine === attempt) sip = call;
    else call.hangUp();
  }

  function hangUp(): void {
    if (view.phase === 'idle' || view.phase === 'ended') return;
    attempt += 1;
    const call = sip;
    sip = null;
    call?.hangUp();
    ended('hung-up');
  }

  function mute(muted: boolean): void {
    for (const track of view.local?.getAudioTracks() ?? []) track.enabled = !muted;
    set({ muted });
  }

  /** Off: the camera's track sends black frames, and the visitor's own picture goes. */
  function camera(on: boolean): void {
    for (const track of view.local?.getVideoTracks() ?? []) track.enabled = on;
    set({ cameraOn: on });
  }

  panel.update(view);
  return {
    element: panel.element,
    /** Whether the buttons are offered now; a call already up goes on. */
    setOffered(offered: boolean): void {
      if (offered !== view.offered) set({ offered });
    },
    hangUp,
  };
}

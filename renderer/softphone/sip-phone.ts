import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  type Session,
  SessionState,
  UserAgent,
  Web,
} from 'sip.js';
import { backoffDelay } from '../sync/backoff';
import { type CallerId, type CallerHeaders, parseCallerId } from '../../shared/phone/caller-id';
import type { CallEnd, PhoneEvent } from './call-state';
import type { CountryCode } from '../../shared/phone/e164';

export type SoftphoneConfig = {
  wsUrl: string;
  /** The SIP domain agents register in (from 'voice:settings'). */
  domain: string;
  /** The agent's username: their SIP user and extension. */
  user: string;
  displayName: string;
  iceServers: string[];
  region: CountryCode;
};

/** The small surface the desktop uses; sip.js stays behind it. */
export interface Softphone {
  start(): void;
  stop(): Promise<void>;
  /** Where the other side's voice plays; set once the hidden element is mounted. */
  setRemoteAudio(element: HTMLAudioElement | null): void;
  /** `target` is an extension, a queue number or a phone number already in E.164. */
  dial(target: string, party: CallerId): Promise<void>;
  answer(): Promise<void>;
  decline(): void;
  hangUp(): void;
  setMuted(muted: boolean): void;
  setHeld(held: boolean): void;
  sendDtmf(tone: string): void;
}

/** Whether a microphone may be opened: asked before answering, so a refusal declines instead of half-answering. */
export type MicrophoneCheck = () => Promise<'granted' | 'denied'>;

export const checkMicrophone: MicrophoneCheck = async () => {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    for (const track of stream.getTracks()) track.stop();
    return 'granted';
  } catch {
    return 'denied';
  }
};

const AUDIO_ONLY = { constraints: { audio: true, video: false } };

/** The SIP answer to an outbound call, in the card's words. */
export function endForResponse(statusCode: number): CallEnd {
  if (statusCode === 486 || statusCode === 600) return 'busy';
  if (statusCode === 603) return 'declined';
  if (statusCode === 408 || statusCode === 487) return 'missed';
  return statusCode >= 400 && statusCode < 500 ? 'rejected' : 'failed';
}

const headersOf = (invitation: Invitation): CallerHeaders => ({
  fromUser: invitation.remoteIdentity.uri.user ?? '',
  // sip.js types it as a string, but a From with no display name gives undefined.
  fromDisplay: invitation.remoteIdentity.displayName ?? '',
  assertedIdentity: invitation.request.getHeader('P-Asserted-Identity') ?? '',
});

/** `localEnd` is set when this side ends the call; `remoteEnd` is what an end from the other side means at this point. */
type ActiveCall = { id: string; session: Session; localEnd: CallEnd | null; remoteEnd: CallEnd; muted: boolean; held: boolean };

/**
 * sip.js behind `Softphone`: one UserAgent over WebSocket, one Registerer, at
 * most one call. Every change is reported as a `PhoneEvent` for the store;
 * the wrapper keeps only what sip.js needs (the live session).
 */
export function createSoftphone(
  config: SoftphoneConfig,
  emit: (event: PhoneEvent) => void,
  options: { now?: () => number; microphone?: MicrophoneCheck } = {},
): Softphone {
  const now = options.now ?? Date.now;
  const microphone = options.microphone ?? checkMicrophone;
  let active: ActiveCall | null = null;
  let remoteAudio: HTMLAudioElement | null = null;
  let stopped = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const userAgent = new UserAgent({
    uri: UserAgent.makeURI(`sip:${config.user}@${config.domain}`),
    displayName: config.displayName,
    transportOptions: { server: config.wsUrl },
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: config.iceServers.map((urls) => ({ urls })) } },
    logBuiltinEnabled: false,
    delegate: {
      onConnect: () => {
        attempt = 0;
        register();
      },
      onDisconnect: () => {
        if (stopped) return;
        emit({ type: 'registration', registration: { kind: 'unavailable', reason: 'unreachable' } });
        scheduleReconnect();
      },
      onInvite: (invitation) => onInvite(invitation),
    },
  });
  const registerer = new Registerer(userAgent);
  registerer.stateChange.addListener((state) => {
    if (state === RegistererState.Registered) emit({ type: 'registration', registration: { kind: 'registered' } });
  });

  function register(): void {
    emit({ type: 'registration', registration: { kind: 'registering' } });
    registerer
      .register({
        requestDelegate: {
          onReject: () => emit({ type: 'registration', registration: { kind: 'unavailable', reason: 'refused' } }),
        },
      })
      .catch(() => emit({ type: 'registration', registration: { kind: 'unavailable', reason: 'unreachable' } }));
  }

  function scheduleReconnect(): void {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      if (stopped) return;
      emit({ type: 'registration', registration: { kind: 'registering' } });
      userAgent.reconnect().catch(() => {
        emit({ type: 'registration', registration: { kind: 'unavailable', reason: 'unreachable' } });
        scheduleReconnect();
      });
    }, backoffDelay(attempt++));
  }

  function playRemote(session: Session): void {
    const handler = session.sessionDescriptionHandler;
    if (!remoteAudio || !(handler instanceof Web.SessionDescriptionHandler)) return;
    remoteAudio.srcObject = handler.remoteMediaStream;
    remoteAudio.play().catch(() => {
      // Autoplay refused before any click: the stream is attached and plays on the next user gesture.
    });
  }

  function follow(call: ActiveCall): void {
    call.session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        call.remoteEnd = 'remote-hung-up';
        playRemote(call.session);
        emit({ type: 'connected', id: call.id, at: now() });
      }
      if (state === SessionState.Terminated) {
        if (active === call) active = null;
        if (remoteAudio && active === null) remoteAudio.srcObject = null;
        // sip.js ends an Inviter *before* it hands the final response to invite()'s onReject,
        // so the reason (busy, declined…) is read once the current task has run.
        queueMicrotask(() => emit({ type: 'ended', id: call.id, reason: call.localEnd ?? call.remoteEnd, at: now() }));
      }
    });
  }

  function onInvite(invitation: Invitation): void {
    if (active) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    // Until it is answered, an end from the caller's side means they gave up: a missed call.
    const call: ActiveCall = { id: invitation.id, session: invitation, localEnd: null, remoteEnd: 'missed', muted: false, held: false };
    active = call;
    follow(call);
    emit({ type: 'incoming', id: call.id, party: parseCallerId(headersOf(invitation), config.region), at: now() });
  }

  function applySenderTracks(call: ActiveCall): void {
    const handler = call.session.sessionDescriptionHandler;
    if (handler instanceof Web.SessionDescriptionHandler) handler.enableSenderTracks(!call.muted && !call.held);
  }

  return {
    start() {
      stopped = false;
      emit({ type: 'registration', registration: { kind: 'registering' } });
      userAgent.start().catch(() => {
        emit({ type: 'registration', registration: { kind: 'unavailable', reason: 'unreachable' } });
        scheduleReconnect();
      });
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = null;
      if (active) this.hangUp();
      if (userAgent.isConnected()) await registerer.unregister().catch(() => undefined);
      await userAgent.stop().catch(() => undefined);
      emit({ type: 'registration', registration: { kind: 'off' } });
    },
    setRemoteAudio(element) {
      remoteAudio = element;
      if (active?.session.state === SessionState.Established) playRemote(active.session);
    },
    async dial(target, party) {
      if (active) return;
      if ((await microphone()) === 'denied') {
        emit({ type: 'media-denied', at: now() });
        return;
      }
      const uri = UserAgent.makeURI(`sip:${target}@${config.domain}`);
      if (!uri || active) return;
      const inviter = new Inviter(userAgent, uri, { sessionDescriptionHandlerOptions: AUDIO_ONLY });
      const call: ActiveCall = { id: inviter.id, session: inviter, localEnd: null, remoteEnd: 'failed', muted: false, held: false };
      active = call;
      follow(call);
      emit({ type: 'dialling', id: call.id, party, at: now() });
      await inviter
        .invite({
          requestDelegate: {
            onReject: (response) => {
              call.remoteEnd = endForResponse(response.message.statusCode ?? 0);
            },
          },
        })
        .catch(() => {
          call.remoteEnd = 'failed';
        });
    },
    async answer() {
      const call = active;
      if (!call || !(call.session instanceof Invitation) || call.session.state !== SessionState.Initial) return;
      emit({ type: 'answering', id: call.id });
      // Asked first so a blocked microphone declines the call (480) instead of answering it silent.
      if ((await microphone()) === 'denied') {
        call.localEnd = 'media-denied';
        await call.session.reject({ statusCode: 480 }).catch(() => undefined);
        return;
      }
      await call.session.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY }).catch(() => {
        call.localEnd = 'failed';
      });
    },
    decline() {
      const call = active;
      if (!(call?.session instanceof Invitation) || call.session.state !== SessionState.Initial) return;
      call.localEnd = 'declined';
      void call.session.reject({ statusCode: 603 }).catch(() => undefined);
    },
    hangUp() {
      const call = active;
      if (!call) return;
      call.localEnd ??= 'hung-up';
      const { session } = call;
      if (session.state === SessionState.Established) void session.bye().catch(() => undefined);
      else if (session instanceof Inviter) void session.cancel().catch(() => undefined);
      else if (session instanceof Invitation && session.state === SessionState.Initial) {
        call.localEnd = 'declined';
        void session.reject({ statusCode: 603 }).catch(() => undefined);
      }
    },
    setMuted(muted) {
      if (!active || active.session.state !== SessionState.Established) return;
      active.muted = muted;
      applySenderTracks(active);
      emit({ type: 'muted', id: active.id, muted });
    },
    setHeld(held) {
      const call = active;
      if (!call || call.session.state !== SessionState.Established) return;
      const options: Web.SessionDescriptionHandlerOptions = { ...AUDIO_ONLY, hold: held };
      call.session.sessionDescriptionHandlerOptionsReInvite = options;
      const done = (accepted: boolean) => {
        if (!accepted) return;
        call.held = held;
        applySenderTracks(call);
        emit({ type: 'held', id: call.id, held });
      };
      call.session
        .invite({ requestDelegate: { onAccept: () => done(true), onReject: () => done(false) } })
        .catch(() => done(false));
    },
    sendDtmf(tone) {
      const handler = active?.session.sessionDescriptionHandler;
      if (active?.session.state !== SessionState.Established || !(handler instanceof Web.SessionDescriptionHandler)) return;
      // RFC 4733 in the media path; a peer that negotiated no telephone-event gets SIP INFO instead.
      if (!handler.sendDtmf(tone)) {
        void active.session.info({
          requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160` } },
        });
      }
    },
  };
}

import {
  Invitation,
  Inviter,
  type InviterInviteOptions,
  type Referral,
  Registerer,
  RegistererState,
  type Session,
  SessionState,
  SIPExtension,
  type URI,
  UserAgent,
  Web,
} from 'sip.js';
import { backoffDelay } from '../sync/backoff';
import { type CallerId, type CallerHeaders, parseCallerId } from '../../shared/phone/caller-id';
import { OUTBOUND_REFUSALS } from '../../shared/protocol/voice';
import type { CallEnd, PhoneEvent } from './call-state';
import { type ConferenceMixer, startConferenceMixer } from './conference-mixer';
import { checkReferTo, sipfragStatus } from './referral-check';
import type { DeviceChoice } from './audio-devices';
import { microphoneStreamFactory, openCamera } from './audio-devices-media';
import { INITIAL_REMOTE_VIDEO_WATCH, type RemoteVideoWatch, sdpOffersVideo, watchRemoteVideo } from './call-video';
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
  /** The agent's microphone (a device id), read each time a call opens it; null or absent = the system default. */
  microphone?: () => string | null;
  /** The agent's chosen camera, read each time a call opens it; null or absent = the system default. */
  camera?: () => DeviceChoice | null;
  /** The hub's time-limited SIP credentials, answered to Kamailio's digest challenges; null or absent: none (authentication off). */
  credentials?: { authorizationUsername: string; authorizationPassword: string } | null;
};

/** The small surface the desktop uses; sip.js stays behind it. */
export interface Softphone {
  start(): void;
  stop(): Promise<void>;
  /** Where the other side's voice plays; set once the hidden element is mounted. */
  setRemoteAudio(element: HTMLAudioElement | null): void;
  /** `target` is an extension, a queue number or a phone number already in E.164; `video`: a video call, camera on. */
  dial(target: string, party: CallerId, options?: { video?: boolean }): Promise<void>;
  /** `video`: answer with the camera on (else the agent sends no pictures, but still sees the caller's). */
  answer(options?: { video?: boolean }): Promise<void>;
  decline(): void;
  /** Ends one call by its id, or every call when no id is given. */
  hangUp(callId?: string): void;
  setMuted(muted: boolean): void;
  setHeld(held: boolean): void;
  sendDtmf(tone: string): void;
  /** Blind transfer: asks the caller's side to call `target` (REFER); the call ends once the target answers, stays if it fails. */
  transfer(target: string, party: CallerId): void;
  /** Holds the caller and calls `target` on a second line. */
  consult(target: string, party: CallerId): Promise<void>;
  /** Hands the caller to the consulted party (REFER with Replaces); both of the agent's calls then end. */
  completeTransfer(): void;
  /** Hangs up the consult call and takes the caller off hold. */
  cancelConsult(): void;
  /** Joins the caller and the consulted party: a three-way conference mixed on this desktop. */
  merge(): Promise<void>;
  /**
   * The live call's media (the agent's microphone and what they hear), for recording; null without a connected call.
   * In a conference `remote` is the mix of both far ends; during a consult, the consult call.
   */
  media(): { local: MediaStream; remote: MediaStream } | null;
  /** The live call's peer connection, for quality statistics; null without a call. */
  peerConnection(): RTCPeerConnection | null;
  /**
   * Turns the agent's camera on or off on the caller's call (not during a consult or conference).
   * Where video already flows out the camera track is swapped in or out; otherwise a re-INVITE adds video.
   */
  setCamera(on: boolean): Promise<void>;
  /** Sends a screen (the browser asks which) in place of the camera, or goes back to the camera; only on a call that sends video. */
  shareScreen(on: boolean): Promise<void>;
  /** The caller's call's pictures: what the agent sends (camera or screen) and what arrives; null where there are none. */
  videoStreams(): { local: MediaStream | null; remote: MediaStream | null };
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
const WITH_VIDEO = { constraints: { audio: true, video: true } };
const mediaOptions = (video: boolean | undefined) => (video ? WITH_VIDEO : AUDIO_ONLY);

/** How often the far end's decoded frames are counted, to tell whether their pictures arrive. */
const REMOTE_VIDEO_POLL_MS = 500;

/** The call's video transceiver (one at most: sip.js offers one video stream), or null. */
function videoTransceiverOf(peerConnection: RTCPeerConnection | undefined): RTCRtpTransceiver | null {
  return peerConnection?.getTransceivers().find((each) => each.currentDirection !== 'stopped' && each.receiver.track.kind === 'video') ?? null;
}

/** Whether what goes into the transceiver's sender reaches the far end: the last answer lets this side send. */
const sendsVideo = (transceiver: RTCRtpTransceiver | null): transceiver is RTCRtpTransceiver =>
  transceiver?.currentDirection === 'sendrecv' || transceiver?.currentDirection === 'sendonly';

/** The cumulative decoded video frames of a receiver, or null before it has statistics. */
async function framesDecoded(receiver: RTCRtpReceiver): Promise<number | null> {
  let frames: number | null = null;
  (await receiver.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
    if (report.type === 'inbound-rtp' && report.kind === 'video') frames = (frames ?? 0) + (report.framesDecoded ?? 0);
  });
  return frames;
}

/** The SIP answer to an outbound call, in the card's words. */
/** The hub's refusals of a dialled number, known by their reason phrase (Kamailio sends each with its own). */
const REFUSED_NUMBER: ReadonlyMap<string, CallEnd> = new Map([
  [`${OUTBOUND_REFUSALS['no-outbound-line'].status} ${OUTBOUND_REFUSALS['no-outbound-line'].phrase}`, 'no-outbound-line'],
  [`${OUTBOUND_REFUSALS['destination-not-allowed'].status} ${OUTBOUND_REFUSALS['destination-not-allowed'].phrase}`, 'destination-not-allowed'],
  [`${OUTBOUND_REFUSALS['not-a-number'].status} ${OUTBOUND_REFUSALS['not-a-number'].phrase}`, 'not-a-number'],
]);

export function endForResponse(statusCode: number, reasonPhrase = ''): CallEnd {
  const refused = REFUSED_NUMBER.get(`${statusCode} ${reasonPhrase}`);
  if (refused) return refused;
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

/**
 * `localEnd` is set when this side ends the call; `remoteEnd` is what an end from the other side means at this point.
 * `referUser` names the far end in an attended transfer's Refer-To (the agent who answered, else what was dialled);
 * `replaced` marks a call another INVITE took over, whose end is no news.
 */
type ActiveCall = {
  id: string;
  session: Session;
  localEnd: CallEnd | null;
  remoteEnd: CallEnd;
  muted: boolean;
  held: boolean;
  referUser: string | null;
  replaced: boolean;
  /** The live camera track of this call (sent unless a screen is), or null with the camera off. */
  camera: MediaStreamTrack | null;
  /** The screen being shared in place of the camera, or null. */
  screen: MediaStreamTrack | null;
  remoteVideo: RemoteVideoWatch;
  remoteVideoTimer: ReturnType<typeof setInterval> | null;
};

const newActiveCall = (session: Session, remoteEnd: CallEnd, referUser: string | null = null): ActiveCall => ({
  id: session.id,
  session,
  localEnd: null,
  remoteEnd,
  muted: false,
  held: false,
  referUser,
  replaced: false,
  camera: null,
  screen: null,
  remoteVideo: INITIAL_REMOTE_VIDEO_WATCH,
  remoteVideoTimer: null,
});

/**
 * sip.js answers a REFER with no Refer-To 480 Temporarily Unavailable (as if
 * busy) before any delegate sees it; this phone says 400 Missing Refer-To.
 * The hook is sip.js's own (protected) in-dialog REFER handler, wrapped.
 */
function refuseReferWithoutTarget(session: Session): void {
  type ReferRequest = { message: { hasHeader(name: string): boolean }; reject(options: { statusCode: number; reasonPhrase: string }): unknown };
  const handler = session as unknown as { onReferRequest(request: ReferRequest): void };
  const original = handler.onReferRequest.bind(session);
  handler.onReferRequest = (request) => {
    if (request.message.hasHeader('refer-to')) original(request);
    else request.reject({ statusCode: 400, reasonPhrase: 'Missing Refer-To' });
  };
}

/** Who the card shows for a user part we call on a transfer: a phone number in E.164, else an extension or queue. */
const partyForUser = (user: string): CallerId =>
  /^\+\d{6,15}$/.test(user) ? { kind: 'number', e164: user, display: null } : { kind: 'extension', user, display: null };

/** The user part of a `<sip:user@host>` header value (P-Asserted-Identity), or null. */
const sipUserOf = (value: string | undefined): string | null => /sips?:([^@;>]+)@/.exec(value ?? '')?.[1] ?? null;

/** What sip.js hands the INVITE's 200 to. */
type AcceptHandler = NonNullable<NonNullable<InviterInviteOptions['requestDelegate']>['onAccept']>;

/**
 * sip.js behind `Softphone`: one UserAgent over WebSocket, one Registerer, the
 * caller's call and at most one second call (a consult, or a transfer the far
 * end asked us to follow). Every change is reported as a `PhoneEvent` for the
 * store; the wrapper keeps only what sip.js needs (the live sessions, the
 * conference mix).
 */
export function createSoftphone(
  config: SoftphoneConfig,
  emit: (event: PhoneEvent) => void,
  options: { now?: () => number; microphone?: MicrophoneCheck } = {},
): Softphone {
  const now = options.now ?? Date.now;
  const microphone = options.microphone ?? checkMicrophone;
  /** The caller's call. */
  let active: ActiveCall | null = null;
  /** The consult call, or the call placed to follow the far end's transfer. */
  let second: ActiveCall | null = null;
  let mixer: ConferenceMixer | null = null;
  let remoteAudio: HTMLAudioElement | null = null;
  let stopped = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const userAgent = new UserAgent({
    uri: UserAgent.makeURI(`sip:${config.user}@${config.domain}`),
    displayName: config.displayName,
    transportOptions: { server: config.wsUrl },
    ...(config.credentials
      ? { authorizationUsername: config.credentials.authorizationUsername, authorizationPassword: config.credentials.authorizationPassword }
      : {}),
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: config.iceServers.map((urls) => ({ urls })) } },
    sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(microphoneStreamFactory(config.microphone ?? (() => null), config.camera)),
    logBuiltinEnabled: false,
    // An INVITE with Replaces completes an attended transfer to this agent (RFC 3891).
    sipExtensionReplaces: SIPExtension.Supported,
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

  /** What the agent hears: the conference mix, else the call they talk on. */
  function playHeard(): void {
    if (mixer && remoteAudio) {
      remoteAudio.srcObject = mixer.heard;
      remoteAudio.play().catch(() => undefined);
      return;
    }
    const call = talking();
    if (call) playRemote(call.session);
    else if (remoteAudio) remoteAudio.srcObject = null;
  }

  /** The call the agent's voice goes to: a connected second call (consult, followed transfer), else the caller's. */
  function talking(): ActiveCall | null {
    return second?.session.state === SessionState.Established ? second : active;
  }

  function endConference(): void {
    const current = mixer;
    mixer = null;
    if (current) void current.stop().then(() => (active ? applySenderTracks(active) : undefined));
  }

  /**
   * Sends a new call's INVITE; a final refusal or a failure becomes the leg's
   * end reason (shown once sip.js ends the session). `onAccept` sees the 200.
   */
  function invite(leg: ActiveCall, inviter: Inviter, onAccept?: AcceptHandler): Promise<void> {
    return inviter
      .invite({
        requestDelegate: {
          ...(onAccept ? { onAccept } : {}),
          onReject: (response) => {
            leg.remoteEnd = endForResponse(response.message.statusCode ?? 0, response.message.reasonPhrase ?? '');
          },
        },
      })
      .then(
        () => undefined,
        () => {
          leg.remoteEnd = 'failed';
        },
      );
  }

  function follow(call: ActiveCall): void {
    refuseReferWithoutTarget(call.session);
    call.session.delegate = { onRefer: (referral) => onRefer(call, referral) };
    call.session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        call.remoteEnd = 'remote-hung-up';
        playHeard();
        emit({ type: 'connected', id: call.id, at: now() });
        startVideo(call);
      }
      if (state === SessionState.Terminated) {
        stopVideo(call);
        // Taken over by an INVITE with Replaces: the new call carries on under its own id.
        if (call.replaced) return;
        if (call === active) {
          // The second call (if any) becomes the call: the caller hung up during a consult, or a transfer completed.
          active = second;
          second = null;
        } else if (call === second) {
          second = null;
        }
        endConference();
        playHeard();
        // sip.js ends an Inviter *before* it hands the final response to invite()'s onReject,
        // so the reason (busy, declined…) is read once the current task has run.
        queueMicrotask(() => emit({ type: 'ended', id: call.id, reason: call.localEnd ?? call.remoteEnd, at: now() }));
      }
    });
  }

  function onInvite(invitation: Invitation): void {
    const replacee = invitation.replacee;
    if (replacee) {
      takeOver(invitation, replacee);
      return;
    }
    if (active) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    // Until it is answered, an end from the caller's side means they gave up: a missed call.
    const call = newActiveCall(invitation, 'missed');
    active = call;
    follow(call);
    emit({
      type: 'incoming',
      id: call.id,
      sipCallId: invitation.request.callId,
      party: parseCallerId(headersOf(invitation), config.region),
      at: now(),
      video: sdpOffersVideo(invitation.body),
    });
  }

  /**
   * An INVITE with Replaces for one of our calls (sip.js has matched the
   * dialog, else it answered 481): the far end completed an attended
   * transfer to us. It is answered at once — the agent is already talking on
   * the call it replaces — and sip.js hangs up the old one.
   */
  function takeOver(invitation: Invitation, replacee: Session): void {
    const old = [active, second].find((call) => call?.session === replacee);
    if (!old || replacee.state !== SessionState.Established) {
      void invitation.reject({ statusCode: 481 }).catch(() => undefined);
      return;
    }
    old.replaced = true;
    const call = newActiveCall(invitation, 'failed');
    if (old === active) active = call;
    else second = call;
    follow(call);
    emit({ type: 'replaced', id: old.id, newId: call.id, sipCallId: invitation.request.callId, party: parseCallerId(headersOf(invitation), config.region), at: now() });
    void invitation.accept(acceptOptions()).catch(() => {
      call.localEnd = 'failed';
    });
  }

  /** Answers name this agent, so a consulting agent can address an attended transfer to us rather than to the queue. */
  function acceptOptions(video = false) {
    return { sessionDescriptionHandlerOptions: mediaOptions(video), extraHeaders: [`P-Asserted-Identity: <sip:${config.user}@${config.domain}>`] };
  }

  /**
   * The far end asks us to call someone else (a REFER on one of our calls).
   * Followed only on the caller's call while nothing else is going on, and
   * only to a sip: user in our own domain; anything else is refused with a
   * SIP status that says why. A REFER outside any call never gets here:
   * sip.js answers it 405.
   */
  function onRefer(call: ActiveCall, referral: Referral): void {
    const check = checkReferTo(referral.request.getHeaders('refer-to'), config.domain);
    if (!check.ok) {
      void referral.reject({ statusCode: check.statusCode, reasonPhrase: check.reasonPhrase });
      return;
    }
    if (call !== active || second || mixer) {
      void referral.reject({ statusCode: 491, reasonPhrase: 'Another Call In Progress' });
      return;
    }
    void referral.accept();
    const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
    const leg = newActiveCall(inviter, 'failed', check.user);
    second = leg;
    follow(leg);
    leg.session.stateChange.addListener((state) => {
      // Once the new call is up, the referrer hangs up the old one: that end is the transfer, not a hang-up.
      if (state === SessionState.Established) call.remoteEnd = 'transferred';
    });
    emit({ type: 'following-referral', id: leg.id, sipCallId: inviter.request.callId, party: partyForUser(check.user), at: now() });
    void invite(leg, inviter);
  }

  /** Mute silences the microphone only; hold stops the pictures too. */
  function applySenderTracks(call: ActiveCall): void {
    const handler = call.session.sessionDescriptionHandler;
    if (!(handler instanceof Web.SessionDescriptionHandler)) return;
    for (const sender of handler.peerConnection?.getSenders() ?? []) {
      if (sender.track) sender.track.enabled = sender.track.kind === 'audio' ? !call.muted && !call.held : !call.held;
    }
  }

  /**
   * Once a call is up: which camera it sends (sip.js opened it for a video
   * answer or dial), and a watch on the far end's frames, reported as
   * 'remote-video' whenever their pictures start or stop.
   */
  function startVideo(call: ActiveCall): void {
    const transceiver = videoTransceiverOf(handlerOf(call)?.peerConnection);
    const track = transceiver?.sender.track ?? null;
    if (sendsVideo(transceiver) && track?.readyState === 'live') {
      call.camera = track;
      emit({ type: 'camera', id: call.id, on: true });
    }
    if (call.remoteVideoTimer) return;
    call.remoteVideoTimer = setInterval(() => void pollRemoteVideo(call), REMOTE_VIDEO_POLL_MS);
  }

  async function pollRemoteVideo(call: ActiveCall): Promise<void> {
    const receiver = videoTransceiverOf(handlerOf(call)?.peerConnection)?.receiver;
    const frames = receiver ? await framesDecoded(receiver).catch(() => null) : null;
    const next = watchRemoteVideo(call.remoteVideo, frames, now());
    const changed = next.on !== call.remoteVideo.on;
    call.remoteVideo = next;
    if (changed && call.remoteVideoTimer) emit({ type: 'remote-video', id: call.id, on: next.on });
  }

  /** The call's own camera and screen tracks are let go with it (sip.js stops only the tracks it opened). */
  function stopVideo(call: ActiveCall): void {
    if (call.remoteVideoTimer) clearInterval(call.remoteVideoTimer);
    call.remoteVideoTimer = null;
    call.camera?.stop();
    call.screen?.stop();
    call.camera = null;
    call.screen = null;
  }

  /** The caller's call when the agent may change its pictures: connected, and no consult or conference beside it. */
  function videoCall(): ActiveCall | null {
    return active && !second && !mixer && handlerOf(active) ? active : null;
  }

  /** Back from a screen to the camera (or to no pictures): the agent's choice, or the browser's own "stop sharing". */
  async function stopSharing(call: ActiveCall): Promise<void> {
    const screen = call.screen;
    if (!screen) return;
    call.screen = null;
    screen.stop();
    const transceiver = videoTransceiverOf(handlerOf(call)?.peerConnection);
    if (transceiver) await transceiver.sender.replaceTrack(call.camera).catch(() => undefined);
    applySenderTracks(call);
    emit({ type: 'sharing', id: call.id, on: false });
  }

  /**
   * Adds video to a call that sends none yet (answered without camera, or a
   * voice call): the camera goes into the call's video transceiver (or a new
   * one) and a re-INVITE offers it. sip.js is not asked for new media, so the
   * microphone track stays the same one — mute, and a recording of the call,
   * carry on undisturbed.
   */
  async function upgradeToVideo(call: ActiveCall): Promise<void> {
    const handler = handlerOf(call);
    const peerConnection = handler?.peerConnection;
    if (!handler || !peerConnection) return;
    let camera: MediaStreamTrack | undefined;
    try {
      camera = (await openCamera(config.camera?.() ?? null)).getVideoTracks()[0];
    } catch {
      return; // No camera, or it is refused: the call goes on as it was.
    }
    if (!camera || videoCall() !== call || call.camera) {
      camera?.stop();
      return;
    }
    const transceiver = videoTransceiverOf(peerConnection);
    if (transceiver) {
      await transceiver.sender.replaceTrack(camera).catch(() => undefined);
      transceiver.direction = 'sendrecv';
    } else {
      peerConnection.addTrack(camera, handler.localMediaStream);
    }
    applySenderTracks(call);
    const options: Web.SessionDescriptionHandlerOptions = { ...AUDIO_ONLY, hold: call.held };
    call.session.sessionDescriptionHandlerOptionsReInvite = options;
    const track = camera;
    await new Promise<void>((resolve) => {
      const done = (accepted: boolean) => {
        if (accepted && sendsVideo(videoTransceiverOf(peerConnection)) && call.session.state === SessionState.Established) {
          call.camera = track;
          emit({ type: 'camera', id: call.id, on: true });
        } else {
          // Refused (sip.js rolled the offer back) or not taken: nothing goes out, and the camera light goes off.
          track.stop();
          void videoTransceiverOf(peerConnection)?.sender.replaceTrack(null).catch(() => undefined);
        }
        resolve();
      };
      call.session.invite({ requestDelegate: { onAccept: () => done(true), onReject: () => done(false) } }).catch(() => done(false));
    });
  }

  function handlerOf(call: ActiveCall | null): Web.SessionDescriptionHandler | null {
    const handler = call?.session.sessionDescriptionHandler;
    return call?.session.state === SessionState.Established && handler instanceof Web.SessionDescriptionHandler ? handler : null;
  }

  /** Holds or resumes one call with a re-INVITE; resolves whether the far end accepted. */
  function reinviteHold(call: ActiveCall, held: boolean): Promise<boolean> {
    if (call.session.state !== SessionState.Established) return Promise.resolve(false);
    const options: Web.SessionDescriptionHandlerOptions = { ...AUDIO_ONLY, hold: held };
    call.session.sessionDescriptionHandlerOptionsReInvite = options;
    return new Promise((resolve) => {
      const done = (accepted: boolean) => {
        if (accepted) {
          call.held = held;
          applySenderTracks(call);
          emit({ type: 'held', id: call.id, held });
        }
        resolve(accepted);
      };
      call.session
        .invite({ requestDelegate: { onAccept: () => done(true), onReject: () => done(false) } })
        .catch(() => done(false));
    });
  }

  /**
   * Sends the REFER that hands `call` on and follows its NOTIFYs (message/sipfrag):
   * a 2xx means the target answered — the agent's call ends as transferred; a
   * refusal of the REFER or a final failure keeps the call, and the card says so.
   */
  function refer(call: ActiveCall, target: URI, onSuccess: () => void): void {
    let settled = false;
    const fail = (code: number) => {
      if (settled) return;
      settled = true;
      emit({ type: 'transfer-failed', id: call.id, code });
    };
    call.session
      .refer(target, {
        requestDelegate: { onReject: (response) => fail(response.message.statusCode ?? 500) },
        onNotify: (notification) => {
          void notification.accept();
          const code = sipfragStatus(notification.request.body);
          if (code === null || code < 200 || settled) return;
          if (code >= 300) {
            fail(code);
            return;
          }
          settled = true;
          call.localEnd = 'transferred';
          onSuccess();
          if (call.session.state === SessionState.Established) void call.session.bye().catch(() => undefined);
        },
      })
      .catch(() => fail(500));
  }

  function hangUpCall(call: ActiveCall): void {
    call.localEnd ??= 'hung-up';
    const { session } = call;
    if (session.state === SessionState.Established) void session.bye().catch(() => undefined);
    else if (session instanceof Inviter) void session.cancel().catch(() => undefined);
    else if (session instanceof Invitation && session.state === SessionState.Initial) {
      call.localEnd = 'declined';
      void session.reject({ statusCode: 603 }).catch(() => undefined);
    }
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
      playHeard();
    },
    async dial(target, party, dialOptions = {}) {
      if (active) return;
      if ((await microphone()) === 'denied') {
        emit({ type: 'media-denied', at: now() });
        return;
      }
      const uri = UserAgent.makeURI(`sip:${target}@${config.domain}`);
      if (!uri || active) return;
      const video = dialOptions.video === true;
      const inviter = new Inviter(userAgent, uri, { sessionDescriptionHandlerOptions: mediaOptions(video) });
      const call = newActiveCall(inviter, 'failed', target);
      active = call;
      follow(call);
      emit({ type: 'dialling', id: call.id, sipCallId: inviter.request.callId, party, at: now(), video });
      await invite(call, inviter);
    },
    async answer(answerOptions = {}) {
      const call = active;
      if (!call || !(call.session instanceof Invitation) || call.session.state !== SessionState.Initial) return;
      emit({ type: 'answering', id: call.id });
      // Asked first so a blocked microphone declines the call (480) instead of answering it silent.
      if ((await microphone()) === 'denied') {
        call.localEnd = 'media-denied';
        await call.session.reject({ statusCode: 480 }).catch(() => undefined);
        return;
      }
      await call.session.accept(acceptOptions(answerOptions.video)).catch(() => {
        call.localEnd = 'failed';
      });
    },
    decline() {
      const call = active;
      if (!(call?.session instanceof Invitation) || call.session.state !== SessionState.Initial) return;
      call.localEnd = 'declined';
      void call.session.reject({ statusCode: 603 }).catch(() => undefined);
    },
    hangUp(callId) {
      // The second call first, so the caller's call is not promoted in between.
      for (const call of [second, active]) if (call && (callId === undefined || call.id === callId)) hangUpCall(call);
    },
    setMuted(muted) {
      if (mixer && active && second) {
        mixer.setMicMuted(muted);
        for (const call of [active, second]) {
          call.muted = muted;
          emit({ type: 'muted', id: call.id, muted });
        }
        return;
      }
      const call = talking();
      if (!call || call.session.state !== SessionState.Established) return;
      call.muted = muted;
      applySenderTracks(call);
      emit({ type: 'muted', id: call.id, muted });
    },
    setHeld(held) {
      // During a consult the caller is held already; a conference is not put on hold as a whole.
      if (active && !second) void reinviteHold(active, held);
    },
    transfer(target, party) {
      const call = active;
      const uri = UserAgent.makeURI(`sip:${target}@${config.domain}`);
      if (!call || !uri || second || call.session.state !== SessionState.Established) return;
      emit({ type: 'transferring', id: call.id, kind: 'blind', target: party });
      refer(call, uri, () => undefined);
    },
    async consult(target, party) {
      const call = active;
      const uri = UserAgent.makeURI(`sip:${target}@${config.domain}`);
      if (!call || !uri || second || call.session.state !== SessionState.Established) return;
      if (!call.held && !(await reinviteHold(call, true))) return;
      if (active !== call || second) return;
      const inviter = new Inviter(userAgent, uri, { sessionDescriptionHandlerOptions: AUDIO_ONLY });
      const leg = newActiveCall(inviter, 'failed', target);
      second = leg;
      follow(leg);
      emit({ type: 'consulting', id: leg.id, sipCallId: inviter.request.callId, party, at: now() });
      await invite(leg, inviter, (response) => {
        // A queue's number was dialled: the agent who answered names themself, and the transfer goes to them.
        leg.referUser = sipUserOf(response.message.getHeader('P-Asserted-Identity')) ?? leg.referUser;
      });
    },
    completeTransfer() {
      const call = active;
      const leg = second;
      const dialog = leg?.session.dialog;
      if (!call || !leg || !dialog || !leg.referUser || call.session.state !== SessionState.Established) return;
      const uri = UserAgent.makeURI(`sip:${leg.referUser}@${config.domain}`);
      if (!uri) return;
      // RFC 3891 from the target's side: its tag is our remote tag. Addressed to the agent (not their contact) so Kamailio routes it.
      uri.setHeader('Replaces', encodeURIComponent(`${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`));
      // sip.js writes a URI target into Refer-To as is, but a URI with headers must be in angle brackets to parse (RFC 3261 §20).
      const text = uri.toString();
      uri.toString = () => `<${text}>`;
      emit({ type: 'transferring', id: call.id, kind: 'attended', target: partyForUser(leg.referUser) });
      // The consulted party hangs up our consult call as they take the caller: that end is the transfer.
      leg.remoteEnd = 'transferred';
      refer(call, uri, () => {
        leg.localEnd = 'transferred';
        if (leg.session.state === SessionState.Established) void leg.session.bye().catch(() => undefined);
      });
    },
    cancelConsult() {
      const leg = second;
      const call = active;
      if (!leg || !call) return;
      hangUpCall(leg);
      if (call.held) void reinviteHold(call, false);
    },
    async merge() {
      const call = active;
      const leg = second;
      if (!call || !leg || mixer || handlerOf(leg) === null) return;
      if (call.held && !(await reinviteHold(call, false))) return;
      const main = handlerOf(call);
      const other = handlerOf(leg);
      if (!main?.peerConnection || !other?.peerConnection || active !== call || second !== leg || mixer) return;
      mixer = await startConferenceMixer(main.localMediaStream, [
        { peerConnection: main.peerConnection, remote: main.remoteMediaStream },
        { peerConnection: other.peerConnection, remote: other.remoteMediaStream },
      ]);
      // Whoever was muted stays muted: the agent's microphone is one for both calls now.
      // The mixed tracks always flow; muting in a conference silences only the microphone's input to the mix.
      const muted = call.muted || leg.muted;
      for (const each of [call, leg]) {
        each.muted = muted;
        each.held = false;
        handlerOf(each)?.enableSenderTracks(true);
      }
      mixer.setMicMuted(muted);
      playHeard();
      emit({ type: 'conference', on: true });
    },
    media() {
      const handler = handlerOf(mixer ? active : talking());
      if (!handler) return null;
      return { local: handler.localMediaStream, remote: mixer ? mixer.heard : handler.remoteMediaStream };
    },
    peerConnection() {
      return handlerOf(talking())?.peerConnection ?? null;
    },
    async setCamera(on) {
      const call = videoCall();
      if (!call || (call.camera !== null) === on) return;
      if (!on) {
        const camera = call.camera;
        call.camera = null;
        camera?.stop();
        // Nothing is sent in its place: the far end's frames stop, and its card hides our picture.
        const transceiver = videoTransceiverOf(handlerOf(call)?.peerConnection);
        if (transceiver && !call.screen) await transceiver.sender.replaceTrack(null).catch(() => undefined);
        emit({ type: 'camera', id: call.id, on: false });
        return;
      }
      const transceiver = videoTransceiverOf(handlerOf(call)?.peerConnection);
      if (!sendsVideo(transceiver)) return upgradeToVideo(call);
      let camera: MediaStreamTrack | undefined;
      try {
        camera = (await openCamera(config.camera?.() ?? null)).getVideoTracks()[0];
      } catch {
        return; // No camera, or it is refused: the call goes on as it was.
      }
      if (!camera || videoCall() !== call || call.camera) {
        camera?.stop();
        return;
      }
      call.camera = camera;
      if (!call.screen) await transceiver.sender.replaceTrack(camera).catch(() => undefined);
      applySenderTracks(call);
      emit({ type: 'camera', id: call.id, on: true });
    },
    async shareScreen(on) {
      const call = videoCall();
      if (!call) return;
      if (!on) return stopSharing(call);
      const transceiver = videoTransceiverOf(handlerOf(call)?.peerConnection);
      if (call.screen || !sendsVideo(transceiver)) return;
      let screen: MediaStreamTrack | undefined;
      try {
        screen = (await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false })).getVideoTracks()[0];
      } catch {
        return; // The agent closed the browser's picker: nothing changes.
      }
      if (!screen || videoCall() !== call || call.screen) {
        screen?.stop();
        return;
      }
      call.screen = screen;
      // The browser's own "stop sharing" ends the track: back to the camera.
      screen.addEventListener('ended', () => void stopSharing(call), { once: true });
      await transceiver.sender.replaceTrack(screen).catch(() => undefined);
      applySenderTracks(call);
      emit({ type: 'sharing', id: call.id, on: true });
    },
    videoStreams() {
      const handler = handlerOf(active);
      const sent = active?.screen ?? active?.camera ?? null;
      const arriving = handler?.remoteMediaStream.getVideoTracks() ?? [];
      return {
        local: sent && sent.readyState === 'live' ? new MediaStream([sent]) : null,
        remote: arriving.length > 0 ? new MediaStream(arriving) : null,
      };
    },
    sendDtmf(tone) {
      const call = talking();
      const handler = handlerOf(call);
      if (!call || !handler) return;
      // RFC 4733 in the media path; a peer that negotiated no telephone-event gets SIP INFO instead.
      if (!handler.sendDtmf(tone)) {
        void call.session.info({
          requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160` } },
        });
      }
    },
  };
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  type MonitorEndReason,
  MonitorEndedSchema,
  type MonitorMode,
  MonitorModeChangeSchema,
  MonitorSessionSchema,
  MonitorSignalIceSchema,
  MonitorSignalSdpSchema,
} from '../../../shared/protocol/monitor';
import { type HubSocket, request } from '../../sync/hub-socket';
import { HubRefusalError, unwrapAck } from '../../sync/wire';
import { supervisorSpeaks } from './monitor-mode';
import { createPeerLink, type PeerLink } from './peer-link';

/** starting: asked the hub; connecting: the agent's desktop is offering; live: the call's audio arrives. */
export type ListenPhase = 'starting' | 'connecting' | 'live';

/** Why a start or a switch did not happen: the hub's refusal code, the network, or a blocked microphone. */
export type ListenFailure = { agentId: string; reason: 'conflict' | 'not-found' | 'forbidden' | 'network' | 'microphone' | 'unanswered' | 'other' };

export type ListenState = {
  session: { sessionId: string | null; agentId: string; mode: MonitorMode; phase: ListenPhase } | null;
  failure: ListenFailure | null;
  /** How the last session ended, when the supervisor did not end it. */
  ended: { agentId: string; reason: Exclude<MonitorEndReason, 'supervisor-stopped'> } | null;
};

export type MonitorListener = {
  store: StoreApi<ListenState>;
  /** Listens to this agent's call in `mode`, ending any other session first. */
  start(agentId: string, mode: MonitorMode): Promise<void>;
  setMode(mode: MonitorMode): Promise<void>;
  stop(): void;
  /**
   * A control for this agent is on screen; answers its release. When the
   * last control of the agent being monitored goes (the supervisor left the
   * agents table), the session stops: nobody listens without the controls in view.
   */
  shown(agentId: string): () => void;
};

const ignore = () => undefined;
const ACK_TIMEOUT_MS = 10_000;
/** How long the agent's desktop has to connect before the supervisor is told it did not answer. */
const CONNECT_TIMEOUT_MS = 20_000;

function failureReason(error: unknown): ListenFailure['reason'] {
  if (!(error instanceof HubRefusalError)) return 'network';
  const { code } = error.error;
  return code === 'conflict' || code === 'not-found' || code === 'forbidden' ? code : 'other';
}

type Live = { sessionId: string; agentId: string; link: PeerLink; ear: HTMLAudioElement; connectTimer: ReturnType<typeof setTimeout> };

/**
 * The supervisor's side: asks the hub to listen, answers the agent's
 * desktop's offer on a connection of its own, plays what arrives, and opens
 * the microphone only once the supervisor whispers or barges (a refused
 * microphone leaves them listening). One session at a time per page.
 */
export function createMonitorListener(socket: HubSocket, iceServers: () => readonly string[]): MonitorListener {
  const store = createStore<ListenState>(() => ({ session: null, failure: null, ended: null }));
  let live: Live | null = null;
  let mic: MediaStream | null = null;
  /** Signals for a session whose start the hub has not answered yet: the agent's offer can overtake the ack. */
  let early: { event: 'offer' | 'ice'; payload: unknown }[] | null = null;
  const onScreen = new Map<string, number>();

  const patch = (session: Partial<NonNullable<ListenState['session']>>) => {
    const current = store.getState().session;
    if (current) store.setState({ session: { ...current, ...session } });
  };

  function tearDown(): void {
    const was = live;
    live = null;
    early = null;
    for (const track of mic?.getTracks() ?? []) track.stop();
    mic = null;
    if (!was) return;
    clearTimeout(was.connectTimer);
    was.link.close();
    was.ear.pause();
    was.ear.srcObject = null;
  }

  /** Listening, nothing is sent and the microphone is closed; whispering or barging, it is opened and sent. */
  async function openMic(link: PeerLink, mode: MonitorMode): Promise<boolean> {
    const [transceiver] = link.connection.getTransceivers();
    if (!supervisorSpeaks(mode)) {
      if (transceiver?.sender.track) await transceiver.sender.replaceTrack(null);
      for (const track of mic?.getTracks() ?? []) track.stop();
      mic = null;
      return true;
    }
    try {
      mic ??= await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    } catch {
      return false;
    }
    const [track] = mic.getAudioTracks();
    if (!track || !transceiver) return false;
    if (transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
    return true;
  }

  async function onOffer(payload: unknown): Promise<void> {
    const parsed = MonitorSignalSdpSchema.safeParse(payload);
    const mine = live;
    if (!parsed.success || mine?.sessionId !== parsed.data.sessionId) return;
    await mine.link.setRemote({ type: 'offer', sdp: parsed.data.sdp });
    // The agent's desktop offered send-and-receive: answering the same lets the microphone go in later without renegotiating.
    for (const transceiver of mine.link.connection.getTransceivers()) transceiver.direction = 'sendrecv';
    const mode = store.getState().session?.mode ?? 'listen';
    if (!(await openMic(mine.link, mode))) store.setState({ failure: { agentId: mine.agentId, reason: 'microphone' } });
    const answer = await mine.link.connection.createAnswer();
    await mine.link.connection.setLocalDescription(answer);
    if (live === mine && answer.sdp) socket.emit('monitor:answer', { sessionId: mine.sessionId, sdp: answer.sdp }, ignore);
  }

  function onIce(payload: unknown): void {
    const parsed = MonitorSignalIceSchema.safeParse(payload);
    if (parsed.success && live?.sessionId === parsed.data.sessionId) void live.link.addCandidate(parsed.data.candidate);
  }

  function signal(event: 'offer' | 'ice', payload: unknown): void {
    if (early) early.push({ event, payload });
    else if (event === 'offer') void onOffer(payload).catch(() => listener.stop());
    else onIce(payload);
  }

  socket.on('monitor:offer', (payload) => signal('offer', payload));
  socket.on('monitor:ice', (payload) => signal('ice', payload));
  socket.on('monitor:mode', (payload) => {
    const parsed = MonitorModeChangeSchema.safeParse(payload);
    if (parsed.success && live?.sessionId === parsed.data.sessionId) patch({ mode: parsed.data.mode });
  });
  socket.on('monitor:ended', (payload) => {
    const parsed = MonitorEndedSchema.safeParse(payload);
    if (!parsed.success || live?.sessionId !== parsed.data.sessionId) return;
    const { agentId } = live;
    const { reason } = parsed.data;
    tearDown();
    store.setState({ session: null, ended: reason === 'supervisor-stopped' ? null : { agentId, reason } });
  });
  socket.on('disconnect', () => {
    const agentId = live?.agentId;
    tearDown();
    store.setState({ session: null, ended: agentId ? { agentId, reason: 'disconnected' } : null });
  });

  const listener: MonitorListener = {
    store,
    async start(agentId, mode) {
      if (store.getState().session) listener.stop();
      store.setState({ session: { sessionId: null, agentId, mode, phase: 'starting' }, failure: null, ended: null });
      const waiting: { event: 'offer' | 'ice'; payload: unknown }[] = [];
      early = waiting;
      let sessionId: string;
      try {
        const ack = await request(socket, (s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('monitor:start', { agentId, mode }));
        sessionId = unwrapAck('monitor:start', ack, MonitorSessionSchema).sessionId;
      } catch (error) {
        if (early === waiting) early = null;
        store.setState({ session: null, failure: { agentId, reason: failureReason(error) } });
        return;
      }
      // Stopped (or started on someone else) while the hub was answering: give this one back.
      if (early !== waiting) {
        socket.emit('monitor:stop', { sessionId }, ignore);
        return;
      }
      const ear = new Audio();
      const link = createPeerLink(iceServers(), (candidate) => socket.emit('monitor:ice', { sessionId, candidate }, ignore));
      link.connection.addEventListener('track', (event) => {
        ear.srcObject = event.streams[0] ?? new MediaStream([event.track]);
        void ear.play().catch(() => undefined);
      });
      link.connection.addEventListener('connectionstatechange', () => {
        if (live?.link !== link) return;
        if (link.connection.connectionState === 'connected') patch({ phase: 'live' });
        if (link.connection.connectionState === 'failed') listener.stop();
      });
      const connectTimer = setTimeout(() => {
        if (live?.link !== link || store.getState().session?.phase === 'live') return;
        listener.stop();
        store.setState({ failure: { agentId, reason: 'unanswered' } });
      }, CONNECT_TIMEOUT_MS);
      live = { sessionId, agentId, link, ear, connectTimer };
      early = null;
      patch({ sessionId, phase: 'connecting' });
      for (const { event, payload } of waiting) signal(event, payload);
    },
    async setMode(mode) {
      const current = store.getState().session;
      const mine = live;
      if (!current || !mine) return;
      if (!(await openMic(mine.link, mode))) {
        store.setState({ failure: { agentId: mine.agentId, reason: 'microphone' } });
        return;
      }
      try {
        const ack = await request(socket, (s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('monitor:mode', { sessionId: mine.sessionId, mode }));
        const change = unwrapAck('monitor:mode', ack, MonitorModeChangeSchema);
        if (live === mine) {
          patch({ mode: change.mode });
          store.setState({ failure: null });
        }
      } catch (error) {
        // The hub did not switch: the microphone goes back to what the mode still is.
        await openMic(mine.link, current.mode);
        store.setState({ failure: { agentId: mine.agentId, reason: failureReason(error) } });
      }
    },
    stop() {
      const sessionId = live?.sessionId;
      tearDown();
      store.setState({ session: null, failure: null });
      if (sessionId && socket.connected) socket.emit('monitor:stop', { sessionId }, ignore);
    },
    shown(agentId) {
      onScreen.set(agentId, (onScreen.get(agentId) ?? 0) + 1);
      return () => {
        onScreen.set(agentId, (onScreen.get(agentId) ?? 1) - 1);
        // Later, so a control that is only re-mounted (a re-render, a re-ordered table) does not stop it.
        setTimeout(() => {
          if ((onScreen.get(agentId) ?? 0) > 0 || store.getState().session?.agentId !== agentId) return;
          listener.stop();
        }, 0);
      };
    },
  };
  return listener;
}

const listeners = new WeakMap<HubSocket, MonitorListener>();

/** The page's one listener for this socket: every agent row's controls share it. */
export function monitorListenerFor(socket: HubSocket, iceServers: () => readonly string[]): MonitorListener {
  let listener = listeners.get(socket);
  if (!listener) {
    listener = createMonitorListener(socket, iceServers);
    listeners.set(socket, listener);
  }
  return listener;
}

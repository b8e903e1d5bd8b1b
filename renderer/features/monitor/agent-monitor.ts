import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  type MonitorBegin,
  MonitorBeginSchema,
  type MonitorMode,
  MonitorModeChangeSchema,
  MonitorEndedSchema,
  MonitorSignalIceSchema,
  MonitorSignalSdpSchema,
} from '../../../shared/protocol/monitor';
import type { HubSocket } from '../../sync/hub-socket';
import type { PhoneServices } from '../phone/phone-services';
import { type AgentBridge, startAgentBridge } from './agent-bridge';
import { createPeerLink, type PeerLink } from './peer-link';

/** What the agent is shown: who monitors their call and how; null when nobody does or the setting hides it. */
export type MonitoredState = { shown: { mode: MonitorMode; supervisorName: string } | null };

type Running = { sessionId: string; phoneCallId: string; announce: boolean; supervisorName: string; link: PeerLink; bridge: AgentBridge | null };

const ignore = () => undefined;

/**
 * The monitored agent's side: when the hub says a supervisor wants to listen,
 * the desktop bridges its live call to them (agent-bridge.ts) over its own
 * WebRTC connection, follows their mode, and ends the session when the call
 * ends. Whether the agent sees it is the hub's `announce` (a setting).
 */
export function createAgentMonitor(socket: HubSocket, phone: PhoneServices): { store: StoreApi<MonitoredState>; stop(): void } {
  const store = createStore<MonitoredState>(() => ({ shown: null }));
  let running: Running | null = null;

  const show = (mode: MonitorMode) => {
    if (running) store.setState({ shown: running.announce ? { mode, supervisorName: running.supervisorName } : null });
  };

  function tearDown(): void {
    const was = running;
    running = null;
    store.setState({ shown: null });
    if (!was) return;
    was.link.close();
    void was.bridge?.stop();
  }

  /** This side ends it (the call is over, or there is nothing to bridge): the hub tells the supervisor. */
  function stopSession(sessionId: string): void {
    if (running?.sessionId === sessionId) tearDown();
    if (socket.connected) socket.emit('monitor:stop', { sessionId }, ignore);
  }

  async function begin(request: MonitorBegin): Promise<void> {
    if (running) stopSession(running.sessionId);
    const softphone = phone.phone();
    const call = phone.store.getState().call;
    const media = softphone?.media() ?? null;
    const callConnection = softphone?.peerConnection() ?? null;
    if (call?.phase !== 'connected' || !media || !callConnection) {
      stopSession(request.sessionId);
      return;
    }
    const { sessionId } = request;
    const link = createPeerLink(phone.settings().iceServers, (candidate) => socket.emit('monitor:ice', { sessionId, candidate }, ignore));
    const mine: Running = { sessionId, phoneCallId: call.id, announce: request.announce, supervisorName: request.supervisorName, link, bridge: null };
    running = mine;
    show(request.mode);
    const bridge = await startAgentBridge(
      { media, call: callConnection, speaker: () => phone.speaker(), inConference: () => phone.store.getState().conference },
      request.mode,
    );
    if (running !== mine) {
      await bridge.stop();
      return;
    }
    mine.bridge = bridge;
    link.connection.addEventListener('track', (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      if (running === mine) void bridge.hearSupervisor(stream);
    });
    for (const track of bridge.feed.getAudioTracks()) link.connection.addTrack(track, bridge.feed);
    const offer = await link.connection.createOffer();
    await link.connection.setLocalDescription(offer);
    if (running === mine && offer.sdp) socket.emit('monitor:offer', { sessionId, sdp: offer.sdp }, ignore);
  }

  const mineOf = (sessionId: string): Running | null => (running?.sessionId === sessionId ? running : null);

  const onBegin = (raw: unknown) => {
    const parsed = MonitorBeginSchema.safeParse(raw);
    if (parsed.success) void begin(parsed.data).catch(() => stopSession(parsed.data.sessionId));
  };
  const onAnswer = (raw: unknown) => {
    const parsed = MonitorSignalSdpSchema.safeParse(raw);
    const mine = parsed.success ? mineOf(parsed.data.sessionId) : null;
    if (parsed.success && mine) void mine.link.setRemote({ type: 'answer', sdp: parsed.data.sdp }).catch(() => stopSession(mine.sessionId));
  };
  const onIce = (raw: unknown) => {
    const parsed = MonitorSignalIceSchema.safeParse(raw);
    const mine = parsed.success ? mineOf(parsed.data.sessionId) : null;
    if (parsed.success && mine) void mine.link.addCandidate(parsed.data.candidate);
  };
  const onMode = (raw: unknown) => {
    const parsed = MonitorModeChangeSchema.safeParse(raw);
    const mine = parsed.success ? mineOf(parsed.data.sessionId) : null;
    if (!parsed.success || !mine) return;
    show(parsed.data.mode);
    void mine.bridge?.setMode(parsed.data.mode);
  };
  const onEnded = (raw: unknown) => {
    const parsed = MonitorEndedSchema.safeParse(raw);
    if (parsed.success && mineOf(parsed.data.sessionId)) tearDown();
  };
  // The hub ends the session when this desktop's socket goes; the connection goes with it.
  const onDisconnect = () => tearDown();
  // The call ended (or another took its place): so does the monitoring.
  const unsubscribe = phone.store.subscribe((state) => {
    if (running && state.call?.id !== running.phoneCallId) stopSession(running.sessionId);
  });

  socket.on('monitor:begin', onBegin);
  socket.on('monitor:answer', onAnswer);
  socket.on('monitor:ice', onIce);
  socket.on('monitor:mode', onMode);
  socket.on('monitor:ended', onEnded);
  socket.on('disconnect', onDisconnect);
  return {
    store,
    stop() {
      socket.off('monitor:begin', onBegin);
      socket.off('monitor:answer', onAnswer);
      socket.off('monitor:ice', onIce);
      socket.off('monitor:mode', onMode);
      socket.off('monitor:ended', onEnded);
      socket.off('disconnect', onDisconnect);
      unsubscribe();
      if (running) stopSession(running.sessionId);
    },
  };
}

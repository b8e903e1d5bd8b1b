import type { MonitorMode } from '../../../shared/protocol/monitor';
import { audioSender, remoteSource } from '../../softphone/web-audio-taps';
import { supervisorVoiceRoute } from './monitor-mode';

export type AgentBridgeOptions = {
  /** The live call's media: the agent's microphone and the caller. */
  media: { local: MediaStream; remote: MediaStream };
  /** The live call's connection, whose outbound audio a barge re-feeds. */
  call: RTCPeerConnection;
  /** The agent's speaker (a device id; null = default), read whenever the supervisor's voice is routed. */
  speaker: () => string | null;
  /** Whether the call is a three-way conference now (a barge is then heard by the agent only). */
  inConference: () => boolean;
};

export interface AgentBridge {
  /** The caller and the agent mixed: what the supervisor hears. */
  readonly feed: MediaStream;
  /** The supervisor's voice arrived: route it as the mode says. */
  hearSupervisor(stream: MediaStream): Promise<void>;
  setMode(mode: MonitorMode): Promise<void>;
  /** Gives the call its own outbound track back and releases the audio graph. */
  stop(): Promise<void>;
}

/**
 * The agent's desktop as the monitor's bridge, mixed with WebAudio: the
 * caller and the agent's microphone go to the supervisor as one stream; the
 * supervisor's voice goes nowhere (listen), to the agent's ear (whisper), or
 * also to the caller (barge: the call's outbound track is swapped for the
 * microphone plus the supervisor, as the conference mixer does).
 */
export async function startAgentBridge(options: AgentBridgeOptions, mode: MonitorMode): Promise<AgentBridge> {
  const context = new AudioContext();
  // Started from a hub event rather than a click: the context may start suspended until the page has had a gesture (the answer click is one).
  if (context.state === 'suspended') await context.resume().catch(() => undefined);
  const mic = context.createMediaStreamSource(options.media.local);
  const caller = remoteSource(context, options.media.remote);
  const feed = context.createMediaStreamDestination();
  mic.connect(feed);
  caller.node.connect(feed);

  // What the caller hears while the supervisor barges in: the agent and the supervisor.
  const toCaller = context.createMediaStreamDestination();
  mic.connect(toCaller);
  const supervisorToCaller = context.createGain();
  supervisorToCaller.gain.value = 0;
  supervisorToCaller.connect(toCaller);
  const [bargeTrack] = toCaller.stream.getAudioTracks();

  let supervisor: ReturnType<typeof remoteSource> | null = null;
  let current = mode;
  /** The call's own outbound track while a barge has replaced it. */
  let replaced: { sender: RTCRtpSender; track: MediaStreamTrack | null } | null = null;

  async function route(): Promise<void> {
    const { agentHears, callerHears } = supervisorVoiceRoute(current, options.inConference());
    if (supervisor) {
      const { element } = supervisor;
      const speaker = options.speaker() ?? '';
      if (typeof element.setSinkId === 'function' && element.sinkId !== speaker) await element.setSinkId(speaker).catch(() => undefined);
      element.volume = agentHears ? 1 : 0;
    }
    supervisorToCaller.gain.value = callerHears ? 1 : 0;
    if (callerHears && !replaced && bargeTrack) {
      const sender = audioSender(options.call);
      if (!sender) return;
      replaced = { sender, track: sender.track };
      // The agent's mute carries over to the mixed track, and back again.
      bargeTrack.enabled = sender.track?.enabled ?? true;
      await sender.replaceTrack(bargeTrack);
    } else if (!callerHears && replaced) {
      await giveBack();
    }
  }

  async function giveBack(): Promise<void> {
    const was = replaced;
    replaced = null;
    if (!was) return;
    if (was.track && bargeTrack) was.track.enabled = bargeTrack.enabled;
    // A call that has ended has a closed connection: nothing to give back there.
    if (was.sender.transport?.state !== 'closed') await was.sender.replaceTrack(was.track).catch(() => undefined);
  }

  return {
    feed: feed.stream,
    async hearSupervisor(stream) {
      supervisor?.release();
      supervisor = remoteSource(context, stream);
      supervisor.node.connect(supervisorToCaller);
      await route();
    },
    async setMode(next) {
      current = next;
      await route();
    },
    async stop() {
      await giveBack();
      supervisor?.release();
      caller.release();
      await context.close().catch(() => undefined);
    },
  };
}

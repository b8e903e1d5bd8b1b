import { audioSender, remoteSource } from './web-audio-taps';

/** One call in a conference: its peer connection (whose audio sender is re-fed) and what the far end sends. */
export type ConferenceLeg = { peerConnection: RTCPeerConnection; remote: MediaStream };

/** The agent's desktop as a three-way bridge; `heard` is what plays in the agent's ear (both far ends). */
export interface ConferenceMixer {
  readonly heard: MediaStream;
  setMicMuted(muted: boolean): void;
  /** Gives each remaining call the agent's own microphone back and releases the audio graph. */
  stop(): Promise<void>;
}

/**
 * Mixes a three-way call locally with WebAudio: each far end receives the
 * agent's microphone plus the other far end, and the agent hears both. No
 * conference server is needed; the cost is one extra audio graph here.
 * `mic` is the agent's microphone stream (the first call's local stream).
 */
export async function startConferenceMixer(mic: MediaStream, legs: readonly [ConferenceLeg, ConferenceLeg]): Promise<ConferenceMixer> {
  const context = new AudioContext();
  // Created from a click, the context may still start suspended (autoplay policy); a call is a user gesture.
  if (context.state === 'suspended') await context.resume().catch(() => undefined);
  const micGain = context.createGain();
  context.createMediaStreamSource(mic).connect(micGain);

  const taps = legs.map((leg) => remoteSource(context, leg.remote));
  const farEnds = taps.map((tap) => tap.node);

  const heard = context.createMediaStreamDestination();
  for (const farEnd of farEnds) farEnd.connect(heard);

  const originals: { sender: RTCRtpSender; track: MediaStreamTrack | null }[] = [];
  for (const [index, leg] of legs.entries()) {
    const sender = audioSender(leg.peerConnection);
    if (!sender) continue;
    const toThisLeg = context.createMediaStreamDestination();
    micGain.connect(toThisLeg);
    farEnds[1 - index]?.connect(toThisLeg);
    const [mixed] = toThisLeg.stream.getAudioTracks();
    if (!mixed) continue;
    originals.push({ sender, track: sender.track });
    await sender.replaceTrack(mixed);
  }

  return {
    heard: heard.stream,
    setMicMuted(muted) {
      micGain.gain.value = muted ? 0 : 1;
    },
    async stop() {
      for (const { sender, track } of originals) {
        // A call that has ended has a closed connection: nothing to give back there.
        if (sender.transport?.state !== 'closed') await sender.replaceTrack(track).catch(() => undefined);
      }
      for (const tap of taps) tap.release();
      await context.close().catch(() => undefined);
    },
  };
}

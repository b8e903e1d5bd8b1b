import { assessQuality, type CallQuality, type QualitySample, readStats } from '../../softphone/call-quality';

/** Every 2 s: often enough to catch a bad patch while the agent is still on it, cheap enough to forget. */
export const QUALITY_POLL_MS = 2_000;

/**
 * Polls the live call's statistics and reports its quality (null until there
 * are figures). Runs only while the caller keeps it: the call card starts it
 * when a call connects and stops it when the call ends.
 */
export function watchCallQuality(
  peerConnection: () => RTCPeerConnection | null,
  onQuality: (quality: CallQuality | null) => void,
  everyMs = QUALITY_POLL_MS,
): () => void {
  let previous: { peer: RTCPeerConnection; sample: QualitySample } | null = null;
  let stopped = false;

  async function poll(): Promise<void> {
    const peer = peerConnection();
    if (!peer) return;
    try {
      const report = await peer.getStats();
      if (stopped) return;
      const sample = readStats(report.values());
      // Loss is counted between two polls of the same connection, never across calls.
      const before = previous?.peer === peer ? previous.sample : null;
      previous = { peer, sample };
      onQuality(assessQuality(before, sample));
    } catch {
      // The connection closed between the check and the read: the call is ending.
    }
  }

  void poll();
  const timer = setInterval(() => void poll(), everyMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Media arriving at a page, read from RTCStats on the connections
 * trackPeerConnections (voice-stage.ts) keeps reachable: what a fake
 * microphone or camera at the other end really delivered.
 */

/** Audio received on the page's open connections: bytes and the decoder's cumulative energy. */
export function inboundAudio(target: Page | Frame): Promise<{ bytes: number; energy: number }> {
  return target.evaluate(async () => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    let bytes = 0;
    let energy = 0;
    for (const pc of all) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((report: { type: string; kind?: string; bytesReceived?: number; totalAudioEnergy?: number }) => {
        if (report.type !== 'inbound-rtp' || report.kind !== 'audio') return;
        bytes += report.bytesReceived ?? 0;
        energy += report.totalAudioEnergy ?? 0;
      });
    }
    return { bytes, energy };
  });
}

/** Video frames decoded on the page's open connections, summed. */
export function framesDecoded(target: Page | Frame): Promise<number> {
  return target.evaluate(async () => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    let frames = 0;
    for (const pc of all) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}

/** Waits until new video frames keep being decoded on the page. */
export async function expectPicturesArriving(target: Page | Frame, who: string): Promise<void> {
  const before = await framesDecoded(target);
  await expect.poll(async () => (await framesDecoded(target)) - before, { timeout: 15_000, message: `video arriving at ${who}` }).toBeGreaterThan(20);
}

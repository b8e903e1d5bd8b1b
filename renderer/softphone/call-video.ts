/**
 * Pure pieces of a video call: reading an offer for video, and telling from
 * the receiver's decoded-frame count whether the far end's pictures arrive.
 */

/** Whether an SDP offers video: an `m=video` line with a port other than 0 (port 0 declines the stream, RFC 3264 §6). */
export function sdpOffersVideo(sdp: string | undefined): boolean {
  return /^m=video [1-9]\d*[ /]/m.test(sdp ?? '');
}

/** Frames that stop arriving for this long mean the far end's camera is off (or they stopped sharing with nothing after). */
export const REMOTE_VIDEO_STALL_MS = 1_500;

/** What the watch remembers between two reads of the receiver's statistics. */
export type RemoteVideoWatch = { frames: number; progressAt: number; on: boolean };

export const INITIAL_REMOTE_VIDEO_WATCH: RemoteVideoWatch = { frames: 0, progressAt: 0, on: false };

/**
 * The next watch state from the receiver's cumulative `framesDecoded` (null:
 * no video receiver, or no statistics yet). Pictures are on as soon as the
 * count moves and off once it has stood still for `REMOTE_VIDEO_STALL_MS`:
 * the far end turning its camera off sends no frames at all (its sender's
 * track is removed), which is also how a phone that stops sending looks.
 */
export function watchRemoteVideo(watch: RemoteVideoWatch, framesDecoded: number | null, at: number): RemoteVideoWatch {
  if (framesDecoded === null) return { frames: 0, progressAt: watch.progressAt, on: false };
  if (framesDecoded > watch.frames) return { frames: framesDecoded, progressAt: at, on: true };
  // A count that went down is a new receiver (a re-INVITE replaced it): start counting from it.
  const frames = Math.min(framesDecoded, watch.frames);
  return { frames, progressAt: watch.progressAt, on: watch.on && at - watch.progressAt < REMOTE_VIDEO_STALL_MS };
}

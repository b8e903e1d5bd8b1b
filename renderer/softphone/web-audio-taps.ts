/** Small WebAudio pieces shared by the desktop's local mixes (the three-way conference, the supervisor's monitor bridge). */

/** The connection's audio sender, whose track a mix replaces; null when it sends no audio. */
export function audioSender(peerConnection: RTCPeerConnection): RTCRtpSender | null {
  return peerConnection.getSenders().find((sender) => sender.track?.kind === 'audio') ?? null;
}

/**
 * A remote WebRTC stream as a WebAudio source. Chromium pulls no audio from a
 * remote stream into WebAudio unless the stream also plays in a media
 * element: one at volume 0 is enough. `element` is that element (a caller may
 * turn it up to let the stream be heard as well); `release` lets go of it.
 */
export function remoteSource(context: AudioContext, remote: MediaStream): { node: MediaStreamAudioSourceNode; element: HTMLAudioElement; release(): void } {
  const element = new Audio();
  element.volume = 0;
  element.srcObject = remote;
  void element.play().catch(() => undefined);
  return {
    node: context.createMediaStreamSource(remote),
    element,
    release() {
      element.pause();
      element.srcObject = null;
    },
  };
}

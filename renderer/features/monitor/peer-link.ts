import type { IceCandidate } from '../../../shared/protocol/monitor';

/** The wire form of a trickled candidate; null (gathering done) becomes the empty candidate. */
export function candidateForWire(candidate: RTCIceCandidate | null): IceCandidate {
  if (!candidate) return { candidate: '' };
  const { candidate: line, sdpMid, sdpMLineIndex, usernameFragment } = candidate.toJSON();
  return { candidate: line ?? '', sdpMid: sdpMid ?? null, sdpMLineIndex: sdpMLineIndex ?? null, usernameFragment: usernameFragment ?? null };
}

export type PeerLink = {
  readonly connection: RTCPeerConnection;
  /** Sets the other side's description, then adds the candidates that came before it. */
  setRemote(description: RTCSessionDescriptionInit): Promise<void>;
  addCandidate(candidate: IceCandidate): Promise<void>;
  close(): void;
};

/**
 * One side of the monitor's own WebRTC connection, with trickle ICE over the
 * hub. A candidate may overtake the description it belongs to (the two come
 * by different events), so candidates wait until the description is set.
 */
export function createPeerLink(iceServers: readonly string[], sendCandidate: (candidate: IceCandidate) => void): PeerLink {
  const connection = new RTCPeerConnection({ iceServers: iceServers.map((urls) => ({ urls })) });
  const early: IceCandidate[] = [];
  connection.addEventListener('icecandidate', (event) => sendCandidate(candidateForWire(event.candidate)));
  // A bad or late candidate costs that path only; the others may still connect.
  const add = (candidate: IceCandidate) => connection.addIceCandidate(candidate).catch(() => undefined);
  return {
    connection,
    async setRemote(description) {
      await connection.setRemoteDescription(description);
      for (const candidate of early.splice(0)) await add(candidate);
    },
    async addCandidate(candidate) {
      if (connection.remoteDescription) await add(candidate);
      else early.push(candidate);
    },
    close() {
      connection.close();
    },
  };
}

import { io, type Socket } from 'socket.io-client';
import type { ClientToHubEvents, HubToClientEvents } from '../../shared/protocol/events';

export type HubSocket = Socket<HubToClientEvents, ClientToHubEvents>;

export type HubSocketFactory = (hubUrl: string, getToken: () => string) => HubSocket;

/**
 * WebSocket only: no long-polling fallback, so several hub nodes behind a
 * load balancer need no sticky sessions. The token is read at every
 * (re)connect, so a refreshed token is picked up without a new socket.
 */
export const connectHub: HubSocketFactory = (hubUrl, getToken) =>
  io(hubUrl, {
    autoConnect: false,
    transports: ['websocket'],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 15_000,
    auth: (cb) => cb({ token: getToken() }),
  });

/** The connection is gone or the hub did not answer in time; the request may be retried. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * Sends one request and waits for its ack, failing fast (instead of queueing
 * in socket.io's buffer) when offline, and at once when the connection drops.
 */
export function request(socket: HubSocket, send: (socket: HubSocket) => Promise<unknown>): Promise<unknown> {
  if (!socket.connected) return Promise.reject(new NetworkError('offline'));
  return new Promise((resolve, reject) => {
    const onDisconnect = () => reject(new NetworkError('disconnected'));
    socket.once('disconnect', onDisconnect);
    send(socket).then(
      (value) => {
        socket.off('disconnect', onDisconnect);
        resolve(value);
      },
      (error: unknown) => {
        socket.off('disconnect', onDisconnect);
        reject(new NetworkError(error instanceof Error ? error.message : 'no answer'));
      },
    );
  });
}

import type { Server, Socket } from 'socket.io';
import type { ClientToHubEvents, HubToClientEvents, SocketData } from '../../shared/protocol/events';

/** Hub nodes do not talk to each other over socket.io events (yet); the Redis adapter needs none. */
type InterHubEvents = Record<string, never>;

export type HubServer = Server<ClientToHubEvents, HubToClientEvents, InterHubEvents, SocketData>;
export type HubSocket = Socket<ClientToHubEvents, HubToClientEvents, InterHubEvents, SocketData>;

/** Every signed-in desktop joins this room; committed changes are broadcast to it. */
export const DESKTOPS_ROOM = 'desktops';
export const userRoom = (userId: string): string => `user:${userId}`;

import type { Server, Socket } from 'socket.io';
import type { ClientToHubEvents, HubToClientEvents, SocketData } from '../../shared/protocol/events';

/** Hub nodes talk to each other over their own Redis channels (hub/cluster/leader-link.ts), not socket.io events. */
type InterHubEvents = Record<string, never>;

export type HubServer = Server<ClientToHubEvents, HubToClientEvents, InterHubEvents, SocketData>;
export type HubSocket = Socket<ClientToHubEvents, HubToClientEvents, InterHubEvents, SocketData>;

/** Every signed-in desktop joins this room; committed changes are broadcast to it. */
export const DESKTOPS_ROOM = 'desktops';
export const USER_ROOM_PREFIX = 'user:';
export const userRoom = (userId: string): string => `${USER_ROOM_PREFIX}${userId}`;

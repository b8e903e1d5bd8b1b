import type { Namespace as SocketNamespace } from 'socket.io';
import { USER_ROOM_PREFIX } from '../socket/hub-socket';
import { emptyNodeRooms, type Namespace, type NodeRooms, type RoomBook, type RoomChange } from './room-book';

/**
 * What the hub's services ask about connections, whichever node holds them:
 * routing (does this agent have a desktop?), chat (is the visitor's widget
 * open?), the supervisor board and the monitor. Never the local adapter's
 * rooms: with several nodes those hold only this node's sockets.
 */
export type Presence = {
  /** Desktop sockets in a room (a user's room, the supervisors' room), on every node. */
  desktops(room: string): number;
  /** Widget sockets in a room (a conversation's), on every node. */
  visitors(room: string): number;
  /** A desktop of this user joined (any node). */
  onDesktopJoined(listener: (userId: string) => void): void;
  /** A desktop of this user left (any node); `desktops(userRoom(id))` already counts it out. */
  onDesktopLeft(listener: (userId: string) => void): void;
  /** Open sockets per namespace, on every node (for /metrics). */
  connections(): { desktop: number; visitor: number };
};

export function presenceOf(book: RoomBook): Presence {
  const joined: ((userId: string) => void)[] = [];
  const left: ((userId: string) => void)[] = [];
  book.onChange((change) => {
    if (change.namespace !== 'desktops' || !change.room.startsWith(USER_ROOM_PREFIX)) return;
    const userId = change.room.slice(USER_ROOM_PREFIX.length);
    for (const listener of change.joined ? joined : left) listener(userId);
  });
  return {
    desktops: (room) => book.size('desktops', room),
    visitors: (room) => book.size('visitors', room),
    onDesktopJoined: (listener) => joined.push(listener),
    onDesktopLeft: (listener) => left.push(listener),
    connections: () => ({ desktop: book.sockets('desktops'), visitor: book.sockets('visitors') }),
  };
}

/** A change of this node's rooms, before the node's name is put on it. */
export type LocalRoomChange = Omit<RoomChange, 'node'>;

/**
 * Follows this node's own sockets through its adapters' room events (a
 * socket's leaves come before its `disconnect`), handing each join and leave
 * to `report`, and reads the node's whole state for snapshots.
 */
export function watchLocalRooms(namespaces: Record<Namespace, SocketNamespace>, report: (change: LocalRoomChange) => void): () => NodeRooms {
  for (const namespace of ['desktops', 'visitors'] as const) {
    const adapter = namespaces[namespace].adapter;
    // Every socket sits in a room named by its own id: not a room anyone asks about.
    adapter.on('join-room', (room: string, socketId: string) => {
      if (room !== socketId) report({ namespace, room, socketId, joined: true });
    });
    adapter.on('leave-room', (room: string, socketId: string) => {
      if (room !== socketId) report({ namespace, room, socketId, joined: false });
    });
  }
  return () => {
    const rooms = emptyNodeRooms();
    for (const namespace of ['desktops', 'visitors'] as const) {
      for (const [socketId, joined] of namespaces[namespace].adapter.sids) {
        rooms[namespace][socketId] = [...joined].filter((room) => room !== socketId);
      }
    }
    return rooms;
  };
}

/**
 * Who is connected, on every hub node: the rooms of each node's sockets, as
 * the nodes report them. Routing asks "has this agent a desktop?" on every
 * pass and cannot wait for a round trip to each node, so the routing leader
 * keeps this book and answers from memory. With one node the book is fed by
 * that node's own socket.io adapter; with several, by every node's reports.
 *
 * Joins and leaves are idempotent, and a node's snapshot replaces what the
 * book held for it, so repeated or crossing reports cannot double-count.
 */
export type Namespace = 'desktops' | 'visitors';

/** One node's sockets and the rooms each is in (a socket's own id room left out). */
export type NodeRooms = Record<Namespace, Record<string, string[]>>;

export type RoomChange = { node: string; namespace: Namespace; room: string; socketId: string; joined: boolean };

export const emptyNodeRooms = (): NodeRooms => ({ desktops: {}, visitors: {} });

export class RoomBook {
  /** node → namespace → socket → rooms. */
  private readonly nodes = new Map<string, Record<Namespace, Map<string, Set<string>>>>();
  private readonly counts: Record<Namespace, Map<string, number>> = { desktops: new Map(), visitors: new Map() };
  private readonly listeners: ((change: RoomChange) => void)[] = [];

  /** Called after every join or leave the book takes in (from a report or a snapshot's difference). */
  onChange(listener: (change: RoomChange) => void): void {
    this.listeners.push(listener);
  }

  /** Sockets in a room, on every node. */
  size(namespace: Namespace, room: string): number {
    return this.counts[namespace].get(room) ?? 0;
  }

  /** Sockets in a namespace, on every node. */
  sockets(namespace: Namespace): number {
    let total = 0;
    for (const node of this.nodes.values()) total += node[namespace].size;
    return total;
  }

  nodeIds(): string[] {
    return [...this.nodes.keys()];
  }

  join(node: string, namespace: Namespace, room: string, socketId: string): void {
    const sockets = this.nodeOf(node)[namespace];
    let rooms = sockets.get(socketId);
    if (!rooms) {
      rooms = new Set();
      sockets.set(socketId, rooms);
    }
    if (rooms.has(room)) return;
    rooms.add(room);
    this.counts[namespace].set(room, this.size(namespace, room) + 1);
    this.tell({ node, namespace, room, socketId, joined: true });
  }

  leave(node: string, namespace: Namespace, room: string, socketId: string): void {
    const sockets = this.nodes.get(node)?.[namespace];
    const rooms = sockets?.get(socketId);
    if (!sockets || !rooms?.has(room)) return;
    rooms.delete(room);
    if (rooms.size === 0) sockets.delete(socketId);
    const left = this.size(namespace, room) - 1;
    if (left > 0) this.counts[namespace].set(room, left);
    else this.counts[namespace].delete(room);
    this.tell({ node, namespace, room, socketId, joined: false });
  }

  /** One join or leave a node reported. */
  apply(node: string, change: Omit<RoomChange, 'node'>): void {
    if (change.joined) this.join(node, change.namespace, change.room, change.socketId);
    else this.leave(node, change.namespace, change.room, change.socketId);
  }

  /** A node's whole state, as it reported it: the difference is applied as leaves, then joins. */
  replace(node: string, reported: NodeRooms): void {
    const held = this.nodes.get(node);
    for (const namespace of ['desktops', 'visitors'] as const) {
      const now = reported[namespace];
      for (const [socketId, rooms] of held ? [...held[namespace]] : []) {
        const keep = new Set(now[socketId] ?? []);
        for (const room of [...rooms]) if (!keep.has(room)) this.leave(node, namespace, room, socketId);
      }
      for (const [socketId, rooms] of Object.entries(now)) for (const room of rooms) this.join(node, namespace, room, socketId);
    }
  }

  /** A node that stopped reporting (killed, cut off): its sockets are gone. */
  drop(node: string): void {
    this.replace(node, emptyNodeRooms());
    this.nodes.delete(node);
  }

  private nodeOf(node: string): Record<Namespace, Map<string, Set<string>>> {
    let entry = this.nodes.get(node);
    if (!entry) {
      entry = { desktops: new Map(), visitors: new Map() };
      this.nodes.set(node, entry);
    }
    return entry;
  }

  private tell(change: RoomChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

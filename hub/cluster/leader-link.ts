import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { User } from '../../shared/domain/user';
import { fail, type Response } from '../../shared/protocol/errors';
import type { ClientEventName } from '../../shared/protocol/events';
import type { VisitorEventName } from '../../shared/protocol/visitor';
import type { VisitorClaims } from '../chat/visitor-token';
import type { Logger } from '../log';
import type { LocalRoomChange } from './presence';
import type { NodeRooms } from './room-book';

/**
 * The nodes' own line to the leader, over Redis pub/sub (the same Redis the
 * socket.io adapter uses for broadcasts): events a follower's sockets send,
 * answered by the leader; each follower's room changes and snapshots; and
 * the leader announcing itself. Redis carries the caller as the follower
 * authenticated it, so it must be reachable by the hub nodes only.
 */
const TO_LEADER = 'switchboard:to-leader';
const TO_ALL = 'switchboard:nodes';
const toNode = (node: string): string => `switchboard:node:${node}`;
/** The leader's address, for followers passing HTTP on (it outlives announcements a follower missed). */
const LEADER_KEY = 'switchboard:leader';

/** Asking with nobody subscribed (a failover under way): tried again this often, up to the bound. */
const NO_LEADER_RETRY_MS = 200;
const NO_LEADER_BOUND_MS = 10_000;
/** A leader that took the question and went quiet: the desktop is told to try again. */
const ANSWER_BOUND_MS = 30_000;
/** How soon a desktop should re-send a question that found no leader. */
export const FAILOVER_RETRY_SEC = 2;

export type ForwardedEvent =
  | { kind: 'event'; name: ClientEventName; payload: unknown; caller: { user: User; socketId: string } }
  | { kind: 'visitor-event'; name: VisitorEventName; payload: unknown; visitor: VisitorClaims };

type ToLeader =
  | (ForwardedEvent & { id: string; from: string })
  | { kind: 'rooms'; from: string; changes: LocalRoomChange[] }
  | { kind: 'snapshot'; from: string; rooms: NodeRooms };
type ToNode = { kind: 'answer'; id: string; response: Response<unknown> };
type ToAll = { kind: 'leader'; node: string; url: string } | { kind: 'report-rooms' };

export type LeaderAddress = { node: string; url: string };

/** What the leader does with what followers send. */
export type LeaderDesk = {
  answer(event: ForwardedEvent): Promise<Response<unknown>>;
  rooms(from: string, changes: LocalRoomChange[]): void;
  snapshot(from: string, rooms: NodeRooms): void;
};

const notNow = (): Response<never> =>
  fail('rate-limited', 'The hub is changing over to another node; try again in a moment.', { retryAfterSec: FAILOVER_RETRY_SEC });

export type LeaderLink = Awaited<ReturnType<typeof connectLeaderLink>>;

export async function connectLeaderLink(options: { redisUrl: string; node: string; log: Logger }) {
  const { node, log } = options;
  // A subscribed connection can only listen: one to publish, one to hear.
  const pub = new Redis(options.redisUrl, { lazyConnect: true });
  const sub = new Redis(options.redisUrl, { lazyConnect: true });
  for (const client of [pub, sub]) client.on('error', (error: Error) => log.warn(`redis: ${error.message}`));
  await Promise.all([pub.connect(), sub.connect()]);

  const pending = new Map<string, { resolve: (response: Response<unknown>) => void; timer: NodeJS.Timeout }>();
  let leader: LeaderAddress | null = null;
  let desk: LeaderDesk | null = null;
  const onLeader: ((address: LeaderAddress) => void)[] = [];
  const onReportRooms: (() => void)[] = [];
  const roomChanges: LocalRoomChange[] = [];
  let flushScheduled = false;

  const publish = (channel: string, message: ToLeader | ToNode | ToAll): Promise<number> => pub.publish(channel, JSON.stringify(message));

  function settle(id: string, response: Response<unknown>): void {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    clearTimeout(waiting.timer);
    waiting.resolve(response);
  }

  async function served(message: ToLeader): Promise<void> {
    if (!desk) return;
    if (message.kind === 'rooms') return desk.rooms(message.from, message.changes);
    if (message.kind === 'snapshot') return desk.snapshot(message.from, message.rooms);
    const { id, from, ...event } = message;
    const response = await desk.answer(event);
    await publish(toNode(from), { kind: 'answer', id, response });
  }

  sub.on('message', (channel: string, text: string) => {
    let message: ToLeader | ToNode | ToAll;
    try {
      message = JSON.parse(text) as ToLeader | ToNode | ToAll;
    } catch {
      log.warn(`cluster: an unreadable message on ${channel}`);
      return;
    }
    if (channel === TO_LEADER) {
      served(message as ToLeader).catch((error: unknown) => log.error('cluster: a forwarded event was not answered', error));
    } else if (message.kind === 'answer') {
      settle(message.id, message.response);
    } else if (message.kind === 'leader') {
      leader = { node: message.node, url: message.url };
      // Questions the old leader took with it will never be answered: the desktops ask again.
      if (message.node !== node) for (const id of [...pending.keys()]) settle(id, notNow());
      for (const listener of onLeader) listener(leader);
    } else if (message.kind === 'report-rooms') {
      for (const listener of onReportRooms) listener();
    }
  });
  await sub.subscribe(toNode(node), TO_ALL);
  const stored = await pub.get(LEADER_KEY);
  if (stored) leader = JSON.parse(stored) as LeaderAddress;

  async function sendToLeader(message: ToLeader): Promise<boolean> {
    const deadline = Date.now() + NO_LEADER_BOUND_MS;
    for (;;) {
      if ((await publish(TO_LEADER, message)) > 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, NO_LEADER_RETRY_MS));
    }
  }

  return {
    /** The leader as last announced (or stored), or null before any leader. */
    leader: (): LeaderAddress | null => leader,
    onLeader(listener: (address: LeaderAddress) => void): void {
      onLeader.push(listener);
    },
    /** A new leader asks every node for its rooms. */
    onReportRooms(listener: () => void): void {
      onReportRooms.push(listener);
    },

    /** A follower's socket event, answered by the leader (or `rate-limited` with a retry when no leader answers). */
    ask(event: ForwardedEvent): Promise<Response<unknown>> {
      const id = randomUUID();
      return new Promise((resolve) => {
        const timer = setTimeout(() => settle(id, notNow()), ANSWER_BOUND_MS);
        pending.set(id, { resolve, timer });
        sendToLeader({ ...event, id, from: node }).then(
          (delivered) => {
            if (!delivered) settle(id, notNow());
          },
          (error: unknown) => {
            log.warn(`cluster: could not reach the leader: ${String(error)}`);
            settle(id, notNow());
          },
        );
      });
    },

    /** This node's joins and leaves, sent in order, batched per tick. A leader elected later asks for a snapshot instead. */
    reportRooms(change: LocalRoomChange): void {
      roomChanges.push(change);
      if (flushScheduled) return;
      flushScheduled = true;
      setImmediate(() => {
        flushScheduled = false;
        const changes = roomChanges.splice(0);
        publish(TO_LEADER, { kind: 'rooms', from: node, changes }).catch((error: unknown) => log.warn(`cluster: room changes not sent: ${String(error)}`));
      });
    },

    /** This node's whole room state (the leader's book replaces what it held for the node). */
    async snapshot(rooms: NodeRooms): Promise<void> {
      await publish(TO_LEADER, { kind: 'snapshot', from: node, rooms });
    },

    /** Becoming leader: take followers' events and reports, and tell every node where to send HTTP. */
    async lead(leaderDesk: LeaderDesk, url: string): Promise<void> {
      desk = leaderDesk;
      await sub.subscribe(TO_LEADER);
      const address = { node, url };
      await pub.set(LEADER_KEY, JSON.stringify(address));
      await publish(TO_ALL, { kind: 'leader', ...address });
      await publish(TO_ALL, { kind: 'report-rooms' });
    },

    async close(): Promise<void> {
      for (const id of [...pending.keys()]) settle(id, notNow());
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}

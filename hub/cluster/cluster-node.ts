import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { fail } from '../../shared/protocol/errors';
import { answerVisitorEvent } from '../chat/visitor-namespace';
import type { ClusterConfig, HubConfig } from '../config';
import { type LeaderServices, startLeaderServices } from '../leader-services';
import { openNode } from '../node';
import type { StartOptions } from '../server';
import { answerEvent } from '../socket/dispatcher';
import { forwardedRoutes, forwardedVisitorRoutes } from './forwarded-routes';
import { campaignForLeadership } from './leader-lock';
import { connectLeaderLink, FAILOVER_RETRY_SEC, type LeaderDesk } from './leader-link';
import { proxyToLeader } from './leader-proxy';

/** How often every follower sends its whole room state (the leader's book heals from lost reports). */
export const ROOMS_SNAPSHOT_MS = 5_000;
/** A node not heard from for this long is gone (killed, cut off): its sockets leave the leader's book. */
export const NODE_SILENCE_MS = 3 * ROOMS_SNAPSHOT_MS;

export type ClusterNode = {
  url: string;
  node: string;
  role(): 'leader' | 'follower';
  /** Resolves once this node leads (tests; a node may follow for ever). */
  leading: Promise<LeaderServices>;
  close(): Promise<void>;
};

/**
 * One hub node of several (DESIGN.md "scale-out"): sockets on any node,
 * broadcasts joined through the socket.io Redis adapter, and one leader —
 * the holder of a Postgres advisory lock — running routing and every
 * writer. A follower passes its sockets' events and its HTTP to the leader
 * and reports who is connected to it; when the leader goes, the next node
 * to take the lock starts the leader's services from the store.
 */
export async function startClusterNode(
  config: HubConfig & { cluster: ClusterConfig; store: { kind: 'postgres'; url: string } },
  options: StartOptions & { leadershipLost?: (reason: string) => void } = {},
): Promise<ClusterNode> {
  const { cluster } = config;
  const adapterPub = new Redis(cluster.redisUrl);
  const adapterSub = adapterPub.duplicate();
  const node = await openNode(config, { ...options, adapter: createAdapter(adapterPub, adapterSub, { key: 'switchboard' }) }, cluster.nodeId);
  const { log, clock } = node.parts;
  for (const client of [adapterPub, adapterSub]) client.on('error', (error: Error) => log.warn(`redis (adapter): ${error.message}`));
  const link = await connectLeaderLink({ redisUrl: cluster.redisUrl, node: cluster.nodeId, log });

  let leader: LeaderServices | null = null;
  let markLeading: (services: LeaderServices) => void = () => undefined;
  const leading = new Promise<LeaderServices>((resolve) => {
    markLeading = resolve;
  });

  // Following: events, widget events and HTTP go to the leader; room changes are reported to it.
  node.serve({
    role: 'follower',
    http: proxyToLeader(() => link.leader()?.url ?? null, node.forwardingKey, log),
    routes: forwardedRoutes(link),
    visitorRoutes: forwardedVisitorRoutes(link),
  });
  node.reportRoomsTo((change) => link.reportRooms(change));
  const sendSnapshot = (): void => {
    if (!leader) link.snapshot(node.localRooms()).catch((error: unknown) => log.warn(`cluster: rooms snapshot not sent: ${String(error)}`));
  };
  link.onReportRooms(sendSnapshot);
  const snapshots = setInterval(sendSnapshot, ROOMS_SNAPSHOT_MS);
  snapshots.unref();

  const { url } = await node.listen();
  const advertised = cluster.advertisedUrl ?? url;

  // Leading: the followers' reports keep the book; a node gone silent is dropped from it.
  const heardFrom = new Map<string, number>();
  let silenceSweep: NodeJS.Timeout | null = null;
  const desk = (services: LeaderServices): LeaderDesk => ({
    async answer(event) {
      if (node.drain.closing) return fail('rate-limited', 'The hub is changing over to another node; try again in a moment.', { retryAfterSec: FAILOVER_RETRY_SEC });
      if (event.kind === 'event') return node.drain.track(() => answerEvent(services.routes, event.name, event.payload, event.caller, log));
      return node.drain.track(() => answerVisitorEvent(() => services.visitorRoutes, event.name, event.visitor, event.payload, clock, log));
    },
    rooms(from, changes) {
      heardFrom.set(from, Date.now());
      for (const change of changes) node.book.apply(from, change);
    },
    snapshot(from, rooms) {
      heardFrom.set(from, Date.now());
      node.book.replace(from, rooms);
    },
  });

  const campaign = campaignForLeadership({
    databaseUrl: config.store.url,
    log,
    elected: async () => {
      const services = await startLeaderServices(node.parts);
      leader = services;
      // This node's own sockets go straight into the book from now on.
      node.book.replace(cluster.nodeId, node.localRooms());
      node.reportRoomsTo((change) => node.book.apply(cluster.nodeId, change));
      node.serve({ role: 'leader', http: services.http, routes: services.routes, visitorRoutes: services.visitorRoutes });
      silenceSweep = setInterval(() => {
        const now = Date.now();
        for (const other of node.book.nodeIds()) {
          if (other === cluster.nodeId) continue;
          const last = heardFrom.get(other) ?? 0;
          if (now - last > NODE_SILENCE_MS) {
            log.warn(`cluster: node ${other} has been silent for ${Math.round((now - last) / 1000)} s; its connections are dropped`);
            node.book.drop(other);
            heardFrom.delete(other);
          }
        }
      }, ROOMS_SNAPSHOT_MS);
      silenceSweep.unref();
      await link.lead(desk(services), advertised);
      markLeading(services);
      log.info(`cluster: ${cluster.nodeId} leads at ${advertised}`);
    },
    lost:
      options.leadershipLost ??
      ((reason) => {
        log.error(`cluster: ${reason}; this node may no longer lead and stops now (the service manager restarts it as a follower)`);
        process.exit(70);
      }),
  });

  let closing: Promise<void> | null = null;
  return {
    url,
    node: cluster.nodeId,
    role: () => (leader ? 'leader' : 'follower'),
    leading,
    close: () => {
      closing ??= (async () => {
        clearInterval(snapshots);
        if (silenceSweep) clearInterval(silenceSweep);
        await node.close(leader, async () => {
          // After the last write: the next leader may start now.
          await campaign.stop();
          await link.close();
          await Promise.allSettled([adapterPub.quit(), adapterSub.quit()]);
        });
      })();
      return closing;
    },
  };
}

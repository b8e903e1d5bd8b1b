import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { fail } from '../shared/protocol/errors';
import { CLIENT_EVENTS, type ClientEventName, isClientEventName } from '../shared/protocol/events';
import { VISITOR_NAMESPACE } from '../shared/protocol/visitor';
import { createAuthService } from './auth/auth-service';
import { LOGIN_POLICY, LoginLimiter } from './auth/login-limiter';
import { resolveTokenSecret } from './auth/token-secret';
import type { VisitorServer } from './chat/chat-context';
import { attachVisitorNamespace, type VisitorRoutes } from './chat/visitor-namespace';
import { visitorKey as visitorTokenKey } from './chat/visitor-token';
import { systemClock } from './clock';
import { type LocalRoomChange, presenceOf, watchLocalRooms } from './cluster/presence';
import { type NodeRooms, RoomBook } from './cluster/room-book';
import type { HubConfig } from './config';
import { openStore } from './db/open-store';
import { acceptForwardedClient, forwardingKey } from './http/client-address';
import { createHealth, type NodeRole } from './http/health';
import { createLogger } from './log';
import { createDrain } from './ops/drain';
import { createHubCounters } from './ops/hub-counters';
import { countErrorLines, countHttpErrors, observeRoutes, SHUTDOWN_RETRY_SEC } from './ops/route-observer';
import type { LeaderServices, NodeParts } from './leader-services';
import { attachDispatcher } from './socket/dispatcher';
import type { EventRoute } from './socket/event-route';
import { authenticateHandshake } from './socket/handshake';
import { DESKTOPS_ROOM, type HubServer, userRoom } from './socket/hub-socket';
import { announceSessionExpiry } from './socket/session-expiry';
import type { StartOptions } from './server';
import { packageVersion } from './version';

/** Socket.io frames: a full outbox push (500 mutations with long notes) must fit. */
const MAX_SOCKET_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Inside hub/main.ts's 10 s bound on closing (systemd allows 15 s), leaving time for timers and the store to close. */
export const DRAIN_TIMEOUT_MS = 7_000;

/** What a node does with its sockets' events and its HTTP: its own services, or passing them to the leader. */
export type NodeWork = {
  role: NodeRole;
  http: (request: IncomingMessage, response: ServerResponse) => void;
  routes: Record<ClientEventName, EventRoute>;
  visitorRoutes: VisitorRoutes;
};

const notReady = (): Record<ClientEventName, EventRoute> => {
  const routes = {} as Record<ClientEventName, EventRoute>;
  for (const name of Object.keys(CLIENT_EVENTS)) {
    if (!isClientEventName(name)) continue;
    routes[name] = {
      roles: CLIENT_EVENTS[name].roles,
      run: async () => fail('rate-limited', 'The hub is starting; try again shortly.', { retryAfterSec: SHUTDOWN_RETRY_SEC }),
    };
  }
  return routes;
};

/**
 * A hub node: its store, sign-in, HTTP server and sockets, and the book of
 * who is connected. What answers (its own leader services, or the cluster's
 * leader through hub/cluster/) is set with `serve` and may change while it
 * runs — a follower that wins the election starts serving as leader.
 */
export async function openNode(config: HubConfig, options: StartOptions, node: string) {
  // Running totals for /metrics (hub/ops/): mutation outcomes and errors, counted where they pass.
  const counters = createHubCounters();
  const log = countErrorLines(options.log ?? createLogger(config.logLevel), counters);
  const clock = options.clock ?? systemClock;
  const store = await openStore(config.store, log);
  try {
    const { db } = store;
    const secret = await resolveTokenSecret(db, config.secret);
    const limiter = new LoginLimiter(options.loginPolicy ?? LOGIN_POLICY, clock);
    const auth = await createAuthService(db, { secret, accessTtlSec: config.accessTtlSec, refreshTtlSec: config.refreshTtlSec }, limiter, clock);
    const book = new RoomBook();
    const presence = presenceOf(book);
    const drain = createDrain();
    const forwarding = forwardingKey(secret);
    let work: NodeWork | null = null;
    const health = createHealth({ db, storeKind: store.kind, version: packageVersion(), node, role: () => work?.role ?? 'follower', log });

    const httpServer = createServer(
      countHttpErrors((request, response) => {
        acceptForwardedClient(forwarding, request);
        const pathname = (request.url ?? '/').split('?')[0] ?? '/';
        if (health.handles(pathname)) {
          void health.handle(request, response, pathname);
          return;
        }
        if (!work) {
          response.writeHead(503, { 'Retry-After': String(SHUTDOWN_RETRY_SEC) });
          response.end();
          return;
        }
        work.http(request, response);
      }, counters),
    );
    const io: HubServer = new Server(httpServer, {
      serveClient: false,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
      // Tokens ride in the handshake, never in cookies, so other origins (the Electron renderer's file://) are safe to admit.
      cors: { origin: '*' },
      ...(options.adapter ? { adapter: options.adapter } : {}),
    });
    io.use(authenticateHandshake(auth, log));
    // A namespace's event maps are its own; socket.io's `of()` cannot type them.
    const visitors = io.of(VISITOR_NAMESPACE) as unknown as VisitorServer;

    // Every socket event passes the drain (close() waits for those already received) and the counters.
    let routes = observeRoutes(notReady(), counters, drain);
    attachVisitorNamespace(visitors, {
      routes: () => {
        if (!work) throw new Error('the hub is not serving yet');
        return work.visitorRoutes;
      },
      key: visitorTokenKey(secret),
      clock,
      log,
    });
    io.on('connection', (socket) => {
      void socket.join([DESKTOPS_ROOM, userRoom(socket.data.user.id)]);
      attachDispatcher(socket, { routes: () => routes, clock, log, sessionEnded: (userId, issuedAt) => auth.revocations.ended(userId, issuedAt) });
      announceSessionExpiry(socket, clock);
      log.debug(`${socket.data.user.username} connected (${socket.id})`);
    });

    // This node's joins and leaves: into the book while it leads (or stands alone), to the leader while it follows.
    let reportRooms: (change: LocalRoomChange) => void = (change) => book.apply(node, change);
    const localRooms = watchLocalRooms({ desktops: io.of('/'), visitors }, (change) => reportRooms(change));

    let url = '';
    const parts: NodeParts = { config, options, counters, log, clock, store, auth, secret, io, visitors, presence, hubUrl: () => url };

    return {
      parts,
      node,
      book,
      drain,
      forwardingKey: forwarding,
      get url(): string {
        return url;
      },
      localRooms: (): NodeRooms => localRooms(),
      /** Where this node's own room changes go from now on. */
      reportRoomsTo(report: (change: LocalRoomChange) => void): void {
        reportRooms = report;
      },
      serve(next: NodeWork): void {
        work = next;
        routes = observeRoutes(next.routes, counters, drain);
      },
      async listen(): Promise<{ url: string; port: number }> {
        const port = await listen(httpServer, config.port, config.host);
        url = `http://${urlHost(config.host)}:${port}`;
        return { url, port };
      },
      /**
       * Stops in order: no new connections; socket events already received
       * are answered (new ones refused); the leader's timers and background
       * work (when it leads); sockets; the last write; the store.
       */
      async close(leader: LeaderServices | null, beforeStore: () => Promise<void> = async () => undefined): Promise<void> {
        httpServer.close();
        const drainTimeoutMs = options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS;
        if (!(await drain.close(drainTimeoutMs))) log.warn(`closing: ${drain.inFlight} socket events still running after ${drainTimeoutMs} ms; their desktops re-send them`);
        // The acks of the last events go out before the sockets close (engine.io flushes what is queued).
        await new Promise((resolve) => setImmediate(resolve));
        await leader?.stop();
        const ioClosed = io.close();
        // Keep-alive HTTP connections would otherwise hold close() open for seconds.
        httpServer.closeAllConnections();
        await ioClosed;
        // Let a mutation already in its transaction commit before the store goes away.
        await leader?.writeQueue(async () => undefined);
        await beforeStore();
        await store.close();
      },
      /** A start that failed half-way: only the store needs closing. */
      abort: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export type HubNode = Awaited<ReturnType<typeof openNode>>;

function listen(server: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address: AddressInfo | string | null = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** A URL a person can click: a wildcard bind is reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

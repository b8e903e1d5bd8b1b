import type { Kysely } from 'kysely';
import type { ServerOptions } from 'socket.io';
import type { RecomputeAnswer } from '../shared/protocol/customer-value';
import type { LimiterPolicy } from './auth/login-limiter';
import type { ChatLimits } from './chat/chat-service';
import type { Clock } from './clock';
import type { HubConfig } from './config';
import type { Database, StoreKind } from './db/schema';
import type { InboundMail } from './email/inbound-mail';
import type { ComplaintService } from './complaints/complaint-service';
import type { FollowUps } from './follow-ups/follow-ups';
import { startLeaderServices } from './leader-services';
import type { Logger } from './log';
import { openNode } from './node';
import type { RoutingService } from './routing/routing-service';
import type { DemoLogins } from './seed';
import type { HubServer } from './socket/hub-socket';

export type StartOptions = {
  /** Tests move time to expire tokens and rate limits. */
  clock?: Clock;
  loginPolicy?: LimiterPolicy;
  /** Visitor flood limits; benchmarks raise them to open hundreds of chats from one address. */
  chatLimits?: ChatLimits;
  log?: Logger;
  /** METRICS_TOKEN (hub/ops/metrics-token.ts): Prometheus' bearer token for /metrics; without it only supervisors' and admins' tokens open it. */
  metricsToken?: string | null;
  /** How long close() waits for socket events already received (mutations mid-batch) before closing the sockets anyway. */
  drainTimeoutMs?: number;
  /**
   * false: the runs at fixed hours of the night (customer value at 02:00, the value snapshot at 03:00,
   * cross-sell mining and the retention sweep at 04:00) are not scheduled. Tests that compare the whole
   * store before and after a request turn them off, so a suite crossing 02:00 does not see them; the runs
   * themselves are tested by calling them.
   */
  nightlyRuns?: boolean;
  /** The socket.io adapter joining this node's broadcasts to other nodes' (a cluster node's Redis adapter: hub/cluster/). */
  adapter?: ServerOptions['adapter'];
};

export type RunningHub = {
  url: string;
  port: number;
  db: Kysely<Database>;
  storeKind: StoreKind;
  /** The SQLite file or the Postgres URL without its password. */
  storeLocation: string;
  /** The demo logins when this start seeded an empty store; null otherwise. */
  seeded: DemoLogins | null;
  io: HubServer;
  /** The ACD: tests call `routing.tick()` after moving the clock. */
  routing: RoutingService;
  /** The key the SIP server sends with every voice request (VOICE_KEY, or the one this store generated). */
  voiceKey: string;
  /** The secret agents' SIP credentials are signed with (SIP_AUTH_SECRET, or the one this store generated): Kamailio's auth_ephemeral secret. */
  sipAuthSecret: string;
  /** Inbound email: tests and the bench file raw mail through it; `smtpPort` is null when the listener is off (SMTP_PORT=0). */
  email: InboundMail;
  smtpPort: number | null;
  /** Follow-ups: the rule entry points other areas call, and the scheduler tests `check()` after moving the clock. */
  followUps: FollowUps;
  /** Complaints: `onStep` for other areas, and the escalation pass tests `sweep()` after moving the clock. */
  complaints: ComplaintService;
  /**
   * Customer value and its daily snapshot: the nightly run's work on demand (`npm start` works the demo's
   * values out at once, so its 360s and the analysis screens have figures from the first sign-in).
   */
  crm: { recomputeValues(): Promise<RecomputeAnswer>; snapshotValues(): Promise<number> };
  close(): Promise<void>;
};

/**
 * One hub alone (the embedded default, and every test's hub): it leads
 * itself. Several nodes sharing Postgres and Redis start through
 * hub/cluster/cluster-node.ts instead.
 */
export async function startHub(config: HubConfig, options: StartOptions = {}): Promise<RunningHub> {
  const node = await openNode(config, options, 'standalone');
  try {
    const leader = await startLeaderServices(node.parts);
    node.serve({ role: 'standalone', http: leader.http, routes: leader.routes, visitorRoutes: leader.visitorRoutes });
    const { url, port } = await node.listen();
    const { store } = node.parts;
    let closing: Promise<void> | null = null;
    return {
      url,
      port,
      db: store.db,
      storeKind: store.kind,
      storeLocation: store.location,
      seeded: leader.seeded,
      io: node.parts.io,
      routing: leader.routing,
      voiceKey: leader.voiceKey,
      sipAuthSecret: leader.sipAuthSecret,
      email: leader.email,
      smtpPort: leader.smtpPort,
      followUps: leader.followUps,
      complaints: leader.complaints,
      crm: leader.crm,
      close: () => {
        closing ??= node.close(leader);
        return closing;
      },
    };
  } catch (error) {
    await node.abort();
    throw error;
  }
}

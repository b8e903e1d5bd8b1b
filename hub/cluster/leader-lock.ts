import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../log';

/** The advisory locks of routing leaders (a number unique to this use; "SWBD" in ASCII). */
const LEADER_LOCK_CLASS = 0x53574244;

/**
 * The lock for one store: advisory locks belong to the whole database, and
 * two stores in one database (schemas chosen by the URL's search_path) are
 * two clusters, each with its own leader.
 */
export const leaderLockKey = (databaseUrl: string): number => {
  const url = new URL(databaseUrl);
  url.password = '';
  return createHash('sha256').update(url.toString()).digest().readInt32BE(0);
};
/** How often a node waiting to lead tries the lock: a failover takes about this long once the leader's session ends. */
export const LEADER_POLL_MS = 1_000;
/** How often the leader checks that its lock's session is alive. */
const HEARTBEAT_MS = 2_000;

/**
 * One leader at a time, by a Postgres session-level advisory lock: whoever
 * holds it runs routing and every writer (hub/leader-services.ts). Postgres
 * frees the lock the moment the holder's session ends — a killed process
 * closes its socket at once; a machine that vanishes is noticed by the TCP
 * keepalives set below within about 15 s.
 *
 * Losing the session means losing the lock, and another node may already
 * lead: the holder must stop deciding at once (`lost`; hub/main.ts exits
 * and the service manager restarts it as a follower).
 */
export function campaignForLeadership(options: {
  databaseUrl: string;
  log: Logger;
  elected: () => Promise<void>;
  lost: (reason: string) => void;
  pollMs?: number;
}): { stop(): Promise<void> } {
  const { log } = options;
  const client = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true, application_name: 'switchboard leader lock' });
  let stopped = false;
  let leading = false;
  let timer: NodeJS.Timeout | null = null;
  const key = leaderLockKey(options.databaseUrl);

  const gone = (reason: string): void => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    if (leading) options.lost(reason);
    else log.warn(`cluster: the leader election stopped: ${reason}`);
  };
  client.on('error', (error: Error) => gone(`the lock's database session failed: ${error.message}`));
  client.on('end', () => gone("the lock's database session ended"));

  async function tryLock(): Promise<void> {
    const result = await client.query<{ got: boolean }>('select pg_try_advisory_lock($1, $2) as got', [LEADER_LOCK_CLASS, key]);
    if (stopped) return;
    if (result.rows[0]?.got) {
      leading = true;
      log.info('cluster: this node leads (it holds the routing lock)');
      await options.elected();
      heartbeat();
      return;
    }
    timer = setTimeout(() => void run(tryLock), options.pollMs ?? LEADER_POLL_MS);
  }

  function heartbeat(): void {
    timer = setTimeout(() => void run(async () => {
      await client.query('select 1');
      if (!stopped) heartbeat();
    }), HEARTBEAT_MS);
  }

  async function run(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      gone(`the lock's database session failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  void run(async () => {
    await client.connect();
    // The server notices a vanished leader's session by keepalives: idle 5 s, then 3 probes 3 s apart.
    await client.query('set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 3; set tcp_keepalives_count = 3');
    await tryLock();
  });

  return {
    async stop(): Promise<void> {
      const wasLeading = leading;
      leading = false;
      stopped = true;
      if (timer) clearTimeout(timer);
      // Ending the session frees the lock for the next leader.
      await client.end().catch(() => undefined);
      if (wasLeading) log.info('cluster: this node stopped leading');
    },
  };
}

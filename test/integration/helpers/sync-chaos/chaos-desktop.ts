// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { ulid } from 'ulid';
import { SwitchboardDb } from '../../../../renderer/db/schema';
import { createSyncEngine, type SyncAuth, type SyncEngine } from '../../../../renderer/sync/engine';
import { connectHub } from '../../../../renderer/sync/hub-socket';
import type { MutationContext } from '../../../../renderer/sync/mutations';
import type { Refusal } from '../../../../renderer/sync/outbox';
import type { Session } from '../../../../shared/protocol/auth';
import type { Response } from '../../../../shared/protocol/errors';
import type { Mutation } from '../../../../shared/protocol/mutations';
import { type ChaosControl, type ChaosOdds, chaosSocket } from './chaos-socket';
import { type NetworkLink, openNetworkLink } from './network-link';

/**
 * One agent desktop as the renderer builds it (renderer/app/SessionRoot.tsx):
 * its own Dexie cache, the real sync engine with a token keeper, the real
 * socket.io client — reached through its own network link and a chaos layer —
 * and what the agent is told: every refusal the engine reports.
 */
export type ChaosDesktop = {
  label: string;
  userId: string;
  db: SwitchboardDb;
  engine: SyncEngine;
  link: NetworkLink;
  chaos: ChaosControl;
  mutation: MutationContext;
  /** Every mutation the agent made (committed to the outbox), in order. */
  created: Mutation[];
  /** What the desktop surfaced as refused, in the order it said so. */
  refusals: Refusal[];
  /** The page reloads (or the app restarts): engine and socket go, the cache stays and a new session mounts on it. */
  reload(): Promise<void>;
  stop(): Promise<void>;
};

async function post<T>(url: string, body: unknown): Promise<Response<T> | null> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as Response<T>;
  } catch {
    return null;
  }
}

/** The session keeper's contract (renderer/auth/session-keeper.ts) over the desktop's own link: a cut link is `offline`. */
function keeperFor(linkUrl: string, first: Session): SyncAuth {
  let session = first;
  return {
    getToken: () => session.accessToken,
    async refresh() {
      const answer = await post<Session>(`${linkUrl}/api/refresh`, { refreshToken: session.refreshToken });
      if (answer === null) return 'offline';
      if (!answer.ok) return answer.error.code === 'rate-limited' || answer.error.code === 'internal' ? 'offline' : 'invalid';
      session = answer.data;
      return 'ok';
    },
  };
}

export async function openChaosDesktop(options: { hubPort: number; username: string; odds: ChaosOdds; seed: number }): Promise<ChaosDesktop> {
  const link = await openNetworkLink(options.hubPort);
  const login = await post<Session>(`${link.url}/api/login`, { username: options.username, password: 'demo1234' });
  if (!login?.ok) throw new Error(`${options.username} could not sign in: ${JSON.stringify(login)}`);
  const dbName = `chaos-${options.username}-${ulid()}`;
  const auth = keeperFor(link.url, login.data);
  const refusals: Refusal[] = [];

  /** The session's services over the cache named `dbName`, as SessionRoot mounts them. */
  function mount(): { db: SwitchboardDb; engine: SyncEngine; chaos: ChaosControl } {
    const db = new SwitchboardDb(dbName);
    const built: { chaos?: ChaosControl } = {};
    const engine = createSyncEngine({
      hubUrl: link.url,
      auth,
      db,
      requestTimeoutMs: 5_000,
      socketFactory: (url, getToken) => {
        const real = connectHub(url, getToken);
        // socket.io's own reconnection, only quicker than the app's 1–15 s so a run stays short.
        real.io.reconnectionDelay(50).reconnectionDelayMax(400);
        const wrapped = chaosSocket(real, options.odds, options.seed);
        built.chaos = wrapped.control;
        return wrapped.socket;
      },
    });
    const { chaos } = built;
    if (!chaos) throw new Error('the engine did not build its socket');
    engine.onRefusal((refusal) => refusals.push(refusal));
    engine.start();
    return { db, engine, chaos };
  }

  const first = mount();
  const desktop: ChaosDesktop = {
    label: options.username,
    userId: login.data.user.id,
    ...first,
    link,
    mutation: { db: first.db, agentId: login.data.user.id, region: 'CN' },
    created: [],
    refusals,
    async reload() {
      const { odds } = desktop.chaos;
      await desktop.engine.stop();
      desktop.db.close();
      const next = mount();
      next.chaos.odds = odds;
      Object.assign(desktop, next, { mutation: { ...desktop.mutation, db: next.db } });
    },
    async stop() {
      await desktop.engine.stop();
      desktop.db.close();
      await link.close();
    },
  };
  return desktop;
}

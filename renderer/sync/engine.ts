import { liveQuery } from 'dexie';
import type { HistoryRequest } from '../../shared/protocol/changes';
import { ErrorCodeSchema } from '../../shared/protocol/errors';
import { applyChangePage, resetCache } from '../db/apply-changes';
import { type CacheSettings, interactionsSinceFor, readCursor, readSettings } from '../db/meta';
import { SwitchboardDb } from '../db/schema';
import { createSyncStatusStore, type SyncError, type SyncStatusStore } from '../store/sync-status';
import { backoffDelay } from './backoff';
import { checkProgress, classifyLiveBatch, OutOfSyncError } from './cursor';
import { connectHub, type HubSocket, type HubSocketFactory, NetworkError, request } from './hub-socket';
import { readBatch, type Refusal, settleResults } from './outbox';
import {
  BadAnswerError,
  ChangeListSchema,
  type HistoryPage,
  HistoryPageSchema,
  HubRefusalError,
  PullResultSchema,
  PushResultSchema,
  unwrapAck,
} from './wire';

/** How the engine gets and renews its access token; the app's session keeper implements it. */
export type SyncAuth = {
  getToken(): string;
  /** Trade the refresh token for a new access token. `invalid` ends the session. */
  refresh(): Promise<'ok' | 'invalid' | 'offline'>;
};

export type SyncEngineOptions = {
  hubUrl: string;
  /** A fixed access token (benchmarks, scripts). The app passes `auth` instead. */
  token?: string;
  auth?: SyncAuth;
  /** Open (and own) this database… */
  dbName?: string;
  /** …or use one the caller opened. */
  db?: SwitchboardDb;
  settings?: Partial<CacheSettings>;
  /** Changes per pull page (the hub caps it at 10,000). */
  pageSize?: number;
  requestTimeoutMs?: number;
  now?: () => number;
  socketFactory?: HubSocketFactory;
};

export type PullSummary = {
  /** Pages and changes applied while this call waited (including a pull already running). */
  pages: number;
  changes: number;
  cursor: number;
  head: number;
  ms: number;
};

export interface SyncEngine {
  readonly db: SwitchboardDb;
  readonly status: SyncStatusStore;
  /** The live hub connection, for request/answer features beside sync (routing). Listen; never connect or close it. */
  readonly socket: HubSocket;
  /** Connect, catch up, push the outbox and follow live changes until `stop()`. */
  start(): void;
  stop(): Promise<void>;
  /** Starts the engine if needed and resolves once the cache has caught up with the hub's head. */
  pullAll(): Promise<PullSummary>;
  pushOutbox(): Promise<void>;
  /** One page of a customer's interactions older than the cache holds, newest first (not cached). */
  loadHistory(request: HistoryRequest): Promise<HistoryPage>;
  /** Reconnect so the hub sees a fresh token. */
  reconnect(): void;
  onRefusal(listener: (refusal: Refusal) => void): () => void;
  /** The session cannot be renewed: the agent must sign in again. */
  onAuthInvalid(listener: () => void): () => void;
}

const MAX_PULL_PAGES = 100_000;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const db = options.db ?? new SwitchboardDb(options.dbName ?? 'switchboard');
  const ownsDb = !options.db;
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 5_000;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const auth: SyncAuth | null = options.auth ?? null;
  const getToken = () => auth?.getToken() ?? options.token ?? '';
  const status = createSyncStatusStore();
  // The token the current connection presented, to tell "expired" from "already renewed, reconnect".
  let presentedToken = '';
  const socket: HubSocket = (options.socketFactory ?? connectHub)(options.hubUrl, () => {
    presentedToken = getToken();
    return presentedToken;
  });
  const refusalListeners = new Set<(refusal: Refusal) => void>();
  const authInvalidListeners = new Set<() => void>();

  let started = false;
  let stopped = false;
  let cursor = 0;
  let settings: CacheSettings = { interactionWindowDays: 730, region: 'CN' };
  const applied = { pages: 0, changes: 0, head: 0 };
  const ready = (async () => {
    cursor = await readCursor(db);
    settings = { ...(await readSettings(db)), ...options.settings };
  })();

  // Pulls and live batches run one at a time, in arrival order, so the cursor is never read mid-write.
  let queue: Promise<unknown> = ready;
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const setConnection = (connection: ReturnType<SyncStatusStore['getState']>['connection']) =>
    status.setState({ connection });
  const setError = (lastError: SyncError | null) => status.setState({ lastError });

  function describe(error: unknown): SyncError {
    if (error instanceof HubRefusalError) return { kind: 'hub', code: error.error.code, message: error.error.message };
    if (error instanceof OutOfSyncError) return { kind: 'out-of-sync', message: error.message };
    if (error instanceof BadAnswerError) return { kind: 'bad-answer', message: error.message };
    return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
  }

  // ---- pull -------------------------------------------------------------

  let pullsStarted = 0;
  let lastPullOk = false;

  const pullPage = (since: number, interactionsSince: number) =>
    request(socket, (s) => s.timeout(timeoutMs).emitWithAck('sync:pull', { since, limit: pageSize, interactionsSince })).then(
      (ack) => unwrapAck('sync:pull', ack, PullResultSchema),
    );

  /**
   * Pages from the cursor to the hub's head. The next page is requested
   * before the current one is written, so the hub's read and the transfer
   * overlap the IndexedDB write.
   */
  async function pullToHead(): Promise<void> {
    pullsStarted += 1;
    lastPullOk = false;
    const interactionsSince = interactionsSinceFor(settings, now());
    let resetDone = false;
    let since = cursor;
    setConnection({ kind: 'syncing', cursor, head: Math.max(applied.head, cursor) });
    let next = pullPage(since, interactionsSince);
    for (let pages = 0; pages < MAX_PULL_PAGES; pages++) {
      let page: Awaited<typeof next>;
      try {
        page = await next;
      } catch (error) {
        if (error instanceof HubRefusalError && error.error.code === 'cursor-ahead' && !resetDone) {
          // The cache came from another hub (or a hub that was reset): start again from nothing.
          resetDone = true;
          await resetCache(db);
          cursor = 0;
          since = 0;
          next = pullPage(0, interactionsSince);
          continue;
        }
        throw error;
      }
      checkProgress(since, page);
      if (page.more) {
        next = pullPage(page.cursor, interactionsSince);
        next.catch(() => undefined);
      }
      await applyChangePage(db, page.changes, page.cursor, { interactionsSince });
      cursor = page.cursor;
      applied.pages += 1;
      applied.changes += page.changes.length;
      applied.head = page.head;
      if (!page.more) {
        lastPullOk = true;
        return;
      }
      setConnection({ kind: 'syncing', cursor, head: page.head });
      since = page.cursor;
    }
    throw new OutOfSyncError(since, cursor);
  }

  let pullRetry: ReturnType<typeof setTimeout> | undefined;
  let pullAttempt = 0;

  function catchUp(): Promise<void> {
    clearTimeout(pullRetry);
    return serial(pullToHead).then(
      () => {
        pullAttempt = 0;
        if (socket.connected) setConnection({ kind: 'online' });
      },
      async (error: unknown) => {
        if (await handleAuthError(error)) return;
        setError(describe(error));
        if (!socket.connected || stopped) return;
        setConnection({ kind: 'online' });
        pullRetry = setTimeout(() => void catchUp(), backoffDelay(pullAttempt++));
      },
    );
  }

  function onLiveChanges(raw: unknown): void {
    const parsed = ChangeListSchema.safeParse(raw);
    if (!parsed.success) {
      setError({ kind: 'bad-answer', message: parsed.error.message });
      void catchUp();
      return;
    }
    void serial(async () => {
      const decision = classifyLiveBatch(cursor, parsed.data);
      if (decision.kind === 'stale') return;
      if (decision.kind === 'gap') {
        await pullToHead();
        if (socket.connected) setConnection({ kind: 'online' });
        return;
      }
      const interactionsSince = interactionsSinceFor(settings, now());
      await applyChangePage(db, decision.changes, decision.cursor, { interactionsSince });
      cursor = decision.cursor;
      applied.head = Math.max(applied.head, cursor);
    }).catch((error: unknown) => setError(describe(error)));
  }

  // ---- push -------------------------------------------------------------

  let pushing: Promise<void> | null = null;
  let pushAgain = false;
  let pushRetry: ReturnType<typeof setTimeout> | undefined;
  let pushAttempt = 0;

  async function pushLoop(): Promise<void> {
    while (socket.connected && !stopped) {
      const batch = await readBatch(db);
      if (batch.length === 0) return;
      const ack = await request(socket, (s) =>
        s.timeout(timeoutMs).emitWithAck('mutation:push', { mutations: batch.map((entry) => entry.mutation) }),
      );
      const { results } = unwrapAck('mutation:push', ack, PushResultSchema);
      const refusals = await settleResults(db, results);
      pushAttempt = 0;
      for (const refusal of refusals) for (const listener of refusalListeners) listener(refusal);
      // Answers that settle nothing would resend the same batch forever.
      const answered = new Set(results.map((result) => result.id));
      if (!batch.some((entry) => answered.has(entry.id))) throw new BadAnswerError('mutation:push', 'no answer for the batch');
    }
  }

  function pushOutbox(): Promise<void> {
    if (pushing) {
      pushAgain = true;
      return pushing;
    }
    clearTimeout(pushRetry);
    pushing = (async () => {
      try {
        do {
          pushAgain = false;
          await pushLoop();
        } while (pushAgain);
      } catch (error) {
        if (await handleAuthError(error)) return;
        setError(describe(error));
        // Nothing leaves the outbox on a failure: the same entries go again, in order.
        if (!stopped) pushRetry = setTimeout(() => void pushOutbox(), backoffDelay(pushAttempt++));
      } finally {
        pushing = null;
      }
    })();
    return pushing;
  }

  // ---- auth and connection ---------------------------------------------

  let refreshing: Promise<void> | null = null;
  let connectRetry: ReturnType<typeof setTimeout> | undefined;
  let connectAttempt = 0;
  let authRenewals = 0;

  /** True when `error` was about the token and has been dealt with. */
  async function handleAuthError(error: unknown): Promise<boolean> {
    const code = error instanceof HubRefusalError ? error.error.code : null;
    if (code !== 'token-expired' && code !== 'token-invalid') return false;
    await renewToken(code);
    return true;
  }

  /**
   * One renewal at a time, however many requests and `session:expired`
   * events report the same expiry. If the keeper already renewed the token
   * ahead of time, presenting it again (a reconnect) is all it takes.
   */
  function renewToken(code: 'token-expired' | 'token-invalid'): Promise<void> {
    if (!auth) {
      setError({ kind: 'hub', code, message: 'the access token was refused' });
      return Promise.resolve();
    }
    const keeper = auth;
    refreshing ??= (async () => {
      if (keeper.getToken() === presentedToken) {
        // A hub that keeps refusing fresh tokens (clock trouble, revoked user) must not be hammered.
        if (++authRenewals > 3) {
          for (const listener of authInvalidListeners) listener();
          return;
        }
        const outcome = await keeper.refresh();
        if (stopped) return;
        if (outcome === 'invalid') {
          for (const listener of authInvalidListeners) listener();
          return;
        }
        if (outcome === 'offline') {
          goOffline();
          connectRetry = setTimeout(() => void renewToken(code), backoffDelay(connectAttempt++));
          return;
        }
      }
      reconnect();
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function reconnect(): void {
    if (stopped || (socket.active && !socket.connected)) return;
    socket.disconnect();
    socket.connect();
  }

  function goOffline(): void {
    const connection = status.getState().connection;
    if (connection.kind !== 'offline') setConnection({ kind: 'offline', since: now() });
  }

  function start(): void {
    if (started || stopped) return;
    started = true;
    socket.on('connect', () => {
      connectAttempt = 0;
      authRenewals = 0;
      setError(null);
      void catchUp();
      void pushOutbox();
    });
    socket.on('disconnect', (reason) => {
      goOffline();
      // The hub closed the connection on purpose (usually an expired session): socket.io will not retry by itself.
      if (reason === 'io server disconnect' && !stopped) void renewToken('token-expired');
    });
    socket.on('connect_error', (error) => {
      goOffline();
      if (socket.active || stopped) return; // a network failure: socket.io retries with its own backoff
      const code = ErrorCodeSchema.safeParse(error.message);
      if (code.success && (code.data === 'token-expired' || code.data === 'token-invalid')) {
        void renewToken(code.data);
        return;
      }
      setError(code.success ? { kind: 'hub', code: code.data, message: error.message } : describe(error));
      connectRetry = setTimeout(() => socket.connect(), backoffDelay(connectAttempt++));
    });
    socket.on('sync:changes', onLiveChanges);
    socket.on('session:expired', () => void renewToken('token-expired'));
    void ready.then(() => {
      if (!stopped) socket.connect();
    });
  }

  const pendingCount = liveQuery(() => db.outbox.count()).subscribe({
    next: (pending) => {
      const before = status.getState().pending;
      status.setState({ pending });
      if (pending > before && socket.connected) void pushOutbox();
    },
    error: (error: unknown) => setError(describe(error)),
  });

  function waitConnected(): Promise<void> {
    if (socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const unsubscribe = status.subscribe((state) => {
        if (stopped) {
          unsubscribe();
          reject(new NetworkError('the sync engine was stopped'));
        } else if (socket.connected) {
          unsubscribe();
          resolve();
        } else if (state.lastError?.kind === 'hub' && state.connection.kind === 'offline' && !socket.active) {
          // The hub refused the handshake (socket.io gave up). A refusal left over from an earlier request
          // (a hub draining for a restart answers `rate-limited`) says nothing while socket.io is still reconnecting.
          unsubscribe();
          reject(new HubRefusalError({ code: state.lastError.code, message: state.lastError.message }));
        }
      });
    });
  }

  async function pullAll(): Promise<PullSummary> {
    const startedAt = performance.now();
    const before = { pages: applied.pages, changes: applied.changes, pulls: pullsStarted };
    start();
    await waitConnected();
    // Connecting already queued a pull: wait for it rather than pulling twice.
    await queue;
    if (pullsStarted === before.pulls || !lastPullOk) {
      try {
        await serial(pullToHead);
      } catch (error) {
        if (!(await handleAuthError(error))) throw error;
        await waitConnected();
        await serial(pullToHead);
      }
    }
    if (socket.connected) setConnection({ kind: 'online' });
    return {
      pages: applied.pages - before.pages,
      changes: applied.changes - before.changes,
      cursor,
      head: applied.head,
      ms: performance.now() - startedAt,
    };
  }

  async function loadHistory(history: HistoryRequest): Promise<HistoryPage> {
    const ack = await request(socket, (s) => s.timeout(timeoutMs).emitWithAck('history:page', history));
    return unwrapAck('history:page', ack, HistoryPageSchema);
  }

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    clearTimeout(pullRetry);
    clearTimeout(pushRetry);
    clearTimeout(connectRetry);
    pendingCount.unsubscribe();
    socket.removeAllListeners();
    socket.disconnect();
    await queue;
    if (ownsDb) db.close();
  }

  return {
    db,
    status,
    socket,
    start,
    stop,
    pullAll,
    pushOutbox,
    loadHistory,
    reconnect,
    onRefusal(listener) {
      refusalListeners.add(listener);
      return () => refusalListeners.delete(listener);
    },
    onAuthInvalid(listener) {
      authInvalidListeners.add(listener);
      return () => authInvalidListeners.delete(listener);
    },
  };
}

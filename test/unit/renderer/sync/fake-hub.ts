import type { Change } from '../../../../shared/protocol/changes';
import { fail, ok, type Response } from '../../../../shared/protocol/errors';
import type { Mutation, MutationResult } from '../../../../shared/protocol/mutations';
import type { HubSocket } from '../../../../renderer/sync/hub-socket';
import { changesFrom } from '../fixtures';

type Listener = (...args: unknown[]) => void;

/**
 * An in-memory hub behind a socket-shaped object: enough of socket.io's
 * client surface for the sync engine (on/once/off, connect, timeout().emitWithAck)
 * and enough of the hub's behaviour (change log, pull pages, idempotent push).
 */
export class FakeHub {
  log: Change[] = [];
  applied = new Map<string, MutationResult>();
  /** Mutation names the hub refuses with `conflict`. */
  refuse = new Set<Mutation['name']>();
  /** The next N pushes never get an answer (network failure). */
  dropPushes = 0;
  /** The next request gets `token-expired`. */
  expireNext = false;
  up = true;
  pulls: { since: number; limit: number; interactionsSince: number }[] = [];
  pushes: Mutation[][] = [];
  /** Turns an applied mutation into the change the hub would log. */
  echo: (mutation: Mutation, seq: number) => Change | null = () => null;

  readonly socket = new FakeSocket(this);

  get head(): number {
    return this.log.at(-1)?.seq ?? 0;
  }

  /** Commits rows to the log with the next seqs. */
  add(...items: Parameters<typeof changesFrom> extends [number, ...infer Rest] ? Rest : never): Change[] {
    const added = changesFrom(this.head + 1, ...items);
    this.log.push(...added);
    return added;
  }

  handle(event: string, payload: unknown): Response<unknown> | null {
    if (this.expireNext) {
      this.expireNext = false;
      this.socket.serverEmit('session:expired');
      return fail('token-expired', 'expired');
    }
    if (event === 'sync:pull') {
      const request = payload as { since: number; limit: number; interactionsSince: number };
      this.pulls.push(request);
      if (request.since > this.head) return fail('cursor-ahead', 'since is past head');
      const changes = this.log.filter((change) => change.seq > request.since).slice(0, request.limit);
      const cursor = changes.at(-1)?.seq ?? request.since;
      return ok({ changes, cursor, head: this.head, more: cursor < this.head });
    }
    if (event === 'mutation:push') {
      const { mutations } = payload as { mutations: Mutation[] };
      this.pushes.push(mutations);
      if (this.dropPushes > 0) {
        this.dropPushes -= 1;
        return null;
      }
      const results = mutations.map((mutation): MutationResult => {
        const previous = this.applied.get(mutation.id);
        if (previous && previous.status !== 'rejected') return { id: mutation.id, status: 'duplicate', seq: previous.seq };
        if (this.refuse.has(mutation.name)) {
          return { id: mutation.id, status: 'rejected', error: { code: 'conflict', message: `refused ${mutation.name}` } };
        }
        const seq = this.head + 1;
        const change = this.echo(mutation, seq);
        if (change) this.log.push(change);
        const result: MutationResult = { id: mutation.id, status: 'applied', seq };
        this.applied.set(mutation.id, result);
        return result;
      });
      return ok({ results });
    }
    return fail('unknown-event', event);
  }

  /** Sends changes as one live batch, as the hub does after a commit. */
  broadcast(changes: Change[]): void {
    this.socket.serverEmit('sync:changes', changes);
  }

  asHubSocket(): HubSocket {
    return this.socket as unknown as HubSocket;
  }
}

export class FakeSocket {
  connected = false;
  active = false;
  connects = 0;
  /** The engine's token getter, read at every connect like socket.io's `auth` callback. */
  getToken: () => string = () => '';
  tokens: string[] = [];
  private listeners = new Map<string, Set<Listener>>();

  constructor(private readonly hub: FakeHub) {}

  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped: Listener & { inner?: Listener } = (...args) => {
      this.off(event, wrapped);
      listener(...args);
    };
    wrapped.inner = listener;
    return this.on(event, wrapped);
  }

  off(event: string, listener: Listener): this {
    const set = this.listeners.get(event);
    if (!set) return this;
    // `once` wraps listeners; the engine only removes listeners it added with `once` itself.
    for (const candidate of set) if (candidate === listener || (candidate as { inner?: Listener }).inner === listener) set.delete(candidate);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  serverEmit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  connect(): this {
    this.active = true;
    setTimeout(() => {
      if (!this.active || this.connected) return;
      if (this.hub.up) {
        this.tokens.push(this.getToken());
        this.connected = true;
        this.connects += 1;
        this.serverEmit('connect');
      } else {
        this.serverEmit('connect_error', new Error('websocket error'));
      }
    }, 0);
    return this;
  }

  disconnect(): this {
    const was = this.connected;
    this.connected = false;
    this.active = false;
    if (was) this.serverEmit('disconnect', 'io client disconnect');
    return this;
  }

  /** The network goes away: socket.io stays active and would retry. */
  drop(): void {
    this.connected = false;
    this.serverEmit('disconnect', 'transport close');
  }

  timeout(_ms: number) {
    return {
      emitWithAck: (event: string, payload: unknown): Promise<unknown> =>
        new Promise((resolve, reject) => {
          setTimeout(() => {
            const answer = this.hub.handle(event, payload);
            if (answer === null) reject(new Error('operation has timed out'));
            else resolve(answer);
          }, 0);
        }),
    };
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

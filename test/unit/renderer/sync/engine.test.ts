// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../../shared/protocol/changes';
import type { Mutation } from '../../../../shared/protocol/mutations';
import { readCursor } from '../../../../renderer/db/meta';
import type { SwitchboardDb } from '../../../../renderer/db/schema';
import { createSyncEngine, type SyncAuth, type SyncEngine } from '../../../../renderer/sync/engine';
import { addNote, type MutationContext, updateCustomer } from '../../../../renderer/sync/mutations';
import type { Refusal } from '../../../../renderer/sync/outbox';
import { makeCustomer, makeIdentity, makeNote, openTestDb } from '../fixtures';
import { FakeHub, waitFor } from './fake-hub';

const HUB_AGENT = '01HB0000000000000000000000';

/** The hub's change for an applied note, as its echo to every desktop. */
const noteEcho = (mutation: Mutation, seq: number): Change | null =>
  mutation.name === 'interaction.addNote'
    ? {
        seq,
        entity: 'interaction',
        op: 'put',
        data: {
          id: mutation.args.interactionId,
          customerId: mutation.args.customerId,
          occurredAt: mutation.args.occurredAt,
          agentId: HUB_AGENT,
          channel: 'note',
          text: mutation.args.text,
        },
      }
    : null;

describe('sync engine', () => {
  let hub: FakeHub;
  let db: SwitchboardDb;
  let engine: SyncEngine;
  let ctx: MutationContext;
  const now = Date.UTC(2026, 0, 1);

  const start = (options: { auth?: SyncAuth; pageSize?: number } = {}) => {
    engine = createSyncEngine({
      hubUrl: 'http://hub.test',
      token: 'T',
      db,
      now: () => now,
      pageSize: options.pageSize ?? 3,
      socketFactory: (_url, getToken) => {
        hub.socket.getToken = getToken;
        return hub.asHubSocket();
      },
      ...(options.auth ? { auth: options.auth } : {}),
    });
    return engine;
  };

  beforeEach(() => {
    hub = new FakeHub();
    hub.echo = noteEcho;
    db = openTestDb();
    ctx = { db, agentId: 'AGENT00000000000000000000A', region: 'CN', now: () => now };
  });

  afterEach(async () => {
    await engine?.stop();
    await db.delete();
  });

  it('pulls the whole log page by page into an empty cache', async () => {
    const customers = Array.from({ length: 5 }, (_, i) => makeCustomer({ number: `C${i}` }));
    hub.add(...customers, makeIdentity(customers[0]?.id ?? '', 'phone', '+8613800000000'), makeNote(customers[1]?.id ?? '', now - 1_000));
    const summary = await start({ pageSize: 3 }).pullAll();
    expect(summary).toMatchObject({ pages: 3, changes: 7, cursor: 7, head: 7 });
    expect(hub.pulls.map((pull) => pull.since)).toEqual([0, 3, 6]);
    expect(await engine.pullAll()).toMatchObject({ pages: 1, changes: 0, cursor: 7 });
    expect(await db.customers.count()).toBe(5);
    expect(await db.identities.count()).toBe(1);
    expect(await db.interactions.count()).toBe(1);
    expect(await readCursor(db)).toBe(7);
    expect(engine.status.getState().connection).toEqual({ kind: 'online' });
  });

  it('asks only for interactions inside the cache window', async () => {
    await start().pullAll();
    expect(hub.pulls[0]?.interactionsSince).toBe(now - 730 * 86_400_000);
  });

  it('applies live changes, ignores ones it has, and pulls on a gap', async () => {
    hub.add(makeCustomer());
    await start().pullAll();
    const [live] = hub.add(makeCustomer({ name: 'Live One' }));
    hub.broadcast(live ? [live] : []);
    await waitFor(async () => (await readCursor(db)) === 2);
    // A replay of what it already has changes nothing.
    hub.broadcast(live ? [live] : []);
    // Seq 3 is never broadcast; seq 4 arrives live: the gap makes it pull 3 and 4.
    hub.add(makeCustomer({ name: 'Missed' }));
    const [afterGap] = hub.add(makeCustomer({ name: 'After Gap' }));
    const pullsBefore = hub.pulls.length;
    hub.broadcast(afterGap ? [afterGap] : []);
    await waitFor(async () => (await readCursor(db)) === 4);
    expect(hub.pulls.length).toBeGreaterThan(pullsBefore);
    expect((await db.customers.toArray()).map((c) => c.name).sort()).toEqual(['After Gap', 'Live One', 'Missed', 'Wang Xiaoming']);
  });

  it('sends work done offline when the hub comes back, in order, and takes the hub echo', async () => {
    const customer = makeCustomer();
    hub.add(customer);
    hub.up = false;
    start().start();
    await waitFor(() => engine.status.getState().connection.kind === 'offline');
    const first = await addNote(ctx, customer.id, 'first');
    const second = await addNote(ctx, customer.id, 'second');
    await waitFor(() => engine.status.getState().pending === 2);
    hub.up = true;
    hub.socket.connect();
    await waitFor(async () => (await db.outbox.count()) === 0);
    expect(hub.pushes.flat().map((m) => m.id)).toEqual([first.id, second.id]);
    await engine.pullAll();
    const notes = await db.interactions.toArray();
    expect(notes.map((note) => note.agentId)).toEqual([HUB_AGENT, HUB_AGENT]);
    expect(engine.status.getState().pending).toBe(0);
  });

  it('keeps the outbox intact when a push gets no answer, and sends it again', async () => {
    const customer = makeCustomer();
    hub.add(customer);
    await start().pullAll();
    hub.dropPushes = 1;
    const note = await addNote(ctx, customer.id, 'retry me');
    await waitFor(() => hub.pushes.length === 1);
    await waitFor(() => engine.status.getState().lastError?.kind === 'network');
    expect(await db.outbox.count()).toBe(1);
    await engine.pushOutbox();
    expect(await db.outbox.count()).toBe(0);
    expect(hub.pushes.map((batch) => batch.map((m) => m.id))).toEqual([[note.id], [note.id]]);
  });

  it('rolls back a refused change and tells the listener', async () => {
    const customer = makeCustomer({ name: 'Before' });
    hub.add(customer);
    await start().pullAll();
    const refusals: Refusal[] = [];
    engine.onRefusal((refusal) => refusals.push(refusal));
    hub.refuse.add('customer.update');
    const update = await updateCustomer(ctx, customer.id, { name: 'After' });
    expect((await db.customers.get(customer.id))?.name).toBe('After');
    await waitFor(() => refusals.length === 1);
    expect(refusals[0]).toMatchObject({ mutation: { id: update.id }, error: { code: 'conflict' } });
    expect((await db.customers.get(customer.id))?.name).toBe('Before');
    expect(await db.outbox.count()).toBe(0);
  });

  it('clears and rebuilds a cache that came from another hub', async () => {
    const stale = makeCustomer({ name: 'Other Hub' });
    await db.customers.put({ ...stale, terms: [] });
    await db.meta.put({ key: 'sync.cursor', value: 99 });
    hub.add(makeCustomer({ name: 'This Hub' }));
    await start().pullAll();
    expect((await db.customers.toArray()).map((c) => c.name)).toEqual(['This Hub']);
    expect(await readCursor(db)).toBe(1);
  });

  it('renews an expired token and reconnects', async () => {
    let token = 'old';
    let refreshes = 0;
    const auth: SyncAuth = {
      getToken: () => token,
      refresh: async () => {
        refreshes += 1;
        token = 'new';
        return 'ok';
      },
    };
    hub.add(makeCustomer());
    start({ auth });
    await engine.pullAll();
    const connectsBefore = hub.socket.connects;
    hub.expireNext = true;
    hub.add(makeCustomer());
    await engine.pullAll().catch(() => undefined);
    await waitFor(() => hub.socket.connects > connectsBefore);
    // One refresh even though both the ack and the `session:expired` event reported it.
    expect(refreshes).toBe(1);
    expect(hub.socket.tokens.at(-1)).toBe('new');
    await engine.pullAll();
    expect(await readCursor(db)).toBe(2);
  });

  it('ends the session when the refresh token is refused', async () => {
    const auth: SyncAuth = { getToken: () => 'old', refresh: async () => 'invalid' };
    start({ auth });
    let ended = false;
    engine.onAuthInvalid(() => {
      ended = true;
    });
    await engine.pullAll();
    hub.expireNext = true;
    await engine.pullAll().catch(() => undefined);
    await waitFor(() => ended);
  });
});

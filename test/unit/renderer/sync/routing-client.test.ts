import { ulid } from 'ulid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok, type Response } from '../../../../shared/protocol/errors';
import type { HubSocket } from '../../../../renderer/sync/hub-socket';
import { createRoutingStore } from '../../../../renderer/store/routing';
import { createRoutingClient, type RoutingAction, type RoutingFailure } from '../../../../renderer/sync/routing-client';
import { makeDesk, makeQueue, makeTask } from '../features/inbox/routing-fixtures';

type Listener = (...args: unknown[]) => void;

/** Just enough of a socket.io client for the routing client: on/off/once, timeout().emitWithAck, server pushes. */
class FakeSocket {
  connected = false;
  listeners = new Map<string, Set<Listener>>();
  sent: { event: string; payload: unknown }[] = [];
  answer: (event: string, payload: unknown) => Response<unknown> = () => fail('internal', 'no handler');
  on(event: string, listener: Listener) {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return this;
  }
  once(event: string, listener: Listener) {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped);
      listener(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }
  timeout() {
    return this;
  }
  async emitWithAck(event: string, payload: unknown) {
    this.sent.push({ event, payload });
    return this.answer(event, payload);
  }
  fire(event: string, ...args: unknown[]) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
  connect() {
    this.connected = true;
    this.fire('connect');
  }
  drop() {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
}

const ME = ulid();
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const socket = new FakeSocket();
  const store = createRoutingStore(ME);
  const failures: [RoutingAction, RoutingFailure][] = [];
  const offers: string[] = [];
  const queue = makeQueue();
  socket.answer = (event) => (event === 'agent:desk' ? ok(makeDesk({ queues: [queue] })) : fail('internal', 'no handler'));
  const client = createRoutingClient({
    socket: socket as unknown as HubSocket,
    store,
    onFailure: (action, failure) => failures.push([action, failure]),
    onOffer: (taskId) => offers.push(taskId),
  });
  return { socket, store, client, failures, offers, queue };
}

let stopAll: (() => void)[] = [];
afterEach(() => {
  for (const stop of stopAll) stop();
  stopAll = [];
});

describe('routing client', () => {
  it('loads the desk on connect and pauses when the link drops', async () => {
    const { socket, store, client } = setup();
    stopAll.push(client.stop);
    expect(store.getState().live).toBe(false);
    socket.connect();
    await flush();
    expect(socket.sent.map((s) => s.event)).toEqual(['agent:desk']);
    expect(store.getState().live).toBe(true);
    socket.drop();
    expect(store.getState().live).toBe(false);
  });

  it('rings a valid offer, ignores a malformed one, and applies the accept answer', async () => {
    const { socket, store, client, offers, queue } = setup();
    stopAll.push(client.stop);
    socket.connect();
    await flush();
    const task = makeTask({ status: 'offered', offeredTo: ME, queueId: queue.id, offerExpiresAt: Date.now() + 20_000 });
    socket.fire('task:offer', { task: { ...task, status: 'bogus' }, customer: null, expiresAt: 1 });
    expect(store.getState().offers).toEqual([]);
    socket.fire('task:offer', { task, customer: null, expiresAt: Date.now() + 20_000 });
    expect(offers).toEqual([task.id]);
    socket.answer = () => ok({ ...task, status: 'assigned', offeredTo: null, offerExpiresAt: null, assignedTo: ME });
    const result = await client.accept(task.id);
    expect(result.ok).toBe(true);
    expect(store.getState().offers).toEqual([]);
    expect(store.getState().tasks[0]?.status).toBe('assigned');
  });

  it('reports a refusal and changes nothing', async () => {
    const { socket, store, client, failures } = setup();
    stopAll.push(client.stop);
    socket.connect();
    await flush();
    socket.answer = () => fail('conflict', 'already taken');
    const before = store.getState();
    const result = await client.setState({ status: 'away', reasonCode: 'lunch' });
    expect(result.ok).toBe(false);
    expect(failures).toEqual([['setState', { kind: 'hub', code: 'conflict', message: 'already taken' }]]);
    expect(store.getState().me).toEqual(before.me);
  });

  it('does not act offline', async () => {
    const { socket, client, failures } = setup();
    stopAll.push(client.stop);
    const result = await client.complete(ulid());
    expect(result).toEqual({ ok: false, failure: { kind: 'network' } });
    expect(socket.sent).toEqual([]);
    expect(failures.map(([action]) => action)).toEqual(['complete']);
  });

  it('lets an unanswered offer lapse at its expiry', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { socket, store, client } = setup();
      stopAll.push(client.stop);
      socket.connected = true;
      socket.fire('connect');
      await vi.advanceTimersByTimeAsync(0);
      const expiresAt = Date.now() + 5_000;
      const task = makeTask({ status: 'offered', offeredTo: ME, offerExpiresAt: expiresAt });
      socket.fire('task:offer', { task, customer: null, expiresAt });
      expect(store.getState().offers).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(5_001);
      expect(store.getState().offers).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('transfers an assigned task out of my inbox, and keeps it on a refusal', async () => {
    const { socket, store, client, failures, queue } = setup();
    stopAll.push(client.stop);
    const task = makeTask({ status: 'assigned', assignedTo: ME, queueId: queue.id });
    socket.answer = (event) => (event === 'agent:desk' ? ok(makeDesk({ queues: [queue], tasks: [task] })) : fail('not-found', 'No such queue.'));
    socket.connect();
    await flush();
    store.setState({ selectedTaskId: task.id });
    const refused = await client.transfer(task.id, { kind: 'queue', queueId: ulid() });
    expect(refused.ok).toBe(false);
    expect(failures.map(([action]) => action)).toEqual(['transfer']);
    expect(store.getState().tasks.map((t) => t.id)).toEqual([task.id]);
    socket.answer = () => ok(null);
    const other = ulid();
    expect((await client.transfer(task.id, { kind: 'agent', agentId: other })).ok).toBe(true);
    expect(socket.sent.at(-1)).toEqual({ event: 'task:transfer', payload: { taskId: task.id, to: { kind: 'agent', agentId: other } } });
    expect(store.getState().tasks).toEqual([]);
    expect(store.getState().selectedTaskId).toBeNull();
  });

  it('fetches the directory and rejects a malformed one', async () => {
    const { socket, client, failures } = setup();
    stopAll.push(client.stop);
    socket.connect();
    await flush();
    const directory = { agents: [{ id: ulid(), displayName: 'Li Na', status: 'away', connected: true }], queues: [{ id: ulid(), name: 'Billing', channels: ['chat'] }] };
    socket.answer = () => ok(directory);
    expect(await client.directory()).toEqual({ ok: true, data: directory });
    socket.answer = () => ok({ agents: [{ id: 'x', status: 'asleep' }], queues: [] });
    expect((await client.directory()).ok).toBe(false);
    expect(failures.map(([action, failure]) => [action, failure.kind])).toEqual([['directory', 'bad-answer']]);
  });
});

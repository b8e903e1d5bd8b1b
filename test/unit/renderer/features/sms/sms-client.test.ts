// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok, type Response } from '../../../../../shared/protocol/errors';
import type { SmsMessage } from '../../../../../shared/protocol/sms';
import { createSmsClient } from '../../../../../renderer/features/sms/sms-client';
import { createSmsStore, reduceSms } from '../../../../../renderer/features/sms/sms-store';
import { createRoutingStore } from '../../../../../renderer/store/routing';
import type { HubSocket } from '../../../../../renderer/sync/hub-socket';
import { makeTask } from '../inbox/routing-fixtures';
import { openTestDb } from '../../fixtures';

type Listener = (...args: unknown[]) => void;
type Send = { taskId: string; clientId: string; text: string };

const ME = ulid();
const T0 = 1_800_000_000_000;

/**
 * The hub's SMS side behind a socket-shaped object: replies stored once per
 * clientId (as `sms:send` promises), an opted-out number refused with the
 * typed issue, and answers that can be lost after the hub stored the reply.
 */
class FakeSmsHub {
  connected = false;
  listeners = new Map<string, Set<Listener>>();
  sent: Send[] = [];
  stored: SmsMessage[] = [];
  optedOut = false;
  loseAnswers = 0;

  on(event: string, listener: Listener) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
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
  fire(event: string, ...args: unknown[]) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
  connect() {
    this.connected = true;
    this.fire('connect');
  }

  answer(event: string, payload: unknown): Response<unknown> | null {
    if (event === 'sms:open') {
      const conversation = { id: ulid(), customerId: ulid(), customerNumber: '+8613700001111', ourNumber: '+8610690000001', queueId: ulid(), taskId: (payload as { taskId: string }).taskId, agentId: ME, status: 'open', startedAt: T0 };
      return ok({ conversation, messages: this.stored, optedOut: this.optedOut });
    }
    if (event === 'sms:send') {
      const send = payload as Send;
      this.sent.push(send);
      if (this.optedOut) return fail('forbidden', 'opted out', { issues: [{ path: 'to', message: 'opted-out' }] });
      let message = this.stored.find((candidate) => candidate.clientId === send.clientId);
      if (!message) {
        message = { id: ulid(), conversationId: ulid(), direction: 'outbound', text: send.text, status: 'queued', error: null, clientId: send.clientId, agentId: ME, media: [], at: T0 + this.stored.length };
        this.stored.push(message);
      }
      if (this.loseAnswers > 0) {
        this.loseAnswers -= 1;
        return null;
      }
      return ok(message);
    }
    return ok(null);
  }

  async emitWithAck(event: string, payload: unknown) {
    await Promise.resolve();
    const answer = this.answer(event, payload);
    if (answer === null) throw new Error('operation has timed out');
    return answer;
  }
}

const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

function setup() {
  const hub = new FakeSmsHub();
  const db = openTestDb();
  const store = createSmsStore();
  const routing = createRoutingStore(ME);
  const task = makeTask({ channel: 'sms', status: 'assigned', assignedTo: ME });
  const client = createSmsClient({ socket: hub as unknown as HubSocket, db, store, routing });
  cleanups.push(() => client.stop(), () => db.delete());
  routing.setState({ live: true, tasks: [task] });
  return { hub, db, store, client, task };
}

describe('SMS client', () => {
  it('keeps a reply written offline in the outbox and sends it once the hub is back', async () => {
    const { hub, db, store, client, task } = setup();
    expect(await client.send(task.id, '明天送达')).toEqual({ ok: true, data: null });
    expect(await db.smsOutbox.count()).toBe(1);
    expect(store.getState().rooms[task.id]?.pending).toMatchObject([{ text: '明天送达', failure: null }]);
    hub.connect();
    await settle();
    expect(hub.sent).toHaveLength(1);
    expect(await db.smsOutbox.count()).toBe(0);
    expect(store.getState().rooms[task.id]).toMatchObject({ pending: [], messages: [{ text: '明天送达', status: 'queued' }] });
  });

  it('sends again with the same client id when the answer was lost, and the hub keeps one message', async () => {
    const { hub, store, client, task } = setup();
    hub.connect();
    await settle();
    hub.loseAnswers = 1;
    await client.send(task.id, 'On its way');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await settle();
    expect(hub.sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(hub.sent.map((send) => send.clientId)).size).toBe(1);
    expect(hub.stored).toHaveLength(1);
    expect(store.getState().rooms[task.id]?.messages).toHaveLength(1);
  });

  it('marks a reply to an opted-out customer with the refusal\'s reason, and does not send it again by itself', async () => {
    const { hub, db, store, client, task } = setup();
    hub.optedOut = true;
    hub.connect();
    await settle();
    await client.send(task.id, 'Are you there?');
    await settle();
    expect(store.getState().rooms[task.id]?.optedOut).toBe(true);
    expect(store.getState().rooms[task.id]?.pending).toMatchObject([{ failure: 'forbidden', reason: 'opted-out' }]);
    expect((await db.smsOutbox.toArray())[0]).toMatchObject({ failure: 'forbidden', reason: 'opted-out' });
    expect(hub.sent).toHaveLength(1);
  });

  it('takes live delivery updates, replacing the message rather than adding one', async () => {
    const { hub, store, client, task } = setup();
    hub.connect();
    await settle();
    await client.send(task.id, 'Hi');
    await settle();
    const message = store.getState().rooms[task.id]?.messages[0] as SmsMessage;
    hub.fire('sms:message', { taskId: task.id, message: { ...message, status: 'delivered' } });
    hub.fire('sms:opt-out', { taskId: task.id, customerNumber: '+8613700001111', optedOut: true });
    expect(store.getState().rooms[task.id]).toMatchObject({ optedOut: true, messages: [{ id: message.id, status: 'delivered' }] });
    // Not this desk's business: a malformed event is ignored.
    hub.fire('sms:message', { taskId: task.id, message: { id: 'nope' } });
    expect(store.getState().rooms[task.id]?.messages).toHaveLength(1);
  });
});

describe('reduceSms', () => {
  it('keeps messages in time order', () => {
    const at = (id: string, time: number): SmsMessage => ({ id, conversationId: 'c', direction: 'inbound', text: id, status: 'received', error: null, clientId: null, agentId: null, media: [], at: time });
    let state = reduceSms({ live: true, rooms: {} }, { type: 'tasks', taskIds: ['t'] });
    state = reduceSms(state, { type: 'message', taskId: 't', message: at('b', 2) });
    state = reduceSms(state, { type: 'message', taskId: 't', message: at('a', 1) });
    expect(state.rooms.t?.messages.map((message) => message.id)).toEqual(['a', 'b']);
  });

  it('drops live updates for a conversation I do not hold', () => {
    const state = reduceSms({ live: true, rooms: {} }, { type: 'opt-out', taskId: 'elsewhere', optedOut: true });
    expect(state.rooms).toEqual({});
  });
});

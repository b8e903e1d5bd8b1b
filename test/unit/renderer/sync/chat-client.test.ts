// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatConversation, ChatLine, ChatReceipts } from '../../../../shared/domain/chat';
import { type ErrorCode, fail, ok, type Response } from '../../../../shared/protocol/errors';
import type { SwitchboardDb } from '../../../../renderer/db/schema';
import { createChatStore, VISITOR_TYPING_TTL_MS } from '../../../../renderer/store/chat';
import { createRoutingStore } from '../../../../renderer/store/routing';
import { createChatClient } from '../../../../renderer/sync/chat-client';
import type { HubSocket } from '../../../../renderer/sync/hub-socket';
import { makeTask } from '../features/inbox/routing-fixtures';
import { openTestDb } from '../fixtures';

type Listener = (...args: unknown[]) => void;
type Send = { taskId: string; clientId: string; text: string; attachmentId?: string };

const ME = ulid();
const T0 = 1_800_000_000_000;

/**
 * A hub's chat side behind a socket-shaped object: lines are stored once per
 * clientId (as `chat:send` promises), tasks can be made to refuse, and
 * answers can be lost after the hub has stored the line.
 */
class FakeChatHub {
  connected = false;
  listeners = new Map<string, Set<Listener>>();
  sent: { event: string; payload: unknown }[] = [];
  stored = new Map<string, ChatLine[]>();
  refuse = new Map<string, ErrorCode>();
  /** The next N sends are stored but their answers never arrive. */
  loseAnswers = 0;
  agentRead = 0;
  conversations = new Map<string, ChatConversation>();

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

  conversationOf(taskId: string): ChatConversation {
    let conversation = this.conversations.get(taskId);
    if (!conversation) {
      conversation = {
        id: ulid(),
        widgetId: 'shop',
        taskId,
        customerId: ulid(),
        visitorId: ulid(),
        visitorName: 'Wang Fang',
        visitorEmail: null,
        status: 'active',
        agentId: ME,
        agentName: 'Li Na',
        startedAt: T0,
        endedAt: null,
        endReason: null,
      };
      this.conversations.set(taskId, conversation);
    }
    return conversation;
  }

  receipts(taskId: string): ChatReceipts {
    return { conversationId: this.conversationOf(taskId).id, visitorDelivered: 0, visitorRead: 0, agentDelivered: 0, agentRead: this.agentRead };
  }

  line(taskId: string, from: ChatLine['from'], text: string, clientId: string | null = null): ChatLine {
    const lines = this.stored.get(taskId) ?? [];
    const line: ChatLine = {
      id: ulid(),
      conversationId: this.conversationOf(taskId).id,
      seq: lines.length + 1,
      from,
      agentId: from === 'agent' ? ME : null,
      authorName: from === 'agent' ? 'Li Na' : from === 'visitor' ? 'Wang Fang' : '',
      text,
      attachment: null,
      at: T0 + lines.length,
      clientId,
    };
    this.stored.set(taskId, [...lines, line]);
    return line;
  }

  answer(event: string, payload: unknown): Response<unknown> | null {
    if (event === 'chat:open') {
      const { taskId } = payload as { taskId: string };
      return ok({ conversation: this.conversationOf(taskId), lines: this.stored.get(taskId) ?? [], receipts: this.receipts(taskId) });
    }
    if (event === 'chat:send') {
      const send = payload as Send;
      const refusal = this.refuse.get(send.taskId);
      if (refusal) return fail(refusal, 'refused');
      const existing = (this.stored.get(send.taskId) ?? []).find((line) => line.clientId === send.clientId);
      const line = existing ?? this.line(send.taskId, 'agent', send.text, send.clientId);
      if (this.loseAnswers > 0) {
        this.loseAnswers -= 1;
        return null;
      }
      return ok(line);
    }
    if (event === 'chat:read') {
      this.agentRead = (payload as { upToSeq: number }).upToSeq;
      return ok(null);
    }
    if (event === 'canned:list') return ok([]);
    return ok(null);
  }

  async emitWithAck(event: string, payload: unknown) {
    this.sent.push({ event, payload });
    await Promise.resolve();
    const answer = this.answer(event, payload);
    if (answer === null) throw new Error('operation has timed out');
    return answer;
  }

  sends(): Send[] {
    return this.sent.filter((s) => s.event === 'chat:send').map((s) => s.payload as Send);
  }
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
  vi.useRealTimers();
});

function setup(options: { db?: SwitchboardDb; taskIds?: string[] } = {}) {
  const hub = new FakeChatHub();
  const db = options.db ?? openTestDb();
  const store = createChatStore();
  const routing = createRoutingStore(ME);
  const tasks = (options.taskIds ?? [ulid()]).map((id) => makeTask({ id, channel: 'chat', status: 'assigned', assignedTo: ME }));
  let clientIds = 0;
  const client = createChatClient({
    socket: hub as unknown as HubSocket,
    db,
    store,
    routing,
    hubUrl: 'http://hub.test:4310',
    getToken: () => 'token-1',
    newId: () => `01J00000000000000000000${String(++clientIds).padStart(3, '0')}`,
  });
  cleanups.push(() => client.stop());
  if (!options.db) cleanups.push(() => db.delete());
  /** The hub describes the desk, as the routing client does after connecting. */
  const deskLoaded = (mine = tasks) => routing.setState({ live: true, tasks: mine });
  return { hub, db, store, routing, client, tasks, deskLoaded };
}

describe('chat client', () => {
  it('opens every chat I hold once the desk is loaded, and not before', async () => {
    const { hub, store, tasks, deskLoaded } = setup({ taskIds: [ulid(), ulid()] });
    const offered = makeTask({ channel: 'chat', status: 'offered', offeredTo: ME });
    const call = makeTask({ channel: 'call', status: 'assigned', assignedTo: ME });
    hub.connect();
    await settle();
    expect(hub.sent.filter((s) => s.event === 'chat:open')).toEqual([]);
    deskLoaded([...tasks, offered, call]);
    await settle();
    const opened = hub.sent.filter((s) => s.event === 'chat:open').map((s) => (s.payload as { taskId: string }).taskId);
    expect(opened.sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(Object.keys(store.getState().rooms).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(store.getState().rooms[tasks[0]?.id ?? '']?.conversation?.visitorName).toBe('Wang Fang');
  });

  it('reopens every chat after a reconnect', async () => {
    const { hub, tasks, deskLoaded, routing } = setup();
    hub.connect();
    deskLoaded();
    await settle();
    hub.drop();
    routing.setState({ live: false });
    hub.connect();
    deskLoaded();
    await settle();
    expect(hub.sent.filter((s) => s.event === 'chat:open').map((s) => s.payload)).toEqual([{ taskId: tasks[0]?.id }, { taskId: tasks[0]?.id }]);
  });

  it('keeps lines written offline in the outbox, shows them pending, and sends them in order on reconnect', async () => {
    const { hub, db, store, client, tasks, deskLoaded } = setup({ taskIds: [ulid(), ulid()] });
    const [a, b] = tasks.map((t) => t.id) as [string, string];
    hub.connect();
    deskLoaded();
    await settle();
    hub.drop();
    await client.send(a, 'first');
    await client.send(b, 'second');
    await client.send(a, 'third');
    expect(store.getState().rooms[a]?.pending.map((p) => p.text)).toEqual(['first', 'third']);
    expect(await db.chatOutbox.count()).toBe(3);
    expect(hub.sends()).toEqual([]);
    hub.connect();
    await settle();
    expect(hub.sends().map((s) => s.text)).toEqual(['first', 'second', 'third']);
    expect(await db.chatOutbox.count()).toBe(0);
    expect(store.getState().rooms[a]?.pending).toEqual([]);
    expect(store.getState().rooms[a]?.lines.map((l) => l.text)).toEqual(['first', 'third']);
  });

  it('re-sends a line whose answer was lost with the same clientId, and the hub holds it once', async () => {
    const { hub, db, store, client, tasks, deskLoaded } = setup();
    const taskId = tasks[0]?.id ?? '';
    hub.connect();
    deskLoaded();
    await settle();
    hub.loseAnswers = 1;
    await client.send(taskId, 'are you still there?');
    await settle();
    expect(await db.chatOutbox.count()).toBe(1);
    hub.drop();
    hub.connect();
    await settle();
    const sends = hub.sends();
    expect(sends).toHaveLength(2);
    expect(sends[0]?.clientId).toBe(sends[1]?.clientId);
    expect(hub.stored.get(taskId)?.map((l) => l.text)).toEqual(['are you still there?']);
    expect(await db.chatOutbox.count()).toBe(0);
    expect(store.getState().rooms[taskId]?.lines).toHaveLength(1);
    expect(store.getState().rooms[taskId]?.pending).toEqual([]);
  });

  it('marks a refused line failed, sends the rest, and does not re-send it', async () => {
    const { hub, db, store, client, tasks, deskLoaded } = setup({ taskIds: [ulid(), ulid()] });
    const [left, other] = tasks.map((t) => t.id) as [string, string];
    hub.connect();
    deskLoaded();
    await settle();
    hub.drop();
    await client.send(left, 'to a visitor who left');
    await client.send(other, 'to a visitor still here');
    hub.refuse.set(left, 'conflict');
    hub.connect();
    await settle();
    expect(hub.sends().map((s) => s.text)).toEqual(['to a visitor who left', 'to a visitor still here']);
    expect(store.getState().rooms[left]?.pending).toMatchObject([{ text: 'to a visitor who left', failure: 'conflict' }]);
    expect(store.getState().rooms[other]?.lines.map((l) => l.text)).toEqual(['to a visitor still here']);
    expect(await db.chatOutbox.toArray()).toMatchObject([{ taskId: left, failure: 'conflict' }]);
    await client.flush();
    expect(hub.sends()).toHaveLength(2);
  });

  it('retries a refused line when asked, and discards one for good', async () => {
    const { hub, db, store, client, tasks, deskLoaded } = setup();
    const taskId = tasks[0]?.id ?? '';
    hub.connect();
    deskLoaded();
    await settle();
    hub.refuse.set(taskId, 'rate-limited');
    await client.send(taskId, 'one');
    await client.send(taskId, 'two');
    await settle();
    const [one, two] = store.getState().rooms[taskId]?.pending ?? [];
    expect([one?.failure, two?.failure]).toEqual(['rate-limited', 'rate-limited']);
    hub.refuse.delete(taskId);
    await client.retry(taskId, one?.clientId ?? '');
    await client.discard(taskId, two?.clientId ?? '');
    expect(store.getState().rooms[taskId]?.lines.map((l) => l.text)).toEqual(['one']);
    expect(store.getState().rooms[taskId]?.pending).toEqual([]);
    expect(await db.chatOutbox.count()).toBe(0);
  });

  it('reads the outbox back after a restart and sends it', async () => {
    const first = setup();
    const taskId = first.tasks[0]?.id ?? '';
    await first.client.send(taskId, 'typed before the restart');
    first.client.stop();
    const again = setup({ db: first.db, taskIds: [taskId] });
    await again.client.ready;
    expect(again.store.getState().rooms[taskId]?.pending.map((p) => p.text)).toEqual(['typed before the restart']);
    again.hub.connect();
    again.deskLoaded();
    await settle();
    expect(again.hub.sends().map((s) => s.text)).toEqual(['typed before the restart']);
    expect(again.store.getState().rooms[taskId]?.pending).toEqual([]);
  });

  it('forgets a chat that left my inbox, with its unsent lines', async () => {
    const { hub, db, store, client, tasks, deskLoaded, routing } = setup();
    const taskId = tasks[0]?.id ?? '';
    hub.connect();
    deskLoaded();
    await settle();
    hub.drop();
    await client.send(taskId, 'never sent');
    routing.setState({ live: true, tasks: [] });
    await settle();
    expect(store.getState().rooms).toEqual({});
    expect(await db.chatOutbox.count()).toBe(0);
  });

  it('refuses an empty line and checks a file before uploading it', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    const { client, tasks } = setup();
    const taskId = tasks[0]?.id ?? '';
    expect(await client.send(taskId, '   ')).toEqual({ ok: false, problem: 'empty' });
    const script = new File(['<script>alert(1)</script>'], 'evil.html', { type: 'text/html' });
    expect(await client.upload(taskId, script)).toEqual({ ok: false, problem: 'unsupported-type' });
    const huge = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'scan.png', { type: 'image/png' });
    expect(await client.upload(taskId, huge)).toEqual({ ok: false, problem: 'too-large' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('uploads with the access token and the conversation, and reads the hub refusal', async () => {
    const hub = new FakeChatHub();
    const db = openTestDb();
    cleanups.push(() => db.delete());
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    let reply: unknown = fail('too-large', 'over the limit');
    const client = createChatClient({
      socket: hub as unknown as HubSocket,
      db,
      store: createChatStore(),
      routing: createRoutingStore(ME),
      hubUrl: 'http://hub.test:4310',
      getToken: () => 'token-9',
      fetch: async (url, init) => {
        calls.push({ url: String(url), init });
        return new Response(JSON.stringify(reply));
      },
    });
    cleanups.push(() => client.stop());
    const taskId = ulid();
    const photo = new File([new Uint8Array([137, 80, 78, 71])], '收据 1.png', { type: 'image/png' });
    expect(await client.upload(taskId, photo)).toEqual({ ok: false, problem: 'too-large' });
    expect(calls[0]?.url).toBe('http://hub.test:4310/api/chat/upload');
    expect(calls[0]?.init?.headers).toMatchObject({
      Authorization: 'Bearer token-9',
      'X-Conversation': taskId,
      'X-File-Name': encodeURIComponent('收据 1.png'),
      'Content-Type': 'image/png',
    });
    const attachment = { id: ulid(), name: '收据 1.png', mimeType: 'image/png', size: 4, url: `/api/chat/file/${ulid()}?sig=abc` };
    reply = ok(attachment);
    expect(await client.upload(taskId, photo)).toEqual({ ok: true, data: attachment });
  });

  it('shows the visitor typing until they stop, send, or go quiet', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { hub, store, tasks, deskLoaded } = setup();
    const taskId = tasks[0]?.id ?? '';
    hub.connect();
    deskLoaded();
    await vi.advanceTimersByTimeAsync(0);
    const conversationId = hub.conversationOf(taskId).id;
    const typing = () => store.getState().rooms[taskId]?.visitorTypingUntil ?? null;
    hub.fire('chat:typing', { taskId, conversationId, typing: true });
    expect(typing()).not.toBeNull();
    hub.fire('chat:typing', { taskId, conversationId, typing: false });
    expect(typing()).toBeNull();
    hub.fire('chat:typing', { taskId, conversationId, typing: true });
    hub.fire('chat:line', { taskId, line: hub.line(taskId, 'visitor', 'hello') });
    expect(typing()).toBeNull();
    hub.fire('chat:typing', { taskId, conversationId, typing: true });
    await vi.advanceTimersByTimeAsync(VISITOR_TYPING_TTL_MS - 1);
    expect(typing()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(typing()).toBeNull();
  });

  it('tells the hub what I read while it was away once the chat reopens', async () => {
    const { hub, store, client, tasks, deskLoaded, routing } = setup();
    const taskId = tasks[0]?.id ?? '';
    hub.line(taskId, 'visitor', 'hi');
    hub.connect();
    deskLoaded();
    await settle();
    hub.drop();
    routing.setState({ live: false });
    client.markRead(taskId, 1);
    expect(store.getState().rooms[taskId]?.readUpTo).toBe(1);
    expect(hub.sent.filter((s) => s.event === 'chat:read')).toEqual([]);
    hub.connect();
    deskLoaded();
    await settle();
    expect(hub.sent.filter((s) => s.event === 'chat:read').map((s) => s.payload)).toEqual([{ taskId, upToSeq: 1 }]);
  });

  it('ignores malformed announcements and news about chats I do not hold', async () => {
    const { hub, store, tasks, deskLoaded } = setup();
    const taskId = tasks[0]?.id ?? '';
    hub.connect();
    deskLoaded();
    await settle();
    const before = store.getState();
    hub.fire('chat:line', { taskId, line: { text: '<img src=x onerror=alert(1)>' } });
    hub.fire('chat:line', { taskId: ulid(), line: hub.line(ulid(), 'visitor', 'not mine') });
    expect(store.getState()).toBe(before);
  });
});

import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { ChatConversation, ChatLine } from '../../../../../shared/domain/chat';
import {
  type ChatEvent,
  type ChatState,
  initialChatState,
  isClosed,
  mergeLines,
  reduceChat,
  unreadCount,
  VISITOR_TYPING_TTL_MS,
} from '../../../../../renderer/store/chat';

const TASK = ulid();
const CONVERSATION = ulid();
const T0 = 1_800_000_000_000;

function line(seq: number, from: ChatLine['from'] = 'visitor', clientId: string | null = null): ChatLine {
  return { id: ulid(), conversationId: CONVERSATION, seq, from, agentId: null, authorName: '', text: `line ${seq}`, attachment: null, at: T0 + seq, clientId };
}

function conversation(overrides: Partial<ChatConversation> = {}): ChatConversation {
  return {
    id: CONVERSATION,
    widgetId: 'shop',
    taskId: TASK,
    customerId: ulid(),
    visitorId: ulid(),
    visitorName: 'Wang Fang',
    visitorEmail: null,
    status: 'active',
    agentId: null,
    agentName: null,
    startedAt: T0,
    endedAt: null,
    endReason: null,
    ...overrides,
  };
}

const receipts = (overrides = {}) => ({ conversationId: CONVERSATION, visitorDelivered: 0, visitorRead: 0, agentDelivered: 0, agentRead: 0, ...overrides });

const run = (...events: ChatEvent[]): ChatState => events.reduce(reduceChat, initialChatState());
const withRoom = (...events: ChatEvent[]) => run({ type: 'tasks', taskIds: [TASK] }, ...events);
const room = (state: ChatState) => {
  const found = state.rooms[TASK];
  if (!found) throw new Error('no room');
  return found;
};

describe('chat store', () => {
  it('keeps lines ordered by seq and each id once, however they arrive', () => {
    const [a, b, c] = [line(1), line(2), line(3)];
    expect(mergeLines([c], [a, c, b, a]).map((l) => l.seq)).toEqual([1, 2, 3]);
    const state = withRoom(
      { type: 'line', taskId: TASK, line: b },
      { type: 'opened', taskId: TASK, thread: { conversation: conversation(), lines: [a, b], receipts: receipts() } },
      { type: 'line', taskId: TASK, line: c },
      { type: 'line', taskId: TASK, line: c },
    );
    expect(room(state).lines.map((l) => l.id)).toEqual([a.id, b.id, c.id]);
    expect(room(state).load).toEqual({ kind: 'ready' });
  });

  it('makes rooms for my chat tasks and drops those that left, ignoring news about others', () => {
    const other = ulid();
    let state = run({ type: 'tasks', taskIds: [TASK, other] });
    expect(Object.keys(state.rooms).sort()).toEqual([TASK, other].sort());
    state = reduceChat(state, { type: 'tasks', taskIds: [TASK] });
    expect(Object.keys(state.rooms)).toEqual([TASK]);
    expect(reduceChat(state, { type: 'line', taskId: other, line: line(1) })).toBe(state);
  });

  it('counts unread visitor lines past what I read here or elsewhere', () => {
    let state = withRoom(
      { type: 'line', taskId: TASK, line: line(1) },
      { type: 'line', taskId: TASK, line: line(2, 'agent') },
      { type: 'line', taskId: TASK, line: line(3) },
      { type: 'line', taskId: TASK, line: line(4, 'system') },
    );
    expect(unreadCount(room(state))).toBe(2);
    state = reduceChat(state, { type: 'read', taskId: TASK, upToSeq: 1 });
    expect(unreadCount(room(state))).toBe(1);
    state = reduceChat(state, { type: 'receipts', taskId: TASK, receipts: receipts({ agentRead: 4 }) });
    expect(unreadCount(room(state))).toBe(0);
    // A read mark never goes back.
    state = reduceChat(state, { type: 'read', taskId: TASK, upToSeq: 0 });
    expect(room(state).readUpTo).toBe(1);
  });

  it('only moves receipts forward', () => {
    const state = withRoom(
      { type: 'receipts', taskId: TASK, receipts: receipts({ visitorDelivered: 4, visitorRead: 3 }) },
      { type: 'receipts', taskId: TASK, receipts: receipts({ visitorDelivered: 2, visitorRead: 4 }) },
    );
    expect(room(state).receipts).toMatchObject({ visitorDelivered: 4, visitorRead: 4 });
  });

  it('shows the visitor typing until a line, a stop, or the mark runs out', () => {
    let state = withRoom({ type: 'typing', taskId: TASK, typing: true, now: T0 });
    expect(room(state).visitorTypingUntil).toBe(T0 + VISITOR_TYPING_TTL_MS);
    expect(room(reduceChat(state, { type: 'line', taskId: TASK, line: line(1) })).visitorTypingUntil).toBeNull();
    expect(room(reduceChat(state, { type: 'typing', taskId: TASK, typing: false, now: T0 })).visitorTypingUntil).toBeNull();
    // A lapse timer from before a renewal must not clear the renewed mark.
    state = reduceChat(state, { type: 'typing', taskId: TASK, typing: true, now: T0 + 4_000 });
    state = reduceChat(state, { type: 'typing-lapsed', taskId: TASK, now: T0 + VISITOR_TYPING_TTL_MS });
    expect(room(state).visitorTypingUntil).not.toBeNull();
    state = reduceChat(state, { type: 'typing-lapsed', taskId: TASK, now: T0 + 4_000 + VISITOR_TYPING_TTL_MS });
    expect(room(state).visitorTypingUntil).toBeNull();
  });

  it('closes the chat when the visitor leaves, and stops their typing', () => {
    let state = withRoom(
      { type: 'opened', taskId: TASK, thread: { conversation: conversation(), lines: [], receipts: receipts() } },
      { type: 'typing', taskId: TASK, typing: true, now: T0 },
    );
    expect(isClosed(room(state))).toBe(false);
    state = reduceChat(state, { type: 'conversation', conversation: conversation({ status: 'ended', endReason: 'visitor-left', endedAt: T0 + 9 }) });
    expect(isClosed(room(state))).toBe(true);
    expect(room(state).conversation?.endReason).toBe('visitor-left');
    expect(room(state).visitorTypingUntil).toBeNull();
  });

  it('finds the room by conversation when the announcement carries no task', () => {
    const state = withRoom(
      { type: 'opened', taskId: TASK, thread: { conversation: conversation(), lines: [], receipts: receipts() } },
      { type: 'conversation', conversation: conversation({ taskId: null, status: 'ended', endReason: 'visitor-left' }) },
    );
    expect(isClosed(room(state))).toBe(true);
  });

  it('keeps my pending lines until the hub holds them, failed ones until I act', () => {
    const pending = (clientId: string) => ({ taskId: TASK, clientId, text: clientId, attachment: null, createdAt: T0, failure: null });
    let state = withRoom({ type: 'queued', entries: [pending('a'), pending('b'), pending('a')] });
    expect(room(state).pending.map((p) => p.clientId)).toEqual(['a', 'b']);
    state = reduceChat(state, { type: 'line', taskId: TASK, line: line(1, 'agent', 'a') });
    expect(room(state).pending.map((p) => p.clientId)).toEqual(['b']);
    state = reduceChat(state, { type: 'refused', taskId: TASK, clientId: 'b', failure: 'conflict' });
    expect(room(state).pending).toMatchObject([{ clientId: 'b', failure: 'conflict' }]);
    state = reduceChat(state, { type: 'retry', taskId: TASK, clientId: 'b' });
    expect(room(state).pending).toMatchObject([{ clientId: 'b', failure: null }]);
    state = reduceChat(state, { type: 'discarded', taskId: TASK, clientId: 'b' });
    expect(room(state).pending).toEqual([]);
    // A line the hub already holds (sent before an unclear failure) is not shown pending again.
    state = reduceChat(state, { type: 'queued', entries: [pending('a')] });
    expect(room(state).pending).toEqual([]);
  });

  it('drops pending lines the reopened thread already holds', () => {
    const state = withRoom(
      { type: 'queued', entries: [{ taskId: TASK, clientId: 'x', text: 'hi', attachment: null, createdAt: T0, failure: null }] },
      { type: 'opened', taskId: TASK, thread: { conversation: conversation(), lines: [line(1, 'agent', 'x')], receipts: receipts() } },
    );
    expect(room(state).pending).toEqual([]);
  });

  it('makes a room for lines read back before the desk, and keeps drafts per chat', () => {
    const other = ulid();
    let state = run({ type: 'queued', entries: [{ taskId: other, clientId: 'x', text: 'hi', attachment: null, createdAt: T0, failure: null }] });
    expect(state.rooms[other]?.pending).toHaveLength(1);
    state = reduceChat(state, { type: 'tasks', taskIds: [TASK, other] });
    state = reduceChat(state, { type: 'draft', taskId: TASK, text: 'half a thought' });
    expect(state.rooms[TASK]?.draft).toBe('half a thought');
    expect(state.rooms[other]?.draft).toBe('');
  });

  it('keeps the canned list current as I save and delete', () => {
    const a = { id: ulid(), ownerId: null, shortcut: 'a', title: 'A', text: 'a', updatedAt: 1 };
    const b = { id: ulid(), ownerId: ulid(), shortcut: 'b', title: 'B', text: 'b', updatedAt: 1 };
    let state = run({ type: 'canned', list: [a] }, { type: 'canned-saved', response: b });
    state = reduceChat(state, { type: 'canned-saved', response: { ...b, title: 'B2' } });
    expect(state.canned.map((c) => c.title)).toEqual(['A', 'B2']);
    state = reduceChat(state, { type: 'canned-deleted', id: a.id });
    expect(state.canned.map((c) => c.id)).toEqual([b.id]);
  });
});

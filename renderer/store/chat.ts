import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CannedResponse, ChatAttachment, ChatConversation, ChatLine, ChatReceipts } from '../../shared/domain/chat';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { ChatThread } from '../../shared/protocol/chat';

/** The widget renews "typing" every few seconds; silence longer than this means the visitor stopped. */
export const VISITOR_TYPING_TTL_MS = 6_000;

/** Why a line of mine was not taken: the hub's code, or an answer this desktop could not read. */
export type ChatFailureCode = ErrorCode | 'bad-answer';

/** A line I wrote that the hub has not confirmed: waiting in the chat outbox, or refused. */
export type PendingLine = {
  clientId: string;
  text: string;
  attachment: ChatAttachment | null;
  createdAt: number;
  /** Set once the hub refused it; it is then never re-sent unless the agent retries. */
  failure: ChatFailureCode | null;
};

export type RoomLoad = { kind: 'opening' } | { kind: 'ready' } | { kind: 'failed'; code: ChatFailureCode | 'network' };

/** One chat task as this desktop holds it. */
export type ChatRoom = {
  taskId: string;
  load: RoomLoad;
  conversation: ChatConversation | null;
  /** Ordered by seq, one per id. */
  lines: ChatLine[];
  receipts: ChatReceipts | null;
  /** Until when the visitor counts as typing (local clock); null = not typing. */
  visitorTypingUntil: number | null;
  /** The highest seq I have seen with the chat in front of me. */
  readUpTo: number;
  pending: PendingLine[];
  /** What I was writing, kept while I look at another chat. */
  draft: string;
};

export type ChatState = {
  /** False while the hub is unreachable: the chat is paused, lines wait in the outbox. */
  live: boolean;
  rooms: Record<string, ChatRoom>;
  /** Shared and personal canned responses, as last listed by the hub. */
  canned: CannedResponse[];
};

export type ChatEvent =
  | { type: 'connection'; live: boolean }
  /** The chat tasks now in my inbox: rooms are made for new ones and dropped for those that left. */
  | { type: 'tasks'; taskIds: readonly string[] }
  | { type: 'opening'; taskId: string }
  | { type: 'opened'; taskId: string; thread: ChatThread }
  | { type: 'open-failed'; taskId: string; code: ChatFailureCode | 'network' }
  | { type: 'line'; taskId: string; line: ChatLine }
  | { type: 'typing'; taskId: string; typing: boolean; now: number }
  | { type: 'typing-lapsed'; taskId: string; now: number }
  | { type: 'receipts'; taskId: string; receipts: ChatReceipts }
  | { type: 'conversation'; conversation: ChatConversation }
  /** Lines from the outbox: at start-up, and each one as the agent sends it. */
  | { type: 'queued'; entries: readonly (PendingLine & { taskId: string })[] }
  | { type: 'refused'; taskId: string; clientId: string; failure: ChatFailureCode }
  | { type: 'retry'; taskId: string; clientId: string }
  | { type: 'discarded'; taskId: string; clientId: string }
  | { type: 'read'; taskId: string; upToSeq: number }
  | { type: 'draft'; taskId: string; text: string }
  | { type: 'canned'; list: CannedResponse[] }
  | { type: 'canned-saved'; response: CannedResponse }
  | { type: 'canned-deleted'; id: string };

export const initialChatState = (): ChatState => ({ live: false, rooms: {}, canned: [] });

export const emptyRoom = (taskId: string): ChatRoom => ({
  taskId,
  load: { kind: 'opening' },
  conversation: null,
  lines: [],
  receipts: null,
  visitorTypingUntil: null,
  readUpTo: 0,
  pending: [],
  draft: '',
});

/** Adds lines to an ordered list: by seq, each id once (a line can come by ack, by broadcast and again on reopen). */
export function mergeLines(lines: readonly ChatLine[], incoming: readonly ChatLine[]): ChatLine[] {
  const byId = new Map(lines.map((line) => [line.id, line]));
  for (const line of incoming) byId.set(line.id, line);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** Marks only move forward: an older receipt arriving late must not untick a line. */
function mergeReceipts(before: ChatReceipts | null, next: ChatReceipts): ChatReceipts {
  if (!before || before.conversationId !== next.conversationId) return next;
  return {
    conversationId: next.conversationId,
    visitorDelivered: Math.max(before.visitorDelivered, next.visitorDelivered),
    visitorRead: Math.max(before.visitorRead, next.visitorRead),
    agentDelivered: Math.max(before.agentDelivered, next.agentDelivered),
    agentRead: Math.max(before.agentRead, next.agentRead),
  };
}

/** A pending line leaves once the hub holds a line with its client id. */
function withoutSent(pending: readonly PendingLine[], lines: readonly ChatLine[]): PendingLine[] {
  const sent = new Set(lines.map((line) => line.clientId).filter((id) => id !== null));
  return pending.filter((entry) => !sent.has(entry.clientId));
}

/** Visitor lines I have not had in front of me (here or on another desktop). */
export function unreadCount(room: ChatRoom): number {
  const read = Math.max(room.readUpTo, room.receipts?.agentRead ?? 0);
  return room.lines.filter((line) => line.from === 'visitor' && line.seq > read).length;
}

/** The visitor has gone: nothing more can be sent, only wrapped up. */
export const isClosed = (room: ChatRoom): boolean => room.conversation?.status === 'ended';

export const lastSeq = (room: ChatRoom): number => room.lines.at(-1)?.seq ?? 0;

/** News about a chat I no longer hold (transferred, done) changes nothing: its room is gone. */
function patchRoom(state: ChatState, taskId: string, patch: (room: ChatRoom) => ChatRoom): ChatState {
  const room = state.rooms[taskId];
  if (!room) return state;
  const next = patch(room);
  return next === room ? state : { ...state, rooms: { ...state.rooms, [taskId]: next } };
}

function patchPending(state: ChatState, taskId: string, clientId: string, change: (entry: PendingLine) => PendingLine | null): ChatState {
  const room = state.rooms[taskId];
  if (!room) return state;
  const pending = room.pending.flatMap((entry) => {
    if (entry.clientId !== clientId) return [entry];
    const next = change(entry);
    return next ? [next] : [];
  });
  return { ...state, rooms: { ...state.rooms, [taskId]: { ...room, pending } } };
}

/** One pure step: what the hub said, what the agent did, or the clock, in; the next state out. */
export function reduceChat(state: ChatState, event: ChatEvent): ChatState {
  switch (event.type) {
    case 'connection':
      return { ...state, live: event.live };
    case 'tasks': {
      const rooms: Record<string, ChatRoom> = {};
      for (const taskId of event.taskIds) rooms[taskId] = state.rooms[taskId] ?? emptyRoom(taskId);
      return { ...state, rooms };
    }
    case 'opening':
      return patchRoom(state, event.taskId, (room) => ({ ...room, load: room.load.kind === 'ready' ? room.load : { kind: 'opening' } }));
    case 'opened': {
      const { conversation, lines, receipts } = event.thread;
      return patchRoom(state, event.taskId, (room) => {
        const merged = mergeLines(room.lines, lines);
        return {
          ...room,
          load: { kind: 'ready' },
          conversation,
          lines: merged,
          receipts: mergeReceipts(room.receipts, receipts),
          pending: withoutSent(room.pending, merged),
        };
      });
    }
    case 'open-failed':
      return patchRoom(state, event.taskId, (room) => (room.load.kind === 'ready' ? room : { ...room, load: { kind: 'failed', code: event.code } }));
    case 'line':
      return patchRoom(state, event.taskId, (room) => {
        const lines = mergeLines(room.lines, [event.line]);
        return {
          ...room,
          lines,
          pending: withoutSent(room.pending, lines),
          // A line from the visitor ends their typing, whatever the timer says.
          visitorTypingUntil: event.line.from === 'visitor' ? null : room.visitorTypingUntil,
        };
      });
    case 'typing':
      return patchRoom(state, event.taskId, (room) => ({
        ...room,
        visitorTypingUntil: event.typing ? event.now + VISITOR_TYPING_TTL_MS : null,
      }));
    case 'typing-lapsed':
      return patchRoom(state, event.taskId, (room) =>
        room.visitorTypingUntil !== null && room.visitorTypingUntil <= event.now ? { ...room, visitorTypingUntil: null } : room,
      );
    case 'receipts':
      return patchRoom(state, event.taskId, (room) => ({ ...room, receipts: mergeReceipts(room.receipts, event.receipts) }));
    case 'conversation': {
      const { conversation } = event;
      const taskId =
        (conversation.taskId && state.rooms[conversation.taskId] ? conversation.taskId : null) ??
        Object.values(state.rooms).find((room) => room.conversation?.id === conversation.id)?.taskId;
      if (!taskId) return state;
      return patchRoom(state, taskId, (room) => ({
        ...room,
        conversation,
        visitorTypingUntil: conversation.status === 'ended' ? null : room.visitorTypingUntil,
      }));
    }
    case 'queued': {
      let next = state;
      for (const { taskId, ...entry } of event.entries) {
        // Lines read back at start-up arrive before the desk does: their room is made now, and dropped with the task.
        if (!next.rooms[taskId]) next = { ...next, rooms: { ...next.rooms, [taskId]: emptyRoom(taskId) } };
        next = patchRoom(next, taskId, (room) =>
          room.pending.some((p) => p.clientId === entry.clientId) || room.lines.some((line) => line.clientId === entry.clientId)
            ? room
            : { ...room, pending: [...room.pending, entry] },
        );
      }
      return next;
    }
    case 'refused':
      return patchPending(state, event.taskId, event.clientId, (entry) => ({ ...entry, failure: event.failure }));
    case 'retry':
      return patchPending(state, event.taskId, event.clientId, (entry) => ({ ...entry, failure: null }));
    case 'discarded':
      return patchPending(state, event.taskId, event.clientId, () => null);
    case 'read':
      return patchRoom(state, event.taskId, (room) => ({ ...room, readUpTo: Math.max(room.readUpTo, event.upToSeq) }));
    case 'draft':
      return patchRoom(state, event.taskId, (room) => ({ ...room, draft: event.text }));
    case 'canned':
      return { ...state, canned: event.list };
    case 'canned-saved':
      return { ...state, canned: [...state.canned.filter((c) => c.id !== event.response.id), event.response] };
    case 'canned-deleted':
      return { ...state, canned: state.canned.filter((c) => c.id !== event.id) };
  }
}

export type ChatStore = StoreApi<ChatState>;

export const createChatStore = (): ChatStore => createStore<ChatState>(() => initialChatState());

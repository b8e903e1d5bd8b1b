import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorCode } from '../../../shared/protocol/errors';
import type { SmsConversation, SmsMessage, SmsThread } from '../../../shared/protocol/sms';

export type SmsFailureCode = ErrorCode | 'bad-answer';

/** A reply I wrote that the hub has not taken: waiting in the SMS outbox, or refused (with the refusal's reason). */
export type PendingSms = { clientId: string; text: string; createdAt: number; failure: SmsFailureCode | null; reason: string | null };

export type SmsLoad = { kind: 'opening' } | { kind: 'ready' } | { kind: 'failed'; code: SmsFailureCode | 'network' };

/** One SMS task as this desktop holds it. */
export type SmsRoom = {
  taskId: string;
  load: SmsLoad;
  conversation: SmsConversation | null;
  /** Oldest first, one per id; a status update replaces the message. */
  messages: SmsMessage[];
  optedOut: boolean;
  pending: PendingSms[];
  draft: string;
};

export type SmsState = { live: boolean; rooms: Record<string, SmsRoom> };

export type SmsEvent =
  | { type: 'connection'; live: boolean }
  | { type: 'tasks'; taskIds: string[] }
  | { type: 'opening'; taskId: string }
  | { type: 'opened'; taskId: string; thread: SmsThread }
  | { type: 'open-failed'; taskId: string; code: SmsFailureCode | 'network' }
  | { type: 'message'; taskId: string; message: SmsMessage }
  | { type: 'opt-out'; taskId: string; optedOut: boolean }
  | { type: 'queued'; entries: (PendingSms & { taskId: string })[] }
  | { type: 'sent'; taskId: string; clientId: string; message: SmsMessage }
  | { type: 'refused'; taskId: string; clientId: string; failure: SmsFailureCode; reason: string | null }
  | { type: 'retry'; taskId: string; clientId: string }
  | { type: 'discarded'; taskId: string; clientId: string }
  | { type: 'draft'; taskId: string; text: string };

const emptyRoom = (taskId: string): SmsRoom => ({ taskId, load: { kind: 'opening' }, conversation: null, messages: [], optedOut: false, pending: [], draft: '' });

/** Keeps messages in time order, one per id: a newer copy (a delivery report) replaces the older. */
function upsert(messages: readonly SmsMessage[], message: SmsMessage): SmsMessage[] {
  const others = messages.filter((candidate) => candidate.id !== message.id);
  return [...others, message].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

function withRoom(state: SmsState, taskId: string, change: (room: SmsRoom) => SmsRoom): SmsState {
  return { ...state, rooms: { ...state.rooms, [taskId]: change(state.rooms[taskId] ?? emptyRoom(taskId)) } };
}

/** Pure: every change to the SMS desk goes through here. */
export function reduceSms(state: SmsState, event: SmsEvent): SmsState {
  switch (event.type) {
    case 'connection':
      return { ...state, live: event.live };
    case 'tasks':
      return { ...state, rooms: Object.fromEntries(event.taskIds.map((id) => [id, state.rooms[id] ?? emptyRoom(id)])) };
    case 'opening':
      return withRoom(state, event.taskId, (room) => ({ ...room, load: { kind: 'opening' } }));
    case 'opened':
      return withRoom(state, event.taskId, (room) => ({
        ...room,
        load: { kind: 'ready' },
        conversation: event.thread.conversation,
        messages: event.thread.messages.reduce(upsert, room.messages),
        optedOut: event.thread.optedOut,
      }));
    case 'open-failed':
      return withRoom(state, event.taskId, (room) => ({ ...room, load: { kind: 'failed', code: event.code } }));
    // Live updates are for conversations I hold; one for a task that has left me (or not reached me yet: opening it loads everything) is dropped.
    case 'message':
      return state.rooms[event.taskId] ? withRoom(state, event.taskId, (room) => ({ ...room, messages: upsert(room.messages, event.message) })) : state;
    case 'opt-out':
      return state.rooms[event.taskId] ? withRoom(state, event.taskId, (room) => ({ ...room, optedOut: event.optedOut })) : state;
    case 'queued':
      return event.entries.reduce(
        (next, { taskId, ...entry }) =>
          withRoom(next, taskId, (room) => ({ ...room, pending: [...room.pending.filter((p) => p.clientId !== entry.clientId), entry] })),
        state,
      );
    case 'sent':
      return withRoom(state, event.taskId, (room) => ({
        ...room,
        pending: room.pending.filter((entry) => entry.clientId !== event.clientId),
        messages: upsert(room.messages, event.message),
      }));
    case 'refused':
      return withRoom(state, event.taskId, (room) => ({
        ...room,
        pending: room.pending.map((entry) => (entry.clientId === event.clientId ? { ...entry, failure: event.failure, reason: event.reason } : entry)),
      }));
    case 'retry':
      return withRoom(state, event.taskId, (room) => ({
        ...room,
        pending: room.pending.map((entry) => (entry.clientId === event.clientId ? { ...entry, failure: null, reason: null } : entry)),
      }));
    case 'discarded':
      return withRoom(state, event.taskId, (room) => ({ ...room, pending: room.pending.filter((entry) => entry.clientId !== event.clientId) }));
    case 'draft':
      return withRoom(state, event.taskId, (room) => ({ ...room, draft: event.text }));
  }
}

export type SmsStore = StoreApi<SmsState>;

export const createSmsStore = (): SmsStore => createStore<SmsState>(() => ({ live: false, rooms: {} }));

import { ulid } from 'ulid';
import { z } from 'zod';
import { CHAT_TEXT_MAX, type CannedResponse, type ChatAttachment } from '../../shared/domain/chat';
import type { UpsertCannedSchema } from '../../shared/protocol/chat';
import { VISITOR_PATHS } from '../../shared/protocol/visitor';
import type { SwitchboardDb } from '../db/schema';
import { type ChatEvent, type ChatFailureCode, type ChatStore, reduceChat, VISITOR_TYPING_TTL_MS } from '../store/chat';
import type { RoutingState, RoutingStore } from '../store/routing';
import { checkAttachment } from '../../shared/chat/attachment-check';
import {
  clearChatLineFailure,
  markChatLineFailed,
  nextToSend,
  queueChatLine,
  readChatOutbox,
  removeChatLine,
  removeChatLinesNotIn,
} from './chat-outbox';
import {
  AgentChatLineSchema,
  AgentChatReceiptsSchema,
  AgentChatTypingSchema,
  CannedListSchema,
  CannedResponseSchema,
  ChatAttachmentSchema,
  ChatConversationSchema,
  ChatLineSchema,
  ChatThreadSchema,
} from './chat-wire';
import { type HubSocket, NetworkError, request } from './hub-socket';
import { createOutboxFlusher, type SendOutcome } from './outbox-flusher';
import { taskThreads } from './task-threads';
import { BadAnswerError, HubRefusalError, unwrapAck } from './wire';

/** Why a chat action did not happen: the hub's code, an unreadable answer, no hub, or a file refused before upload. */
export type ChatProblem = ChatFailureCode | 'network' | 'empty';

export type ChatResult<T> = { ok: true; data: T } | { ok: false; problem: ChatProblem };

export type ChatClientOptions = {
  socket: HubSocket;
  db: SwitchboardDb;
  store: ChatStore;
  /** My tasks: every assigned chat among them is opened, and chats that leave are forgotten. */
  routing: RoutingStore;
  hubUrl: string;
  getToken: () => string;
  fetch?: typeof fetch;
  now?: () => number;
  newId?: () => string;
  requestTimeoutMs?: number;
};

export type CannedInput = Omit<z.input<typeof UpsertCannedSchema>, 'scope'>;

export interface ChatClient {
  /** Queues a line (text, an uploaded attachment, or both) and sends it as soon as the hub is there. */
  send(taskId: string, text: string, attachment?: ChatAttachment): Promise<ChatResult<null>>;
  /** Checks a file here, then uploads it to the hub for this chat. */
  upload(taskId: string, file: File): Promise<ChatResult<ChatAttachment>>;
  typing(taskId: string, typing: boolean): void;
  /** The agent has seen the chat up to `upToSeq`. */
  markRead(taskId: string, upToSeq: number): void;
  setDraft(taskId: string, text: string): void;
  /** Sends a refused line again (after a rate limit, say). */
  retry(taskId: string, clientId: string): Promise<void>;
  discard(taskId: string, clientId: string): Promise<void>;
  saveCanned(input: CannedInput): Promise<ChatResult<CannedResponse>>;
  deleteCanned(id: string): Promise<ChatResult<null>>;
  /** Sends whatever the outbox holds, in order; resolves when it is empty, refused, or the hub is gone. */
  flush(): Promise<void>;
  /** Resolves once the outbox has been read back into the store. */
  readonly ready: Promise<void>;
  stop(): void;
}

/** Chats I hold: assigned to me, or in my wrap-up (the transcript stays readable while I wrap up). */
export function myChatTaskIds(routing: RoutingState): string[] {
  return routing.tasks
    .filter((task) => task.channel === 'chat' && (task.status === 'assigned' || task.status === 'wrap-up'))
    .map((task) => task.id);
}

function problemOf(error: unknown): ChatProblem {
  if (error instanceof HubRefusalError) return error.error.code;
  if (error instanceof BadAnswerError) return 'bad-answer';
  return 'network';
}

/** Refusals about the session are the sync engine's to fix (refresh, reconnect); the line is not at fault. */
const isSessionTrouble = (problem: ChatProblem) => problem === 'token-expired' || problem === 'token-invalid';

/**
 * The desktop's side of web chat. Every line goes through the chat outbox,
 * online or not, so there is one path: written to Dexie first, then sent in
 * order. `chat:send` is idempotent by clientId, so a line whose answer was
 * lost is simply sent again.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const { socket, db, store, routing } = options;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? ulid;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;

  const dispatch = (event: ChatEvent) => store.setState(reduceChat(store.getState(), event), true);

  async function ask<T>(event: string, send: (s: HubSocket) => Promise<unknown>, schema: z.ZodType<T>): Promise<ChatResult<T>> {
    try {
      const ack = await request(socket, (s) => send(s.timeout(timeoutMs) as HubSocket));
      return { ok: true, data: unwrapAck(event, ack, schema) };
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
  }

  // ---- opening chats -----------------------------------------------------

  /** Answers false when the chat should be opened again with the next connection (network trouble). */
  async function open(taskId: string): Promise<boolean> {
    dispatch({ type: 'opening', taskId });
    const result = await ask('chat:open', (s) => s.emitWithAck('chat:open', { taskId }), ChatThreadSchema);
    if (stopped) return true;
    if (!result.ok) {
      dispatch({ type: 'open-failed', taskId, code: result.problem === 'empty' ? 'network' : result.problem });
      return !(result.problem === 'network' || isSessionTrouble(result.problem));
    }
    dispatch({ type: 'opened', taskId, thread: result.data });
    // What I read while the hub was away is told now.
    const readUpTo = store.getState().rooms[taskId]?.readUpTo ?? 0;
    if (readUpTo > result.data.receipts.agentRead) emitRead(taskId, readUpTo);
    return true;
  }

  const threads = taskThreads({
    mine: myChatTaskIds,
    held: () => Object.keys(store.getState().rooms),
    changed: (taskIds) => {
      dispatch({ type: 'tasks', taskIds });
      void removeChatLinesNotIn(db, taskIds);
    },
    open,
    connected: () => socket.connected,
  });
  const reconcile = (state: RoutingState): void => {
    if (!stopped) threads.reconcile(state);
  };

  // ---- the outbox --------------------------------------------------------

  async function sendNextLine(): Promise<SendOutcome> {
    const entry = await nextToSend(db);
    if (!entry) return 'empty';
    const payload = { taskId: entry.taskId, clientId: entry.clientId, text: entry.text, ...(entry.attachment ? { attachmentId: entry.attachment.id } : {}) };
    const result = await ask('chat:send', (s) => s.emitWithAck('chat:send', payload), ChatLineSchema);
    if (result.ok) {
      await removeChatLine(db, entry.clientId);
      dispatch({ type: 'line', taskId: entry.taskId, line: result.data });
      return 'sent';
    }
    // No answer, or the session is being renewed: the line stays first in line and goes again.
    if (result.problem === 'network' || result.problem === 'empty' || isSessionTrouble(result.problem)) throw new NetworkError(result.problem);
    // A refusal is about this line only (the visitor left, too fast): it is marked and the rest go on.
    await markChatLineFailed(db, entry.clientId, result.problem);
    dispatch({ type: 'refused', taskId: entry.taskId, clientId: entry.clientId, failure: result.problem });
    return 'refused';
  }

  const outbox = createOutboxFlusher({ connected: () => socket.connected, stopped: () => stopped, sendNext: sendNextLine });
  const flush = outbox.flush;

  const ready = readChatOutbox(db).then((rows) => {
    if (stopped) return;
    dispatch({ type: 'queued', entries: rows.map(({ order: _order, ...row }) => row) });
  });

  // ---- read marks and typing ---------------------------------------------

  function emitRead(taskId: string, upToSeq: number): void {
    if (!socket.connected) return;
    void ask('chat:read', (s) => s.emitWithAck('chat:read', { taskId, upToSeq }), z.null());
  }

  function onVisitorTyping(taskId: string, typing: boolean): void {
    clearTimeout(typingTimers.get(taskId));
    typingTimers.delete(taskId);
    dispatch({ type: 'typing', taskId, typing, now: now() });
    if (!typing) return;
    typingTimers.set(
      taskId,
      setTimeout(() => {
        typingTimers.delete(taskId);
        dispatch({ type: 'typing-lapsed', taskId, now: now() });
      }, VISITOR_TYPING_TTL_MS),
    );
  }

  // ---- socket ------------------------------------------------------------

  async function loadCanned(): Promise<void> {
    const result = await ask('canned:list', (s) => s.emitWithAck('canned:list', {}), CannedListSchema);
    if (result.ok && !stopped) dispatch({ type: 'canned', list: result.data });
  }

  const onConnect = () => {
    dispatch({ type: 'connection', live: true });
    void loadCanned();
    void ready.then(() => flush());
    reconcile(routing.getState());
  };
  const onDisconnect = () => {
    threads.disconnected();
    dispatch({ type: 'connection', live: false });
  };
  const onLine = (raw: unknown) => {
    const parsed = AgentChatLineSchema.safeParse(raw);
    if (parsed.success) dispatch({ type: 'line', taskId: parsed.data.taskId, line: parsed.data.line });
  };
  const onTyping = (raw: unknown) => {
    const parsed = AgentChatTypingSchema.safeParse(raw);
    if (parsed.success) onVisitorTyping(parsed.data.taskId, parsed.data.typing);
  };
  const onReceipts = (raw: unknown) => {
    const parsed = AgentChatReceiptsSchema.safeParse(raw);
    if (parsed.success) dispatch({ type: 'receipts', taskId: parsed.data.taskId, receipts: parsed.data.receipts });
  };
  const onConversation = (raw: unknown) => {
    const parsed = ChatConversationSchema.safeParse(raw);
    if (parsed.success) dispatch({ type: 'conversation', conversation: parsed.data });
  };

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onDisconnect);
  socket.on('chat:line', onLine);
  socket.on('chat:typing', onTyping);
  socket.on('chat:receipts', onReceipts);
  socket.on('chat:conversation', onConversation);
  const unsubscribeRouting = routing.subscribe(reconcile);
  if (socket.connected) onConnect();

  return {
    ready,
    flush,
    async send(taskId, text, attachment) {
      if (text.trim().length === 0 && !attachment) return { ok: false, problem: 'empty' };
      if (text.length > CHAT_TEXT_MAX) return { ok: false, problem: 'too-large' };
      const entry = { clientId: newId(), taskId, text, attachment: attachment ?? null, createdAt: now() };
      await ready;
      await queueChatLine(db, entry);
      dispatch({ type: 'queued', entries: [{ ...entry, failure: null }] });
      void flush();
      return { ok: true, data: null };
    },
    async upload(taskId, file) {
      const check = checkAttachment(file);
      if (!check.ok) return { ok: false, problem: check.reason };
      try {
        const response = await doFetch(new URL(VISITOR_PATHS.upload, options.hubUrl), {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${options.getToken()}`,
            'Content-Type': check.mimeType,
            'X-Conversation': taskId,
            'X-File-Name': encodeURIComponent(file.name),
          },
          body: file,
        });
        return { ok: true, data: unwrapAck('chat upload', await response.json(), ChatAttachmentSchema) };
      } catch (error) {
        // A proxy's HTML error page is not the hub answering.
        return { ok: false, problem: error instanceof SyntaxError ? 'network' : problemOf(error) };
      }
    },
    typing(taskId, typing) {
      if (!socket.connected) return;
      void ask('chat:typing', (s) => s.emitWithAck('chat:typing', { taskId, typing }), z.null());
    },
    markRead(taskId, upToSeq) {
      const room = store.getState().rooms[taskId];
      if (!room || upToSeq <= room.readUpTo) return;
      dispatch({ type: 'read', taskId, upToSeq });
      emitRead(taskId, upToSeq);
    },
    setDraft: (taskId, text) => dispatch({ type: 'draft', taskId, text }),
    async retry(taskId, clientId) {
      await clearChatLineFailure(db, clientId);
      dispatch({ type: 'retry', taskId, clientId });
      await flush();
    },
    async discard(taskId, clientId) {
      await removeChatLine(db, clientId);
      dispatch({ type: 'discarded', taskId, clientId });
    },
    async saveCanned(input) {
      const result = await ask(
        'canned:upsert',
        (s) => s.emitWithAck('canned:upsert', { ...input, scope: 'personal' }),
        CannedResponseSchema,
      );
      if (result.ok) dispatch({ type: 'canned-saved', response: result.data });
      return result;
    },
    async deleteCanned(id) {
      const result = await ask('canned:delete', (s) => s.emitWithAck('canned:delete', { id }), z.null());
      if (result.ok) dispatch({ type: 'canned-deleted', id });
      return result;
    },
    stop() {
      stopped = true;
      outbox.stop();
      for (const timer of typingTimers.values()) clearTimeout(timer);
      typingTimers.clear();
      unsubscribeRouting();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onDisconnect);
      socket.off('chat:line', onLine);
      socket.off('chat:typing', onTyping);
      socket.off('chat:receipts', onReceipts);
      socket.off('chat:conversation', onConversation);
    },
  };
}

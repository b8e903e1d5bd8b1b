import { ulid } from 'ulid';
import { z } from 'zod';
import { SMS_TEXT_MAX, SmsMessageSchema, type SmsMessage, type SmsThread } from '../../../shared/protocol/sms';
import type { SwitchboardDb } from '../../db/schema';
import type { RoutingState, RoutingStore } from '../../store/routing';
import { type HubSocket, NetworkError, request } from '../../sync/hub-socket';
import { createOutboxFlusher, type SendOutcome } from '../../sync/outbox-flusher';
import { taskThreads } from '../../sync/task-threads';
import { BadAnswerError, HubRefusalError, unwrapAck } from '../../sync/wire';
import {
  clearSmsReplyFailure,
  markSmsReplyFailed,
  nextSmsToSend,
  queueSmsReply,
  readSmsOutbox,
  removeSmsRepliesNotIn,
  removeSmsReply,
} from './sms-outbox';
import { type SmsEvent, type SmsFailureCode, type SmsStore, reduceSms } from './sms-store';

export type SmsProblem = SmsFailureCode | 'network' | 'empty';
type Result<T> = { ok: true; data: T } | { ok: false; problem: SmsProblem; reason: string | null };

const SmsThreadSchema = z.object({
  conversation: z.object({
    id: z.string(),
    customerId: z.string(),
    customerNumber: z.string(),
    ourNumber: z.string(),
    queueId: z.string(),
    taskId: z.string().nullable(),
    agentId: z.string().nullable(),
    status: z.enum(['open', 'done']),
    startedAt: z.number(),
  }),
  messages: z.array(SmsMessageSchema),
  optedOut: z.boolean(),
}) satisfies z.ZodType<SmsThread>;
const AgentSmsMessageSchema = z.object({ taskId: z.string(), message: SmsMessageSchema });
const AgentSmsOptOutSchema = z.object({ taskId: z.string(), customerNumber: z.string(), optedOut: z.boolean() });

export interface SmsClient {
  /** Queues a reply in the SMS outbox and sends it as soon as the hub is there. */
  send(taskId: string, text: string): Promise<Result<null>>;
  /** A refused reply in the outbox goes again; a message the provider failed is sent again by the hub. */
  retryPending(taskId: string, clientId: string): Promise<void>;
  retryFailed(taskId: string, messageId: string): Promise<Result<SmsMessage>>;
  discard(taskId: string, clientId: string): Promise<void>;
  setDraft(taskId: string, text: string): void;
  readonly ready: Promise<void>;
  stop(): void;
}

/** SMS conversations I hold: assigned to me, or in my wrap-up. */
export const mySmsTaskIds = (routing: RoutingState): string[] =>
  routing.tasks.filter((task) => task.channel === 'sms' && (task.status === 'assigned' || task.status === 'wrap-up')).map((task) => task.id);

function problemOf(error: unknown): { problem: SmsProblem; reason: string | null } {
  if (error instanceof HubRefusalError) return { problem: error.error.code, reason: error.error.issues?.[0]?.message ?? null };
  if (error instanceof BadAnswerError) return { problem: 'bad-answer', reason: null };
  return { problem: 'network', reason: null };
}

const isSessionTrouble = (problem: SmsProblem) => problem === 'token-expired' || problem === 'token-invalid';

/**
 * The desktop's side of SMS, on the pattern of the chat client: every reply
 * goes through the SMS outbox in Dexie, online or not, and `sms:send` is
 * idempotent by clientId, so a reply whose answer was lost is sent again
 * and still reaches the customer once.
 */
export function createSmsClient(options: { socket: HubSocket; db: SwitchboardDb; store: SmsStore; routing: RoutingStore; requestTimeoutMs?: number }): SmsClient {
  const { socket, db, store, routing } = options;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  let stopped = false;
  const dispatch = (event: SmsEvent) => store.setState(reduceSms(store.getState(), event), true);

  async function ask<T>(event: string, send: (s: HubSocket) => Promise<unknown>, schema: z.ZodType<T>): Promise<Result<T>> {
    try {
      const ack = await request(socket, (s) => send(s.timeout(timeoutMs) as HubSocket));
      return { ok: true, data: unwrapAck(event, ack, schema) };
    } catch (error) {
      return { ok: false, ...problemOf(error) };
    }
  }

  /** Answers false when the conversation should be opened again with the next connection (network trouble). */
  async function open(taskId: string): Promise<boolean> {
    dispatch({ type: 'opening', taskId });
    const result = await ask('sms:open', (s) => s.emitWithAck('sms:open', { taskId }), SmsThreadSchema);
    if (stopped) return true;
    if (result.ok) {
      dispatch({ type: 'opened', taskId, thread: result.data });
      return true;
    }
    dispatch({ type: 'open-failed', taskId, code: result.problem === 'empty' ? 'network' : result.problem });
    return !(result.problem === 'network' || isSessionTrouble(result.problem));
  }

  const threads = taskThreads({
    mine: mySmsTaskIds,
    held: () => Object.keys(store.getState().rooms),
    changed: (taskIds) => {
      dispatch({ type: 'tasks', taskIds });
      void removeSmsRepliesNotIn(db, taskIds);
    },
    open,
    connected: () => socket.connected,
  });
  const reconcile = (state: RoutingState): void => {
    if (!stopped) threads.reconcile(state);
  };

  async function sendNextReply(): Promise<SendOutcome> {
    const entry = await nextSmsToSend(db);
    if (!entry) return 'empty';
    const payload = { taskId: entry.taskId, clientId: entry.clientId, text: entry.text };
    const result = await ask('sms:send', (s) => s.emitWithAck('sms:send', payload), SmsMessageSchema);
    if (result.ok) {
      await removeSmsReply(db, entry.clientId);
      dispatch({ type: 'sent', taskId: entry.taskId, clientId: entry.clientId, message: result.data });
      return 'sent';
    }
    if (result.problem === 'network' || result.problem === 'empty' || isSessionTrouble(result.problem)) throw new NetworkError(result.problem);
    // A refusal (the customer opted out) is about this reply only: it stays, marked, for the agent.
    await markSmsReplyFailed(db, entry.clientId, result.problem, result.reason);
    dispatch({ type: 'refused', taskId: entry.taskId, clientId: entry.clientId, failure: result.problem, reason: result.reason });
    return 'refused';
  }

  const outbox = createOutboxFlusher({ connected: () => socket.connected, stopped: () => stopped, sendNext: sendNextReply });
  const flush = outbox.flush;

  const ready = readSmsOutbox(db).then((rows) => {
    if (!stopped) dispatch({ type: 'queued', entries: rows.map(({ order: _order, ...row }) => row) });
  });

  const onConnect = () => {
    dispatch({ type: 'connection', live: true });
    void ready.then(() => flush());
    reconcile(routing.getState());
  };
  const onDisconnect = () => {
    threads.disconnected();
    dispatch({ type: 'connection', live: false });
  };
  const onMessage = (raw: unknown) => {
    const parsed = AgentSmsMessageSchema.safeParse(raw);
    if (parsed.success) dispatch({ type: 'message', taskId: parsed.data.taskId, message: parsed.data.message });
  };
  const onOptOut = (raw: unknown) => {
    const parsed = AgentSmsOptOutSchema.safeParse(raw);
    if (parsed.success) dispatch({ type: 'opt-out', taskId: parsed.data.taskId, optedOut: parsed.data.optedOut });
  };

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onDisconnect);
  socket.on('sms:message', onMessage);
  socket.on('sms:opt-out', onOptOut);
  const unsubscribeRouting = routing.subscribe(reconcile);
  if (socket.connected) onConnect();

  return {
    ready,
    async send(taskId, text) {
      if (text.trim().length === 0) return { ok: false, problem: 'empty', reason: null };
      if (text.length > SMS_TEXT_MAX) return { ok: false, problem: 'too-large', reason: null };
      const entry = { clientId: ulid(), taskId, text, createdAt: Date.now() };
      await ready;
      await queueSmsReply(db, entry);
      dispatch({ type: 'queued', entries: [{ ...entry, failure: null, reason: null }] });
      void flush();
      return { ok: true, data: null };
    },
    async retryPending(taskId, clientId) {
      await clearSmsReplyFailure(db, clientId);
      dispatch({ type: 'retry', taskId, clientId });
      await flush();
    },
    async retryFailed(taskId, messageId) {
      const result = await ask('sms:retry', (s) => s.emitWithAck('sms:retry', { taskId, messageId }), SmsMessageSchema);
      if (result.ok) dispatch({ type: 'message', taskId, message: result.data });
      return result;
    },
    async discard(taskId, clientId) {
      await removeSmsReply(db, clientId);
      dispatch({ type: 'discarded', taskId, clientId });
    },
    setDraft: (taskId, text) => dispatch({ type: 'draft', taskId, text }),
    stop() {
      stopped = true;
      outbox.stop();
      unsubscribeRouting();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onDisconnect);
      socket.off('sms:message', onMessage);
      socket.off('sms:opt-out', onOptOut);
    },
  };
}

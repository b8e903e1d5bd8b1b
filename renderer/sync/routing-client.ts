import { z } from 'zod';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { AgentDirectory, TaskView } from '../../shared/protocol/routing';
import type { SetStateRequest } from '../features/inbox/inbox-logic';
import { transferredAway } from '../features/inbox/transfer-logic';
import { type RoutingEffect, type RoutingEvent, type RoutingStore, reduceRouting } from '../store/routing';
import { type HubSocket, NetworkError, request } from './hub-socket';
import { AgentDeskSchema, AgentDirectorySchema, AgentStateSchema, TaskOfferSchema, TaskViewSchema } from './routing-wire';
import { BadAnswerError, HubRefusalError, unwrapAck } from './wire';

export type RoutingAction = 'accept' | 'decline' | 'complete' | 'wrapup' | 'transfer' | 'directory' | 'setState' | 'desk';

export type TransferTarget = { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string };

/** Why a routing action did not happen, for a translated notice. */
export type RoutingFailure =
  | { kind: 'hub'; code: ErrorCode; message: string; retryAfterSec?: number }
  | { kind: 'network' }
  | { kind: 'bad-answer'; message: string };

export type RoutingResult<T> = { ok: true; data: T } | { ok: false; failure: RoutingFailure };

export type RoutingClientOptions = {
  socket: HubSocket;
  store: RoutingStore;
  now?: () => number;
  requestTimeoutMs?: number;
  onEffect?: (effect: RoutingEffect) => void;
  onFailure?: (action: RoutingAction, failure: RoutingFailure) => void;
  /** A new offer rang (after the store has it): sound and OS notification. */
  onOffer?: (taskId: string) => void;
};

export interface RoutingClient {
  accept(taskId: string): Promise<RoutingResult<TaskView>>;
  decline(taskId: string): Promise<RoutingResult<null>>;
  complete(taskId: string): Promise<RoutingResult<TaskView>>;
  wrapUp(taskId: string, disposition: string | null, note: string): Promise<RoutingResult<TaskView>>;
  /** Hands an assigned task to a queue or a colleague; on success it leaves my inbox. */
  transfer(taskId: string, to: TransferTarget): Promise<RoutingResult<null>>;
  /** Colleagues and queues to transfer to. */
  directory(): Promise<RoutingResult<AgentDirectory>>;
  setState(request: SetStateRequest): Promise<RoutingResult<unknown>>;
  /** Load (or reload) the desk from the hub. */
  refresh(): Promise<void>;
  stop(): void;
}

function describe(error: unknown): RoutingFailure {
  if (error instanceof HubRefusalError) return { kind: 'hub', ...error.error };
  if (error instanceof BadAnswerError) return { kind: 'bad-answer', message: error.message };
  if (error instanceof NetworkError) return { kind: 'network' };
  return { kind: 'network' };
}

/**
 * The desktop's side of routing. The hub decides everything: this client
 * only asks (with acks) and applies what the hub answers or announces. While
 * the socket is down the store says so, and no offer can ring.
 */
export function createRoutingClient(options: RoutingClientOptions): RoutingClient {
  const { socket, store } = options;
  const now = options.now ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const lapseTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;

  function dispatch(event: RoutingEvent): void {
    const { state, effects } = reduceRouting(store.getState(), event);
    store.setState(state, true);
    syncLapseTimers();
    for (const effect of effects) options.onEffect?.(effect);
  }

  /** One timer per ringing offer, so the toast goes when the offer runs out even if the hub's word is late. */
  function syncLapseTimers(): void {
    const ringing = new Set(store.getState().offers.map((offer) => offer.taskId));
    for (const [taskId, timer] of lapseTimers) {
      if (!ringing.has(taskId)) {
        clearTimeout(timer);
        lapseTimers.delete(taskId);
      }
    }
    for (const offer of store.getState().offers) {
      if (lapseTimers.has(offer.taskId) || stopped) continue;
      const delay = Math.max(0, offer.expiresAt - now());
      lapseTimers.set(
        offer.taskId,
        setTimeout(() => {
          lapseTimers.delete(offer.taskId);
          dispatch({ type: 'offer-lapsed', taskId: offer.taskId });
        }, delay),
      );
    }
  }

  async function call<T>(action: RoutingAction, send: (s: HubSocket) => Promise<unknown>, schema: z.ZodType<T>, event: string) {
    try {
      const ack = await request(socket, (s) => send(s.timeout(timeoutMs) as HubSocket));
      return { ok: true as const, data: unwrapAck(event, ack, schema) };
    } catch (error) {
      const failure = describe(error);
      options.onFailure?.(action, failure);
      return { ok: false as const, failure };
    }
  }

  const applyTask = (result: RoutingResult<TaskView>) => {
    if (result.ok) dispatch({ type: 'updated', task: result.data, now: now() });
    return result;
  };

  async function refresh(): Promise<void> {
    if (!socket.connected) return;
    const result = await call('desk', (s) => s.emitWithAck('agent:desk', {}), AgentDeskSchema, 'agent:desk');
    if (result.ok && socket.connected && !stopped) dispatch({ type: 'desk', desk: result.data, now: now() });
  }

  const onConnect = () => void refresh();
  const onDisconnect = () => dispatch({ type: 'offline' });
  const onOffer = (raw: unknown) => {
    const parsed = TaskOfferSchema.safeParse(raw);
    if (!parsed.success) return;
    dispatch({ type: 'offer', offer: parsed.data, now: now() });
    if (store.getState().offers.some((offer) => offer.taskId === parsed.data.task.id)) options.onOffer?.(parsed.data.task.id);
  };
  const onUpdated = (raw: unknown) => {
    const parsed = TaskViewSchema.safeParse(raw);
    if (parsed.success) dispatch({ type: 'updated', task: parsed.data, now: now() });
  };
  const onAgentState = (raw: unknown) => {
    const parsed = AgentStateSchema.safeParse(raw);
    if (parsed.success) dispatch({ type: 'agent-state', state: parsed.data });
  };

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onDisconnect);
  socket.on('task:offer', onOffer);
  socket.on('task:updated', onUpdated);
  socket.on('agent:state', onAgentState);
  if (socket.connected) void refresh();

  return {
    accept: async (taskId) => applyTask(await call('accept', (s) => s.emitWithAck('task:accept', { taskId }), TaskViewSchema, 'task:accept')),
    decline: async (taskId) => {
      const result = await call('decline', (s) => s.emitWithAck('task:decline', { taskId }), z.null(), 'task:decline');
      // The hub sends task:updated too; until then the declined offer stops ringing here.
      if (result.ok) {
        const task = store.getState().tasks.find((t) => t.id === taskId);
        if (task) dispatch({ type: 'updated', task: { ...task, status: 'queued', offeredTo: null, offerExpiresAt: null, declinedBy: [...task.declinedBy, store.getState().agentId] }, now: now() });
      }
      return result;
    },
    complete: async (taskId) =>
      applyTask(await call('complete', (s) => s.emitWithAck('task:complete', { taskId }), TaskViewSchema, 'task:complete')),
    wrapUp: async (taskId, disposition, note) => {
      const payload = { taskId, ...(disposition ? { disposition } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
      return applyTask(
        await call(
          'wrapup',
          // A queue without dispositions takes the empty choice as absent.
          (s) => s.emitWithAck('task:wrapup', payload),
          TaskViewSchema,
          'task:wrapup',
        ),
      );
    },
    transfer: async (taskId, to) => {
      const result = await call('transfer', (s) => s.emitWithAck('task:transfer', { taskId, to }), z.null(), 'task:transfer');
      // The hub sends task:updated too; until then the task leaves my inbox here.
      if (result.ok) {
        const task = store.getState().tasks.find((t) => t.id === taskId);
        if (task) dispatch({ type: 'updated', task: transferredAway(task, to), now: now() });
      }
      return result;
    },
    directory: () => call('directory', (s) => s.emitWithAck('agent:directory', {}), AgentDirectorySchema, 'agent:directory'),
    setState: async (req) => {
      const result = await call('setState', (s) => s.emitWithAck('agent:state:set', req), AgentStateSchema, 'agent:state:set');
      if (result.ok) dispatch({ type: 'agent-state', state: result.data });
      return result;
    },
    refresh,
    stop() {
      stopped = true;
      for (const timer of lapseTimers.values()) clearTimeout(timer);
      lapseTimers.clear();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onDisconnect);
      socket.off('task:offer', onOffer);
      socket.off('task:updated', onUpdated);
      socket.off('agent:state', onAgentState);
    },
  };
}

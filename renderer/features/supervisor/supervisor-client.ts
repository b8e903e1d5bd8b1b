import { z } from 'zod';
import type { SetAgentState } from '../../../shared/protocol/routing';
import type { SupervisorBoard, SupervisorSettings } from '../../../shared/protocol/supervisor';
import { type AdminFailure, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { SupervisorBoardSchema } from './supervisor-wire';

/** How many agents the message reached (those with a desktop open now). */
const DeliveredSchema = z.object({ delivered: z.number().int().nonnegative() });

export type MessageTarget = { kind: 'agent'; agentId: string } | { kind: 'queue'; queueId: string };

/**
 * The live view's only line to the hub. Watching answers the board at once
 * and joins the hub's room; after that the hub pushes each fresh board, and
 * on every reconnect we watch again (a new socket is in no room).
 * Actions are live-or-not like the admin forms: they act on the floor as it
 * is now, so nothing is queued while offline.
 */
export function createSupervisorClient(socket: HubSocket, timeoutMs = 15_000) {
  const call = createLiveCaller(socket, timeoutMs);

  /** Calls `onBoard` with every board (the first from the ack, then each push) until the returned stop is called. */
  function watch(onBoard: (board: SupervisorBoard) => void, onFailure: (failure: AdminFailure) => void): () => void {
    let stopped = false;
    const take = (raw: unknown) => {
      const parsed = SupervisorBoardSchema.safeParse(raw);
      if (parsed.success && !stopped) onBoard(parsed.data);
    };
    const join = async () => {
      const result = await call('supervisor:watch', (s) => s.emitWithAck('supervisor:watch', {}), SupervisorBoardSchema);
      if (stopped) return;
      if (result.ok) onBoard(result.data);
      else onFailure(result.failure);
    };
    const onConnect = () => void join();
    socket.on('supervisor:board', take);
    socket.on('connect', onConnect);
    if (socket.connected) void join();
    return () => {
      stopped = true;
      socket.off('supervisor:board', take);
      socket.off('connect', onConnect);
      // Leave the hub's room so it stops folding boards for a screen nobody looks at; a dropped socket has left already.
      if (socket.connected) socket.emit('supervisor:unwatch', {}, () => undefined);
    };
  }

  const done = z.unknown();
  return {
    watch,
    moveTask: (taskId: string, queueId: string) =>
      call('supervisor:task:move', (s) => s.emitWithAck('supervisor:task:move', { taskId, queueId }), done),
    assignTask: (taskId: string, agentId: string) =>
      call('supervisor:task:assign', (s) => s.emitWithAck('supervisor:task:assign', { taskId, agentId }), done),
    setAgentState: (agentId: string, state: SetAgentState) =>
      call('supervisor:agent:state', (s) => s.emitWithAck('supervisor:agent:state', { agentId, state }), done),
    message: (to: MessageTarget, text: string) =>
      call('supervisor:message', (s) => s.emitWithAck('supervisor:message', { to, text }), DeliveredSchema),
    editAgent: (agentId: string, skills: Record<string, number>, queueIds: string[]) =>
      call('supervisor:agent:edit', (s) => s.emitWithAck('supervisor:agent:edit', { agentId, skills, queueIds }), done),
    saveSettings: (settings: SupervisorSettings) =>
      call('supervisor:settings:set', (s) => s.emitWithAck('supervisor:settings:set', settings), done),
  };
}

export type SupervisorClient = ReturnType<typeof createSupervisorClient>;

import type { Kysely } from 'kysely';
import { LIVE_CHANNELS, type TaskEventKind } from '../../shared/domain/routing';
import type { User } from '../../shared/domain/user';
import type {
  IceCandidate,
  MonitorEndReason,
  MonitorMode,
  MonitorModeChange,
  MonitorSession,
  MonitorSettings,
} from '../../shared/protocol/monitor';
import type { Clock } from '../clock';
import type { Presence } from '../cluster/presence';
import type { Database } from '../db/schema';
import { findUser } from '../db/user-queries';
import { findCallByTask } from '../db/voice-queries';
import type { WriteQueue } from '../db/write-queue';
import { newId } from '../ids';
import type { Logger } from '../log';
import type { RoutingService } from '../routing/routing-service';
import { type HubServer, userRoom } from '../socket/hub-socket';
import { refuse } from '../sync/refusal';
import { liveCallOf } from './live-call';
import { type MonitorSessionRecord, MonitorSessions, type MonitorSide, otherSide, sideOf } from './monitor-sessions';
import { readMonitorSettings, saveMonitorSettings } from './monitor-settings';

export type MonitorDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  io: HubServer;
  presence: Presence;
  routing: RoutingService;
  clock: Clock;
  log: Logger;
};

export type MonitorService = ReturnType<typeof createMonitorService>;

/** The task events after which the agent is no longer talking to the caller. */
const CALL_OVER: ReadonlySet<TaskEventKind> = new Set(['wrap-up', 'done', 'abandoned']);

/**
 * Monitor, whisper and barge, hub side: who may listen to whom, and the
 * relay of the WebRTC signalling between the supervisor's page and the
 * agent's desktop (the media goes straight between the two). Signals go to
 * the user's room: every desktop of theirs hears them, and only the one that
 * knows the session (the supervisor's page that started it, the agent's
 * desktop with the call) acts on them.
 */
export function createMonitorService(deps: MonitorDeps) {
  const { db, io, clock, log } = deps;
  const sessions = new MonitorSessions();
  const isConnected = (userId: string): boolean => deps.presence.desktops(userRoom(userId)) > 0;

  /** The session, with the caller's side of it checked: not-found for none, forbidden for someone else's. */
  function sessionFor(sessionId: string, user: User, sides: readonly MonitorSide[]): { session: MonitorSessionRecord; side: MonitorSide } {
    const session = sessions.get(sessionId);
    if (!session) throw refuse('not-found', 'No such monitoring session; it may have ended.');
    const side = sideOf(session, user.id);
    if (!side || !sides.includes(side)) throw refuse('forbidden', 'This monitoring session is not yours to act on.');
    return { session, side };
  }

  function end(sessionId: string, reason: MonitorEndReason): void {
    const session = sessions.end(sessionId);
    if (!session) return;
    io.to([userRoom(session.supervisorId), userRoom(session.agentId)]).emit('monitor:ended', { sessionId, reason });
    log.debug(`monitor ${sessionId} of ${session.agentId} ended: ${reason}`);
  }

  // The caller hung up or the agent finished the talk: whoever listened is told, and the agent's desktop stops sending.
  deps.routing.observe(LIVE_CHANNELS, async (ctx, events) => {
    if (sessions.size === 0) return;
    for (const event of events) {
      if (!CALL_OVER.has(event.kind)) continue;
      const call = await findCallByTask(ctx.trx, event.taskId);
      const session = call ? sessions.ofCall(call.callId) : null;
      if (session) ctx.afterCommit(() => end(session.id, 'call-ended'));
    }
  });

  return {
    /** A supervisor asks to listen: the agent must be someone else, on a live call, with a desktop connected, and not monitored already. */
    async start(user: User, request: { agentId: string; mode: MonitorMode }): Promise<MonitorSession> {
      if (request.agentId === user.id) throw refuse('conflict', 'You cannot monitor your own call.');
      const agent = await findUser(db, request.agentId);
      if (!agent || agent.role === 'admin') throw refuse('not-found', 'No such agent.');
      const call = await liveCallOf(db, agent.id);
      if (!call) throw refuse('conflict', `${agent.displayName} is not on a call.`);
      if (!isConnected(agent.id)) throw refuse('conflict', `${agent.displayName}'s desktop is not connected.`);
      if (sessions.ofAgent(agent.id)) throw refuse('conflict', `${agent.displayName}'s call is monitored already.`);
      if (sessions.ofSupervisor(user.id)) throw refuse('conflict', 'You are monitoring another call; stop that first.');
      const { announceMonitoring } = await readMonitorSettings(db);
      // Checked again after the awaits: two supervisors clicking at once must not both get the call.
      if (sessions.ofAgent(agent.id) || sessions.ofSupervisor(user.id)) throw refuse('conflict', `${agent.displayName}'s call is monitored already.`);
      const session: MonitorSessionRecord = {
        id: newId(clock()),
        supervisorId: user.id,
        agentId: agent.id,
        callId: call.callId,
        mode: request.mode,
        startedAt: clock(),
      };
      sessions.add(session);
      io.to(userRoom(agent.id)).emit('monitor:begin', {
        sessionId: session.id,
        callId: call.callId,
        mode: session.mode,
        supervisorName: user.displayName,
        announce: announceMonitoring,
      });
      return { sessionId: session.id, agentId: agent.id, mode: session.mode, callId: call.callId };
    },

    offer(user: User, request: { sessionId: string; sdp: string }): null {
      const { session } = sessionFor(request.sessionId, user, ['agent']);
      io.to(userRoom(session.supervisorId)).emit('monitor:offer', { sessionId: session.id, sdp: request.sdp });
      return null;
    },

    answer(user: User, request: { sessionId: string; sdp: string }): null {
      const { session } = sessionFor(request.sessionId, user, ['supervisor']);
      io.to(userRoom(session.agentId)).emit('monitor:answer', { sessionId: session.id, sdp: request.sdp });
      return null;
    },

    ice(user: User, request: { sessionId: string; candidate: IceCandidate }): null {
      const { session, side } = sessionFor(request.sessionId, user, ['agent', 'supervisor']);
      io.to(userRoom(otherSide(session, side))).emit('monitor:ice', { sessionId: session.id, candidate: request.candidate });
      return null;
    },

    mode(user: User, request: { sessionId: string; mode: MonitorMode }): MonitorModeChange {
      const { session } = sessionFor(request.sessionId, user, ['supervisor']);
      sessions.setMode(session.id, request.mode);
      const change = { sessionId: session.id, mode: request.mode };
      io.to([userRoom(session.supervisorId), userRoom(session.agentId)]).emit('monitor:mode', change);
      return change;
    },

    stop(user: User, request: { sessionId: string }): null {
      const { side } = sessionFor(request.sessionId, user, ['agent', 'supervisor']);
      end(request.sessionId, side === 'agent' ? 'agent-stopped' : 'supervisor-stopped');
      return null;
    },

    settings: (): Promise<MonitorSettings> => readMonitorSettings(db),

    saveSettings: (settings: MonitorSettings): Promise<MonitorSettings> =>
      deps.writeQueue(async () => {
        await saveMonitorSettings(db, settings);
        return settings;
      }),

    /** Call after a socket has left its rooms: with the user's last desktop gone, their sessions end. */
    desktopLeft(userId: string): void {
      if (isConnected(userId)) return;
      for (const session of sessions.involving(userId)) end(session.id, 'disconnected');
    },
  };
}

import type { MonitorMode } from '../../shared/protocol/monitor';

/** One supervisor listening to one agent's call. */
export type MonitorSessionRecord = {
  id: string;
  supervisorId: string;
  agentId: string;
  /** The SIP Call-ID of the monitored call. */
  callId: string;
  mode: MonitorMode;
  startedAt: number;
};

export type MonitorSide = 'supervisor' | 'agent';

/** Which side of the session a user is on, or null for anyone else. */
export function sideOf(session: MonitorSessionRecord, userId: string): MonitorSide | null {
  if (session.supervisorId === userId) return 'supervisor';
  if (session.agentId === userId) return 'agent';
  return null;
}

/** Who hears what one side sends: the other side. */
export const otherSide = (session: MonitorSessionRecord, side: MonitorSide): string => (side === 'agent' ? session.supervisorId : session.agentId);

/**
 * The sessions running now. In memory: a session is only a relay between two
 * connected desktops, so a hub restart (which drops both sockets) ends it
 * anyway. One session per agent's call and one per supervisor, so a second
 * supervisor cannot listen unseen beside the first, and a supervisor's single
 * microphone is never in two calls.
 */
export class MonitorSessions {
  private readonly byId = new Map<string, MonitorSessionRecord>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): MonitorSessionRecord | null {
    return this.byId.get(id) ?? null;
  }

  /** The session on this agent's call, or the one this supervisor holds. */
  involving(userId: string): MonitorSessionRecord[] {
    return [...this.byId.values()].filter((session) => sideOf(session, userId) !== null);
  }

  ofAgent(agentId: string): MonitorSessionRecord | null {
    return [...this.byId.values()].find((session) => session.agentId === agentId) ?? null;
  }

  ofSupervisor(supervisorId: string): MonitorSessionRecord | null {
    return [...this.byId.values()].find((session) => session.supervisorId === supervisorId) ?? null;
  }

  ofCall(callId: string): MonitorSessionRecord | null {
    return [...this.byId.values()].find((session) => session.callId === callId) ?? null;
  }

  add(session: MonitorSessionRecord): void {
    this.byId.set(session.id, session);
  }

  setMode(id: string, mode: MonitorMode): MonitorSessionRecord | null {
    const session = this.byId.get(id);
    if (!session) return null;
    const changed = { ...session, mode };
    this.byId.set(id, changed);
    return changed;
  }

  /** Removes it; answers it once, null when it had ended already (both sides stopping at once). */
  end(id: string): MonitorSessionRecord | null {
    const session = this.byId.get(id) ?? null;
    this.byId.delete(id);
    return session;
  }
}

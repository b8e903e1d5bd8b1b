import { describe, expect, it } from 'vitest';
import { type MonitorSessionRecord, MonitorSessions, otherSide, sideOf } from '../../../../hub/monitor/monitor-sessions';

const session = (id: string, supervisorId: string, agentId: string, callId = `${id}@call`): MonitorSessionRecord => ({
  id,
  supervisorId,
  agentId,
  callId,
  mode: 'listen',
  startedAt: 1_000,
});

describe('monitor sessions', () => {
  it('knows each side of a session and who hears what it sends', () => {
    const s = session('m1', 'sup', 'agent');
    expect(sideOf(s, 'sup')).toBe('supervisor');
    expect(sideOf(s, 'agent')).toBe('agent');
    expect(sideOf(s, 'someone-else')).toBeNull();
    expect(otherSide(s, 'agent')).toBe('sup');
    expect(otherSide(s, 'supervisor')).toBe('agent');
  });

  it('finds sessions by agent, supervisor, call and user; switches mode; ends once', () => {
    const sessions = new MonitorSessions();
    sessions.add(session('m1', 'sup1', 'a1'));
    sessions.add(session('m2', 'sup2', 'a2'));
    expect(sessions.size).toBe(2);
    expect(sessions.ofAgent('a2')?.id).toBe('m2');
    expect(sessions.ofSupervisor('sup1')?.id).toBe('m1');
    expect(sessions.ofCall('m2@call')?.id).toBe('m2');
    expect(sessions.ofAgent('sup1')).toBeNull();
    expect(sessions.involving('a1').map((each) => each.id)).toEqual(['m1']);
    expect(sessions.involving('nobody')).toEqual([]);

    expect(sessions.setMode('m1', 'barge')?.mode).toBe('barge');
    expect(sessions.get('m1')?.mode).toBe('barge');
    expect(sessions.setMode('gone', 'whisper')).toBeNull();

    expect(sessions.end('m1')?.id).toBe('m1');
    // Both sides stopping at once: the second finds it gone, so `monitor:ended` goes out once.
    expect(sessions.end('m1')).toBeNull();
    expect(sessions.get('m1')).toBeNull();
    expect(sessions.size).toBe(1);
  });
});

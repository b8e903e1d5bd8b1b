import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { dueTimeProblem, FOLLOW_UP_MAX_AHEAD_MS } from '../../../../shared/follow-ups/follow-up';
import { followUpLine, isOverdue, newFollowUp, recordOutcome } from '../../../../shared/follow-ups/follow-up-life';
import { FollowUpRecordArgsSchema } from '../../../../shared/protocol/follow-ups';

const NOW = Date.UTC(2026, 10, 24, 9);
const AGENT = ulid();
const scheduled = () =>
  newFollowUp(
    { followUpId: ulid(), lineId: ulid(), customerId: ulid(), kind: 'callback', dueAt: NOW + 3_600_000, assigneeId: AGENT, queueId: null, priority: 'normal', notes: 'call back' },
    'agent',
    AGENT,
    NOW,
  );
const outcome = (o: 'reached' | 'no-answer' | 'cancelled' | 'rescheduled', dueAt: number | null = null) => ({ lineId: ulid(), outcome: o, dueAt, note: 'n', at: NOW + 10 });

describe('a follow-up\'s life', () => {
  it('starts scheduled with one history entry that is its timeline line', () => {
    const f = scheduled();
    expect(f).toMatchObject({ status: 'scheduled', taskId: null, createdBy: AGENT, origin: 'agent' });
    const [entry] = f.history;
    if (!entry) throw new Error('no entry');
    expect(followUpLine(f, entry)).toMatchObject({ id: entry.lineId, channel: 'follow-up', outcome: 'scheduled', followUpId: f.id, note: 'call back', agentId: AGENT });
  });

  it('closes on reached, calls off on cancelled, stays open on no answer', () => {
    const reached = recordOutcome(scheduled(), outcome('reached'), AGENT, NOW);
    expect(reached.ok && reached.followUp.status).toBe('done');
    const cancelled = recordOutcome(scheduled(), outcome('cancelled'), AGENT, NOW);
    expect(cancelled.ok && cancelled.followUp.status).toBe('cancelled');
    const due = { ...scheduled(), status: 'due' as const, taskId: ulid() };
    const missed = recordOutcome(due, outcome('no-answer'), AGENT, NOW);
    expect(missed.ok && missed.followUp).toMatchObject({ status: 'due', taskId: due.taskId });
  });

  it('reschedules to the new time, back to scheduled and without its old task', () => {
    const due = { ...scheduled(), status: 'due' as const, taskId: ulid() };
    const later = NOW + 86_400_000;
    const moved = recordOutcome(due, outcome('rescheduled', later), AGENT, NOW);
    if (!moved.ok) throw new Error(moved.message);
    expect(moved.followUp).toMatchObject({ status: 'scheduled', dueAt: later, taskId: null });
    expect(followUpLine(moved.followUp, moved.entry)).toMatchObject({ outcome: 'rescheduled', dueAt: later });
  });

  it('refuses any outcome once done or cancelled, saying which', () => {
    for (const closed of ['done', 'cancelled'] as const) {
      const result = recordOutcome({ ...scheduled(), status: closed }, outcome('no-answer'), AGENT, NOW);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(closed === 'done' ? 'already done' : 'already cancelled');
    }
  });

  it('is overdue only while open and past its time', () => {
    const f = scheduled();
    expect(isOverdue(f, f.dueAt - 1)).toBe(false);
    expect(isOverdue(f, f.dueAt + 1)).toBe(true);
    expect(isOverdue({ ...f, status: 'done' }, f.dueAt + 1)).toBe(false);
  });

  it('refuses due times before 2000 or more than five years ahead', () => {
    expect(dueTimeProblem(Date.UTC(1999, 11, 31), NOW)).toContain('2000');
    expect(dueTimeProblem(NOW + FOLLOW_UP_MAX_AHEAD_MS + 1, NOW)).toContain('five years');
    expect(dueTimeProblem(NOW + 86_400_000, NOW)).toBeNull();
  });

  it('asks for a new due time with rescheduled, and only with it', () => {
    const base = { followUpId: ulid(), lineId: ulid(), at: NOW };
    expect(FollowUpRecordArgsSchema.safeParse({ ...base, outcome: 'rescheduled' }).error?.issues[0]?.path).toEqual(['dueAt']);
    expect(FollowUpRecordArgsSchema.safeParse({ ...base, outcome: 'reached', dueAt: NOW }).success).toBe(false);
    expect(FollowUpRecordArgsSchema.safeParse({ ...base, outcome: 'reached' }).success).toBe(true);
  });
});

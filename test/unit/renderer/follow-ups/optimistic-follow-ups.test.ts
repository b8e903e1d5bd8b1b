import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { FollowUp } from '../../../../shared/follow-ups/follow-up';
import type { Mutation } from '../../../../shared/protocol/mutations';
import { applyOptimistic, parseTargetKey, rebase, rollback, targetKey, targetOf } from '../../../../renderer/sync/optimistic';

const AGENT = ulid();
const followUpId = ulid();
const customerId = ulid();
const schedule: Mutation = {
  id: ulid(),
  name: 'followUp.schedule',
  createdAt: 1_000,
  args: { followUpId, lineId: ulid(), customerId, kind: 'renewal', dueAt: 5_000, assigneeId: AGENT, queueId: null, priority: 'high', notes: '' },
};
const record = (outcome: 'reached' | 'no-answer' | 'rescheduled' | 'cancelled', dueAt: number | null = null): Mutation => ({
  id: ulid(),
  name: 'followUp.record',
  createdAt: 2_000,
  args: { followUpId, lineId: ulid(), outcome, dueAt, note: 'x', at: 2_000 },
});
const entry = (mutation: Mutation, preimage: FollowUp | null = null) => ({ id: mutation.id, mutation, agentId: AGENT, preimage });

describe('follow-up mutations on the desktop', () => {
  it('target the follow-up row, and the key reads back', () => {
    expect(targetOf(schedule)).toEqual({ table: 'followUps', key: followUpId });
    expect(targetOf(record('reached'))).toEqual({ table: 'followUps', key: followUpId });
    expect(parseTargetKey(targetKey(targetOf(schedule)))).toEqual(targetOf(schedule));
  });

  it('show a scheduled follow-up at once, and defer to the hub row once it exists', () => {
    const row = applyOptimistic(schedule, null, AGENT) as FollowUp;
    expect(row).toMatchObject({ id: followUpId, status: 'scheduled', assigneeId: AGENT, createdBy: AGENT, dueAt: 5_000 });
    const hubRow: FollowUp = { ...row, status: 'due', taskId: ulid() };
    expect(applyOptimistic(schedule, hubRow, AGENT)).toBe(hubRow);
  });

  it('apply an outcome on top, and replay it over the hub\'s newer row (a rebase)', () => {
    const scheduled = applyOptimistic(schedule, null, AGENT) as FollowUp;
    const outcome = record('rescheduled', 9_000);
    expect(applyOptimistic(outcome, scheduled, AGENT)).toMatchObject({ status: 'scheduled', dueAt: 9_000 });
    // The hub turned it due meanwhile (a task was opened): the waiting reschedule still applies on top of that.
    const hubDue: FollowUp = { ...scheduled, status: 'due', taskId: ulid(), updatedAt: 1_500 };
    const rebased = rebase(hubDue, [entry(outcome)]);
    expect(rebased.row).toMatchObject({ status: 'scheduled', dueAt: 9_000, taskId: null });
    expect(rebased.preimages).toEqual([hubDue]);
  });

  it('leave a closed follow-up as it is (the hub will refuse), and a refusal puts the hub row back', () => {
    const scheduled = applyOptimistic(schedule, null, AGENT) as FollowUp;
    const done: FollowUp = { ...scheduled, status: 'done' };
    expect(applyOptimistic(record('no-answer'), done, AGENT)).toBe(done);
    const reached = record('reached');
    const back = rollback(reached.id, [entry(reached, scheduled)]);
    expect(back.row).toBe(scheduled);
    expect(back.remaining).toEqual([]);
  });
});

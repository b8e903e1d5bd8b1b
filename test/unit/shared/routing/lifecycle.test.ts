import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Task, type TaskEvent, type TaskEventOf, TaskSchema, type TaskStatus } from '../../../../shared/domain/routing';
import { applyTaskEvent, taskFromCreated, type TaskTransitionErrorCode } from '../../../../shared/routing/lifecycle';
import { agentId, makeQueue, makeTask, NOW, queueId, taskId } from './fixtures';

const A1 = agentId(1);
const A2 = agentId(2);
const Q1 = queueId(1);
const Q2 = queueId(2);
const QUEUES = new Map([
  [Q1, makeQueue(1)],
  [Q2, makeQueue(2, { channels: ['chat', 'email'], dispositions: [] })],
  [queueId(3), makeQueue(3, { channels: ['call'] })],
]);
const EXPIRES = NOW + 30_000;
const base = { at: NOW, taskId: taskId(1), queueId: Q1 };

const inStatus: Record<TaskStatus, Task> = {
  queued: makeTask(1),
  offered: makeTask(1, { status: 'offered', offeredTo: A1, offerExpiresAt: EXPIRES }),
  assigned: makeTask(1, { status: 'assigned', assignedTo: A1 }),
  'wrap-up': makeTask(1, { status: 'wrap-up', assignedTo: A1 }),
  done: makeTask(1, { status: 'done', assignedTo: A1, disposition: 'resolved' }),
  abandoned: makeTask(1, { status: 'abandoned' }),
  'timed-out': makeTask(1, { status: 'timed-out' }),
};

const events: { [K in TaskEvent['kind']]: TaskEventOf<K> } = {
  created: { ...base, kind: 'created', channel: 'chat', priority: 0, customerId: null, customerTier: null, requiredSkills: {}, preferredAgentId: null },
  offered: { ...base, kind: 'offered', agentId: A2, expiresAt: EXPIRES, reason: 'longest-idle' },
  accepted: { ...base, kind: 'accepted', agentId: A1 },
  declined: { ...base, kind: 'declined', agentId: A1 },
  'offer-timed-out': { ...base, at: EXPIRES, kind: 'offer-timed-out', agentId: A1 },
  assigned: { ...base, kind: 'assigned', agentId: A2, reason: 'supervisor' },
  transferred: { ...base, kind: 'transferred', agentId: A1, to: { kind: 'queue', queueId: Q2 } },
  'wrap-up': { ...base, kind: 'wrap-up', agentId: A1 },
  done: { ...base, kind: 'done', agentId: A1, disposition: 'resolved' },
  abandoned: { ...base, kind: 'abandoned', reason: 'hung up' },
  overflowed: { ...base, kind: 'overflowed', toQueueId: Q2 },
  'timed-out': { ...base, kind: 'timed-out' },
};

type Outcome = TaskStatus | TaskTransitionErrorCode;
const live = ['queued', 'offered', 'assigned', 'wrap-up'] as const;
/** For each event, the outcome in each live status: the status it leads to, or the refusal. */
const matrix: Record<TaskEvent['kind'], Record<(typeof live)[number], Outcome>> = {
  created: { queued: 'invalid-transition', offered: 'invalid-transition', assigned: 'invalid-transition', 'wrap-up': 'invalid-transition' },
  offered: { queued: 'offered', offered: 'invalid-transition', assigned: 'invalid-transition', 'wrap-up': 'invalid-transition' },
  accepted: { queued: 'not-your-offer', offered: 'assigned', assigned: 'not-your-offer', 'wrap-up': 'not-your-offer' },
  declined: { queued: 'not-your-offer', offered: 'queued', assigned: 'not-your-offer', 'wrap-up': 'not-your-offer' },
  'offer-timed-out': { queued: 'not-your-offer', offered: 'queued', assigned: 'not-your-offer', 'wrap-up': 'not-your-offer' },
  assigned: { queued: 'assigned', offered: 'assigned', assigned: 'invalid-transition', 'wrap-up': 'invalid-transition' },
  transferred: { queued: 'not-assigned', offered: 'not-assigned', assigned: 'queued', 'wrap-up': 'not-assigned' },
  'wrap-up': { queued: 'not-assigned', offered: 'not-assigned', assigned: 'wrap-up', 'wrap-up': 'not-assigned' },
  done: { queued: 'not-assigned', offered: 'not-assigned', assigned: 'not-assigned', 'wrap-up': 'done' },
  abandoned: { queued: 'abandoned', offered: 'abandoned', assigned: 'invalid-transition', 'wrap-up': 'invalid-transition' },
  overflowed: { queued: 'queued', offered: 'invalid-transition', assigned: 'invalid-transition', 'wrap-up': 'invalid-transition' },
  'timed-out': { queued: 'timed-out', offered: 'invalid-transition', assigned: 'invalid-transition', 'wrap-up': 'invalid-transition' },
};

const outcome = (task: Task, event: TaskEvent): Outcome => {
  const result = applyTaskEvent(task, event, QUEUES);
  return result.ok ? result.task.status : result.error.code;
};
const codeOf = (task: Task, event: TaskEvent) => {
  const result = applyTaskEvent(task, event, QUEUES);
  return result.ok ? 'ok' : result.error.code;
};
const step = (task: Task, event: TaskEvent): Task => {
  const result = applyTaskEvent(task, event, QUEUES);
  if (!result.ok) throw new Error(result.error.message);
  return result.task;
};

describe('applyTaskEvent: every event in every status', () => {
  for (const [kind, row] of Object.entries(matrix)) {
    for (const status of live) {
      it(`${kind} while ${status} → ${row[status]}`, () => {
        expect(outcome(inStatus[status], events[kind as TaskEvent['kind']])).toBe(row[status]);
      });
    }
    for (const status of ['done', 'abandoned', 'timed-out'] as const) {
      it(`${kind} once ${status} → already-done`, () => {
        expect(outcome(inStatus[status], events[kind as TaskEvent['kind']])).toBe('already-done');
      });
    }
  }
});

describe('applyTaskEvent: each refusal, and what each step records', () => {
  it('wrong-task: the event names another task, or the queue the task has left', () => {
    expect(codeOf(makeTask(1), { ...events.abandoned, taskId: taskId(2) })).toBe('wrong-task');
    expect(codeOf(makeTask(1, { queueId: Q2 }), events.abandoned)).toBe('wrong-task');
  });

  it('offer-expired: accept or decline at or after the expiry', () => {
    expect(codeOf(inStatus.offered, { ...events.accepted, at: EXPIRES - 1 })).toBe('ok');
    expect(codeOf(inStatus.offered, { ...events.accepted, at: EXPIRES })).toBe('offer-expired');
    expect(codeOf(inStatus.offered, { ...events.declined, at: EXPIRES + 5 })).toBe('offer-expired');
  });

  it("not-your-offer: someone else's offer, or an auto-accept for someone else", () => {
    expect(codeOf(inStatus.offered, { ...events.accepted, agentId: A2 })).toBe('not-your-offer');
    expect(codeOf(inStatus.offered, { ...events['offer-timed-out'], agentId: A2 })).toBe('not-your-offer');
    expect(codeOf(inStatus.offered, { ...base, kind: 'assigned', agentId: A2, reason: 'auto-accept' })).toBe('not-your-offer');
  });

  it('offer-still-open: a time-out before the expiry', () => {
    expect(codeOf(inStatus.offered, { ...events['offer-timed-out'], at: EXPIRES - 1 })).toBe('offer-still-open');
  });

  it('already-declined: no second offer to an agent who declined or missed the task', () => {
    const declined = step(inStatus.offered, events.declined);
    expect(codeOf(declined, { ...events.offered, agentId: A1 })).toBe('already-declined');
  });

  it('not-assigned: wrap-up, done or transfer by another agent', () => {
    expect(codeOf(inStatus.assigned, { ...events['wrap-up'], agentId: A2 })).toBe('not-assigned');
    expect(codeOf(inStatus['wrap-up'], { ...events.done, agentId: A2 })).toBe('not-assigned');
    expect(codeOf(inStatus.assigned, { ...events.transferred, agentId: A2 })).toBe('not-assigned');
  });

  it('self-transfer, unknown-queue, channel-not-served', () => {
    const toAgent = (id: string) => ({ ...events.transferred, to: { kind: 'agent' as const, agentId: id, expiresAt: EXPIRES } });
    expect(codeOf(inStatus.assigned, toAgent(A1))).toBe('self-transfer');
    const nowhere = { ...events.transferred, to: { kind: 'queue' as const, queueId: queueId(9) } };
    expect(codeOf(inStatus.assigned, nowhere)).toBe('unknown-queue');
    expect(codeOf(inStatus.queued, { ...events.overflowed, toQueueId: queueId(9) })).toBe('unknown-queue');
    const voiceOnly = { ...events.transferred, to: { kind: 'queue' as const, queueId: queueId(3) } };
    expect(codeOf(inStatus.assigned, voiceOnly)).toBe('channel-not-served');
    expect(codeOf(inStatus.queued, { ...events.overflowed, toQueueId: queueId(3) })).toBe('channel-not-served');
  });

  it('disposition-required and unknown-disposition, from the queue the task is in', () => {
    expect(codeOf(inStatus['wrap-up'], { ...events.done, disposition: null })).toBe('disposition-required');
    expect(codeOf(inStatus['wrap-up'], { ...events.done, disposition: 'lost' })).toBe('unknown-disposition');
    const inQ2 = makeTask(1, { status: 'wrap-up', assignedTo: A1, queueId: Q2 });
    expect(codeOf(inQ2, { ...events.done, queueId: Q2, disposition: null })).toBe('ok');
    expect(codeOf(inQ2, { ...events.done, queueId: Q2, disposition: 'resolved' })).toBe('unknown-disposition');
    const orphan = makeTask(1, { status: 'wrap-up', assignedTo: A1, queueId: queueId(9) });
    expect(codeOf(orphan, { ...events.done, queueId: queueId(9) })).toBe('unknown-queue');
  });

  it('invalid-transition: offers that expire before they are made, overflow into the same queue', () => {
    expect(codeOf(inStatus.queued, { ...events.offered, expiresAt: NOW })).toBe('invalid-transition');
    const stale = { ...events.transferred, to: { kind: 'agent' as const, agentId: A2, expiresAt: NOW } };
    expect(codeOf(inStatus.assigned, stale)).toBe('invalid-transition');
    expect(codeOf(inStatus.queued, { ...events.overflowed, toQueueId: Q1 })).toBe('invalid-transition');
  });

  it('decline and time-out re-queue the task and remember the agent', () => {
    for (const event of [events.declined, events['offer-timed-out']]) {
      expect(step(inStatus.offered, event)).toMatchObject({ status: 'queued', offeredTo: null, offerExpiresAt: null, declinedBy: [A1] });
    }
  });

  it('a transfer to a queue re-queues it there, with a fresh queue clock, never back to the sender', () => {
    expect(step(inStatus.assigned, { ...events.transferred, at: NOW + 7 })).toMatchObject({
      status: 'queued',
      queueId: Q2,
      queuedAt: NOW + 7,
      createdAt: inStatus.assigned.createdAt,
      assignedTo: null,
      declinedBy: [A1],
    });
  });

  it('a transfer to an agent offers it to them, even if they once declined it', () => {
    const task = { ...inStatus.assigned, declinedBy: [A2] };
    const event = { ...events.transferred, to: { kind: 'agent' as const, agentId: A2, expiresAt: EXPIRES } };
    expect(step(task, event)).toMatchObject({ status: 'offered', offeredTo: A2, offerExpiresAt: EXPIRES, assignedTo: null, declinedBy: [A1] });
  });

  it('overflow moves the task and restarts its queue clock', () => {
    expect(step(inStatus.queued, { ...events.overflowed, at: NOW + 9 })).toMatchObject({ status: 'queued', queueId: Q2, queuedAt: NOW + 9 });
  });

  it('a supervisor assignment withdraws a pending offer', () => {
    expect(step(inStatus.offered, events.assigned)).toMatchObject({ status: 'assigned', assignedTo: A2, offeredTo: null, offerExpiresAt: null });
  });

  it('a whole life: created, offered, declined, offered, accepted, wrap-up, done', () => {
    let task = taskFromCreated(events.created);
    expect(task).toMatchObject({ status: 'queued', createdAt: NOW, queuedAt: NOW, declinedBy: [] });
    task = step(task, { ...events.offered, agentId: A1 });
    task = step(task, events.declined);
    task = step(task, events.offered);
    task = step(task, { ...events.accepted, agentId: A2 });
    task = step(task, { ...events['wrap-up'], agentId: A2 });
    task = step(task, { ...events.done, agentId: A2 });
    expect(task).toMatchObject({ status: 'done', assignedTo: A2, disposition: 'resolved', declinedBy: [A1] });
    expect(TaskSchema.parse(task)).toEqual(task);
  });
});

describe('applyTaskEvent properties', () => {
  const agentArb = fc.constantFrom(A1, A2, agentId(3));
  const eventArb: fc.Arbitrary<(task: Task, at: number) => TaskEvent> = fc.oneof(
    agentArb.map((agentId) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'offered' as const, agentId, expiresAt: at + 30_000, reason: 'longest-idle' as const })),
    agentArb.map((agentId) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'accepted' as const, agentId })),
    agentArb.map((agentId) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'declined' as const, agentId })),
    agentArb.map((agentId) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'offer-timed-out' as const, agentId })),
    agentArb.map((agentId) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'assigned' as const, agentId, reason: 'auto-accept' as const })),
    fc.tuple(agentArb, fc.constantFrom(Q1, Q2, queueId(3))).map(([agentId, q]) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'transferred' as const, agentId, to: { kind: 'queue' as const, queueId: q } })),
    fc.tuple(agentArb, agentArb).map(([agentId, to]) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'transferred' as const, agentId, to: { kind: 'agent' as const, agentId: to, expiresAt: at + 20_000 } })),
    agentArb.map((agentId) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'wrap-up' as const, agentId })),
    fc.tuple(agentArb, fc.constantFrom(null, 'resolved', 'nope')).map(([agentId, disposition]) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'done' as const, agentId, disposition })),
    fc.constant((t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'abandoned' as const, reason: null })),
    fc.constantFrom(Q1, Q2).map((q) => (t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'overflowed' as const, toQueueId: q })),
    fc.constant((t: Task, at: number) => ({ at, taskId: t.id, queueId: t.queueId, kind: 'timed-out' as const })),
  );

  it('any sequence of events keeps a task valid and its fields consistent with its status', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(eventArb, fc.integer({ min: 0, max: 40_000 })), { maxLength: 30 }), (steps) => {
        let task = taskFromCreated(events.created);
        let at = NOW;
        for (const [make, gap] of steps) {
          at += gap;
          const before = structuredClone(task);
          const result = applyTaskEvent(task, make(task, at), QUEUES);
          expect(task).toEqual(before); // pure: the input task is never changed
          if (!result.ok) continue;
          task = result.task;
          expect(TaskSchema.safeParse(task).success).toBe(true);
          expect(task.status === 'offered').toBe(task.offeredTo !== null && task.offerExpiresAt !== null);
          if (task.status !== 'offered') expect([task.offeredTo, task.offerExpiresAt]).toEqual([null, null]);
          expect(['assigned', 'wrap-up', 'done'].includes(task.status)).toBe(task.assignedTo !== null);
          expect(new Set(task.declinedBy).size).toBe(task.declinedBy.length);
          expect(task.queuedAt).toBeGreaterThanOrEqual(task.createdAt);
        }
      }),
      { numRuns: 500 },
    );
  });
});

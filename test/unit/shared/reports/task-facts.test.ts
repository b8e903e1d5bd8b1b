import { describe, expect, it } from 'vitest';
import { emptyTally, type Tally } from '../../../../shared/reports/figures';
import { foldTask, type TaskFacts } from '../../../../shared/reports/task-facts';
import { A1, A2, HISTORY, Q1, Q2, T0, thresholdMs } from './history';

const fold = (name: string): TaskFacts => {
  const facts = foldTask(HISTORY[name] ?? [], thresholdMs);
  if (!facts) throw new Error(`${name} did not fold`);
  return facts;
};
const tally = (fields: Partial<Tally>): Tally => ({ ...emptyTally(), ...fields });
const parts = (facts: TaskFacts) => facts.parts.map((p) => ({ queueId: p.queueId, agentId: p.agentId, tally: p.tally }));

describe('foldTask', () => {
  it('counts an answered chat: wait to the accept, handling from the accept to done (wrap-up included)', () => {
    const facts = fold('a');
    expect(facts).toMatchObject({ arrivedAt: T0, channel: 'chat', customerId: 'c1', disposition: 'Resolved', done: { at: T0 + 100_000 } });
    expect(parts(facts)).toEqual([
      { queueId: Q1, agentId: A1, tally: tally({ entered: 1, answered: 1, answeredInTime: 1, waitMs: 10_000, handled: 1, handleMs: 90_000, done: 1 }) },
    ]);
  });

  it('counts an abandoned call and a timed-out one as abandoned waits with no agent', () => {
    expect(parts(fold('b'))).toEqual([{ queueId: Q1, agentId: null, tally: tally({ entered: 1, abandoned: 1 }) }]);
    expect(parts(fold('f'))).toEqual([{ queueId: Q1, agentId: null, tally: tally({ entered: 1, abandoned: 1 }) }]);
    expect(fold('b').done).toBeNull();
  });

  it('splits an overflowed, transferred call into one wait per queue, each against its own threshold', () => {
    const facts = fold('c');
    expect(facts.disposition).toBeNull();
    expect(parts(facts)).toEqual([
      { queueId: Q1, agentId: null, tally: tally({ entered: 1, overflowed: 1 }) },
      { queueId: Q2, agentId: A2, tally: tally({ entered: 1, answered: 1, answeredInTime: 1, waitMs: 30_000, handled: 1, handleMs: 30_000 }) },
      { queueId: Q1, agentId: A1, tally: tally({ entered: 1, answered: 1, waitMs: 30_000, handled: 1, handleMs: 60_000, done: 1 }) },
    ]);
    expect(facts.done?.part.queueId).toBe(Q1);
  });

  it('puts a task back in its queue when the colleague it was transferred to declines it', () => {
    expect(parts(fold('d'))).toEqual([
      {
        queueId: Q1,
        agentId: A1,
        tally: tally({ entered: 2, answered: 2, answeredInTime: 2, waitMs: 15_000, handled: 2, handleMs: 120_000, done: 1 }),
      },
    ]);
  });

  it('counts a task still waiting as entered only', () => {
    expect(parts(fold('e'))).toEqual([{ queueId: Q2, agentId: null, tally: tally({ entered: 1 }) }]);
  });

  it('counts an answer exactly at the threshold as in time', () => {
    const facts = foldTask(
      [
        { kind: 'created', at: T0, queueId: Q1, channel: 'sms', customerId: null },
        { kind: 'accepted', at: T0 + 20_000, queueId: Q1, agentId: A1 },
      ],
      thresholdMs,
    );
    expect(facts?.parts[0]?.tally).toMatchObject({ answered: 1, answeredInTime: 1, handled: 0 });
  });

  it('skips a task whose creation is missing', () => {
    expect(foldTask([{ kind: 'abandoned', at: T0, queueId: Q1 }], thresholdMs)).toBeNull();
    expect(foldTask([], thresholdMs)).toBeNull();
  });
});

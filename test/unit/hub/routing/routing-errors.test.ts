import { describe, expect, it } from 'vitest';
import { ErrorCodeSchema } from '../../../../shared/protocol/errors';
import type { TaskTransitionErrorCode } from '../../../../shared/routing';
import { agentStateRefusal, TASK_ERROR_CODES, taskRefusal } from '../../../../hub/routing/errors';

describe('routing refusals', () => {
  it('maps every lifecycle error to a code a desktop knows', () => {
    for (const code of Object.values(TASK_ERROR_CODES)) expect(ErrorCodeSchema.options).toContain(code);
  });

  it('tells an agent plainly that someone else’s offer is not theirs', () => {
    const refusal = taskRefusal({ code: 'not-your-offer', message: 'this offer is no longer yours' });
    expect(refusal.error.code).toBe('forbidden');
    expect(refusal.error.message).toContain('not offered to you');
  });

  it.each<[TaskTransitionErrorCode, string]>([
    ['offer-expired', 'conflict'],
    ['already-done', 'conflict'],
    ['not-assigned', 'forbidden'],
    ['unknown-queue', 'not-found'],
  ])('%s → %s', (code, expected) => {
    expect(taskRefusal({ code, message: 'x' }).error.code).toBe(expected);
  });

  it('points a bad disposition at the disposition field', () => {
    const refusal = taskRefusal({ code: 'unknown-disposition', message: '"x" is not a disposition of General' });
    expect(refusal.error).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'disposition' }] });
  });

  it('refuses an unknown away reason as a payload problem, a wrong transition as a conflict', () => {
    expect(agentStateRefusal({ code: 'unknown-reason', message: 'no' }).error).toMatchObject({
      code: 'invalid-payload',
      issues: [{ path: 'reasonCode' }],
    });
    expect(agentStateRefusal({ code: 'invalid-transition', message: 'no' }).error.code).toBe('conflict');
  });
});

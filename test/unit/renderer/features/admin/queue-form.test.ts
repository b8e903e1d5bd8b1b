import { describe, expect, it } from 'vitest';
import { draftFromQueue, newQueueDraft, overflowChoices, queueFromDraft, toggleChannel } from '../../../../../renderer/features/admin/queue-form';
import { BILLING, billingQueue, GENERAL, generalQueue } from './fixtures';

const errorsOf = (result: ReturnType<typeof queueFromDraft>) => {
  if (result.ok) throw new Error('expected problems');
  return result.errors;
};

describe('queue form', () => {
  it('gives back the same queue it was opened with, with and without business hours', () => {
    expect(queueFromDraft(draftFromQueue(generalQueue))).toEqual({ ok: true, value: generalQueue });
    expect(queueFromDraft(draftFromQueue(billingQueue))).toEqual({ ok: true, value: billingQueue });
  });

  it('takes the edits of a whole form', () => {
    const draft = draftFromQueue(generalQueue);
    const result = queueFromDraft({
      ...draft,
      maxWaitSec: ' 600 ',
      dispositions: [...draft.dispositions, '  Refund issued / 已退款 '],
      skills: [{ skill: ' billing ', level: 3 }],
      overflowQueueId: BILLING,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        ...generalQueue,
        maxWaitSec: 600,
        dispositions: [...generalQueue.dispositions, 'Refund issued / 已退款'],
        requiredSkills: { billing: 3 },
        overflowQueueId: BILLING,
      },
    });
  });

  it('starts a new queue with usual targets, and asks for a name and a channel', () => {
    const draft = newQueueDraft(GENERAL);
    expect(draft).toMatchObject({ serviceLevelPercent: '80', serviceLevelSeconds: '20', maxWaitSec: '900', overflowQueueId: '' });
    expect(draft.hours.alwaysOpen).toBe(true);
    const errors = errorsOf(queueFromDraft(draft));
    expect(errors.get('name')).toEqual({ kind: 'required' });
    expect(errors.get('channels')).toEqual({ kind: 'too-few', limit: 1 });
    expect(queueFromDraft({ ...draft, name: 'Sales', channels: ['call'] }).ok).toBe(true);
  });

  it('refuses numbers that are empty, not numbers, fractional or out of range', () => {
    const draft = draftFromQueue(generalQueue);
    expect(errorsOf(queueFromDraft({ ...draft, maxWaitSec: '' })).get('maxWaitSec')).toEqual({ kind: 'not-number' });
    expect(errorsOf(queueFromDraft({ ...draft, maxWaitSec: 'ten' })).get('maxWaitSec')).toEqual({ kind: 'not-number' });
    expect(errorsOf(queueFromDraft({ ...draft, maxWaitSec: '0' })).get('maxWaitSec')).toEqual({ kind: 'too-small', limit: 0, inclusive: false });
    expect(errorsOf(queueFromDraft({ ...draft, serviceLevelSeconds: '2.5' })).get('serviceLevel.seconds')).toEqual({ kind: 'not-whole' });
    expect(errorsOf(queueFromDraft({ ...draft, preferredAgentHoldSec: '601' })).get('preferredAgentHoldSec')).toEqual({ kind: 'too-big', limit: 600 });
  });

  it('marks a skill row named twice, and a badly written skill, on their rows', () => {
    const draft = draftFromQueue(generalQueue);
    const twice = errorsOf(queueFromDraft({ ...draft, skills: [{ skill: 'vip', level: 1 }, { skill: 'vip ', level: 3 }] }));
    expect([...twice]).toEqual([['skills.1', { kind: 'duplicate' }]]);
    const badName = errorsOf(queueFromDraft({ ...draft, skills: [{ skill: 'vip', level: 1 }, { skill: '-vip', level: 1 }] }));
    expect(badName.get('skills.1')).toEqual({ kind: 'format', hint: 'skill' });
  });

  it('marks a blank disposition row and repeated dispositions', () => {
    const draft = draftFromQueue(generalQueue);
    expect(errorsOf(queueFromDraft({ ...draft, dispositions: ['Sale', ' '] })).get('dispositions.1')).toEqual({ kind: 'required' });
    expect(errorsOf(queueFromDraft({ ...draft, dispositions: ['Sale', 'Sale '] })).get('dispositions')).toEqual({ kind: 'duplicate' });
  });

  it('checks the business hours with the queue', () => {
    const draft = draftFromQueue(billingQueue);
    const hours = { ...draft.hours, weekly: { ...draft.hours.weekly, tue: [{ open: '9:00', close: '18:00' }] } };
    expect(errorsOf(queueFromDraft({ ...draft, hours })).get('businessHours.weekly.tue.0.open')).toEqual({ kind: 'format', hint: 'time' });
  });

  it('keeps the contract’s channel order when ticking channels', () => {
    expect(toggleChannel(['email'], 'call', true)).toEqual(['call', 'email']);
    expect(toggleChannel(['call', 'chat', 'email'], 'chat', false)).toEqual(['call', 'email']);
  });

  it('offers every other queue as overflow', () => {
    expect(overflowChoices([generalQueue, billingQueue], GENERAL).map((queue) => queue.id)).toEqual([BILLING]);
  });
});

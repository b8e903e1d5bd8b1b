import { describe, expect, it } from 'vitest';
import { draftFromSettings, settingsFromDraft } from '../../../../../renderer/features/admin/settings-form';
import { DEFAULT_ROUTING_SETTINGS } from '../../../../../shared/protocol/admin';

const draft = () => draftFromSettings(DEFAULT_ROUTING_SETTINGS);
const errorsOf = (result: ReturnType<typeof settingsFromDraft>) => {
  if (result.ok) throw new Error('expected problems');
  return result.errors;
};

describe('routing settings form', () => {
  it('gives back the settings it was opened with', () => {
    expect(settingsFromDraft(draft())).toEqual({ ok: true, value: DEFAULT_ROUTING_SETTINGS });
  });

  it('takes a new away reason, its code tidied, and the offer settings', () => {
    const start = draft();
    const result = settingsFromDraft({
      ...start,
      awayReasons: [...start.awayReasons, { code: ' Coaching ', label: ' Coaching / 辅导 ' }],
      declineCountsAsMiss: true,
      offerTimeoutSec: { ...start.offerTimeoutSec, chat: '45' },
      agingPerMinute: '1.5',
    });
    if (!result.ok) throw new Error(JSON.stringify([...result.errors]));
    expect(result.value.awayReasons.at(-1)).toEqual({ code: 'coaching', label: 'Coaching / 辅导' });
    expect(result.value.declineCountsAsMiss).toBe(true);
    expect(result.value.policy.offerTimeoutSec.chat).toBe(45);
    expect(result.value.policy.priority.agingPerMinute).toBe(1.5);
  });

  it('marks the row that repeats a code or takes the hub’s own missed-offers code', () => {
    const start = draft();
    const twice = errorsOf(settingsFromDraft({ ...start, awayReasons: [...start.awayReasons, { code: 'LUNCH', label: 'Late lunch' }] }));
    expect([...twice]).toEqual([['awayReasons.4.code', { kind: 'duplicate' }]]);
    const reserved = errorsOf(settingsFromDraft({ ...start, awayReasons: [{ code: 'missed-offers', label: 'Missed' }] }));
    expect([...reserved]).toEqual([['awayReasons.0.code', { kind: 'reserved' }]]);
  });

  it('marks a repeated code even while another row is incomplete', () => {
    const start = draft();
    const errors = errorsOf(settingsFromDraft({ ...start, awayReasons: [...start.awayReasons, { code: 'break', label: '' }] }));
    expect(errors.get('awayReasons.4.code')).toEqual({ kind: 'duplicate' });
    expect(errors.get('awayReasons.4.label')).toEqual({ kind: 'required' });
  });

  it('marks a row without a label or code, and an empty list', () => {
    const start = draft();
    const errors = errorsOf(settingsFromDraft({ ...start, awayReasons: [...start.awayReasons, { code: '', label: '' }] }));
    expect(errors.get('awayReasons.4.label')).toEqual({ kind: 'required' });
    expect(errors.get('awayReasons.4.code')).toEqual({ kind: 'format', hint: 'away-code' });
    expect(errorsOf(settingsFromDraft({ ...start, awayReasons: [] })).get('awayReasons')).toEqual({ kind: 'too-few', limit: 1 });
  });

  it('marks priorities that make no sense', () => {
    const start = draft();
    expect(errorsOf(settingsFromDraft({ ...start, keyBoost: '30' })).get('policy.priority.keyBoost')).toEqual({ kind: 'key-above-vip' });
    expect(errorsOf(settingsFromDraft({ ...start, agingPerMinute: '0' })).get('policy.priority.agingPerMinute')).toEqual({
      kind: 'too-small',
      limit: 0,
      inclusive: false,
    });
    expect(errorsOf(settingsFromDraft({ ...start, offerTimeoutSec: { ...start.offerTimeoutSec, call: '' } })).get('policy.offerTimeoutSec.call')).toEqual({
      kind: 'not-number',
    });
  });
});

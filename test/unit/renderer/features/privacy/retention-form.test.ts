import { describe, expect, it } from 'vitest';
import { draftFromRetention, parseKeepDays, retentionFromDraft } from '../../../../../renderer/features/privacy/retention-form';

describe('parseKeepDays', () => {
  it('reads empty and 0 as kept forever', () => {
    expect(parseKeepDays('')).toBeNull();
    expect(parseKeepDays('  ')).toBeNull();
    expect(parseKeepDays('0')).toBeNull();
    expect(parseKeepDays('000')).toBeNull();
  });

  it('reads whole days from 1 to 36500 and refuses the rest', () => {
    expect(parseKeepDays(' 30 ')).toBe(30);
    expect(parseKeepDays('36500')).toBe(36_500);
    for (const typed of ['36501', '-1', '1.5', '3e2', 'thirty', '三十']) expect(parseKeepDays(typed), typed).toBeUndefined();
  });
});

describe('retentionFromDraft', () => {
  it('round-trips the settings through the form', () => {
    const settings = { recordings: 90, email: null, chat: 365, sms: 30 };
    expect(retentionFromDraft(draftFromRetention(settings))).toEqual({ ok: true, value: settings });
    expect(draftFromRetention(settings)).toEqual({ recordings: '90', email: '', chat: '365', sms: '30' });
  });

  it('marks every field that is not a number of days', () => {
    expect(retentionFromDraft({ recordings: 'abc', email: '10', chat: '99999', sms: '' })).toEqual({ ok: false, errors: { recordings: true, chat: true } });
  });
});

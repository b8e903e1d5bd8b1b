import { describe, expect, it } from 'vitest';
import { ValueSettingsSchema } from '../../../../../shared/protocol/customer-value';
import { draftFromSettings, settingsFromDraft } from '../../../../../renderer/features/customer-value/value-settings-form';

const DEFAULTS = ValueSettingsSchema.parse({});

describe('the value settings form', () => {
  it('shows shares and rates in percent and the points rule in yuan, and reads them back unchanged', () => {
    const draft = draftFromSettings(DEFAULTS);
    expect(draft).toMatchObject({ vipShare: '1', keyShare: '19', ordinaryShare: '30', discountRate: '10', loyaltyPerYuan: '10', loyaltyPoints: '1', rounding: 'down', tierWindowDays: '365' });
    expect(settingsFromDraft(draft)).toEqual({ ok: true, settings: DEFAULTS });
  });

  it('reads a changed rule in the settings’ own units', () => {
    const checked = settingsFromDraft({ ...draftFromSettings(DEFAULTS), vipShare: '2.5', discountRate: '8', loyaltyPerYuan: '1.5', rounding: 'nearest' });
    expect(checked.ok && checked.settings.tiers.shares.vip).toBe(0.025);
    expect(checked.ok && checked.settings.lifetimeValue.discountRate).toBe(0.08);
    expect(checked.ok && checked.settings.loyalty).toEqual({ perCents: 150, points: 1, rounding: 'nearest' });
  });

  it('names the fields that are not numbers or out of range', () => {
    expect(settingsFromDraft({ ...draftFromSettings(DEFAULTS), vipShare: 'lots', horizonPeriods: '2.5' })).toEqual({ ok: false, fields: ['vipShare', 'horizonPeriods'], rule: null });
    expect(settingsFromDraft({ ...draftFromSettings(DEFAULTS), horizonPeriods: '51' })).toEqual({ ok: false, fields: ['horizonPeriods'], rule: null });
  });

  it('refuses a rule across fields with its own words', () => {
    expect(settingsFromDraft({ ...draftFromSettings(DEFAULTS), vipShare: '50', keyShare: '40', ordinaryShare: '30' })).toEqual({ ok: false, fields: [], rule: 'shares' });
    expect(settingsFromDraft({ ...draftFromSettings(DEFAULTS), explorationDays: '400' })).toEqual({ ok: false, fields: [], rule: 'lifecycle' });
  });
});

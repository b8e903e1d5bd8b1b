import { describe, expect, it } from 'vitest';
import { draftFromSettings, settingsFromDraft } from '../../../../../renderer/features/surveys/survey-settings-form';
import { meanScores } from '../../../../../shared/reports/csat';
import { DEFAULT_SURVEY_SETTINGS } from '../../../../../shared/surveys/survey-rules';

describe('the Surveys tab form', () => {
  it('round-trips the settings through the draft', () => {
    const settings = { ...DEFAULT_SURVEY_SETTINGS, nps: true, delayMin: 30, publicUrl: 'https://hub.example.com' };
    expect(settingsFromDraft(draftFromSettings(settings))).toEqual({ ok: true, value: settings });
  });

  it('reads an empty address as "use the hub’s own"', () => {
    const draft = { ...draftFromSettings(DEFAULT_SURVEY_SETTINGS), publicUrl: '   ' };
    expect(settingsFromDraft(draft)).toMatchObject({ ok: true, value: { publicUrl: null } });
  });

  it('names each bad field once, with what would be right', () => {
    const draft = {
      ...draftFromSettings(DEFAULT_SURVEY_SETTINGS),
      delayMin: '1.5',
      expiryDays: '0',
      quietDays: 'soon',
      publicUrl: 'hub',
      smsTemplate: { en: 'no link here', zh: '{link}' },
    };
    const checked = settingsFromDraft(draft);
    expect(checked).toEqual({
      ok: false,
      errors: {
        delayMin: { kind: 'number', min: 0, max: 10080 },
        expiryDays: { kind: 'number', min: 1, max: 365 },
        quietDays: { kind: 'number', min: 0, max: 365 },
        publicUrl: { kind: 'url' },
        smsTemplate: { kind: 'template' },
      },
    });
  });
});

describe('report CSAT means', () => {
  it('averages per group and leaves out groups with no answers', () => {
    const means = meanScores(
      new Map([
        ['q1', { sum: 9, count: 2 }],
        ['q2', { sum: 0, count: 0 }],
      ]),
    );
    expect([...means]).toEqual([['q1', 4.5]]);
  });
});

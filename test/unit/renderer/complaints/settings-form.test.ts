import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_SETTINGS } from '../../../../shared/complaints/settings-defaults';
import { draftFromSettings, parseCategoryLines, parseRootCauseLines, settingsFromDraft } from '../../../../renderer/features/complaints/settings-form';

describe('the complaints admin form', () => {
  it('round-trips the settings through the draft unchanged', () => {
    const result = settingsFromDraft(draftFromSettings(DEFAULT_COMPLAINT_SETTINGS), DEFAULT_COMPLAINT_SETTINGS);
    expect(result).toEqual({ ok: true, value: DEFAULT_COMPLAINT_SETTINGS });
  });

  it('reads indented lines as sub-categories', () => {
    expect(parseCategoryLines('billing | Billing | 账单\n  billing.twice | Charged twice | 重复扣款\n\nother | Other | 其他')).toEqual({
      ok: true,
      value: [
        { code: 'billing', en: 'Billing', zh: '账单', children: [{ code: 'billing.twice', en: 'Charged twice', zh: '重复扣款' }] },
        { code: 'other', en: 'Other', zh: '其他', children: [] },
      ],
    });
  });

  it('names the line and what is wrong with it', () => {
    expect(parseCategoryLines('  orphan | O | 孤')).toEqual({ ok: false, problem: { kind: 'line', line: 1, reason: 'orphan' } });
    expect(parseCategoryLines('a | A | 甲\nb | B')).toEqual({ ok: false, problem: { kind: 'line', line: 2, reason: 'columns' } });
    expect(parseCategoryLines('a | A | 甲\n  a | A | 甲')).toEqual({ ok: false, problem: { kind: 'line', line: 2, reason: 'duplicate' } });
    expect(parseRootCauseLines('bad code | X | 乙')).toEqual({ ok: false, problem: { kind: 'line', line: 1, reason: 'code' } });
    expect(parseRootCauseLines('x |  | 乙')).toEqual({ ok: false, problem: { kind: 'line', line: 1, reason: 'label' } });
    expect(parseRootCauseLines('\n \n')).toEqual({ ok: false, problem: { kind: 'empty' } });
  });

  it('marks each bad hour, the percent and an empty template', () => {
    const draft = draftFromSettings(DEFAULT_COMPLAINT_SETTINGS);
    const result = settingsFromDraft(
      {
        ...draft,
        firstResponseHours: { ...draft.firstResponseHours, high: '0' },
        resolutionHours: { ...draft.resolutionHours, low: 'soon' },
        amberAtPercent: '100',
        templates: { ...draft.templates, resolve: { ...draft.templates.resolve, zh: { subject: '', body: ' ' } } },
      },
      DEFAULT_COMPLAINT_SETTINGS,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        'firstResponseHours.high': { kind: 'hours' },
        'resolutionHours.low': { kind: 'hours' },
        amberAtPercent: { kind: 'percent' },
        'templates.resolve.zh': { kind: 'template' },
      },
    });
  });

  it('saves new hours and amber point, keeping what the form does not show', () => {
    const draft = draftFromSettings(DEFAULT_COMPLAINT_SETTINGS);
    const result = settingsFromDraft({ ...draft, resolutionHours: { ...draft.resolutionHours, critical: '4' }, amberAtPercent: '75', resolutionBasis: 'elapsed' }, DEFAULT_COMPLAINT_SETTINGS);
    expect(result.ok && result.value.sla).toMatchObject({ resolution: { basis: 'elapsed', hours: { critical: 4 } }, amberAtPercent: 75 });
    expect(result.ok && result.value.escalation).toEqual(DEFAULT_COMPLAINT_SETTINGS.escalation);
  });
});

import { describe, expect, it } from 'vitest';
import type { FieldProblem, ProblemKind } from '../../../../../renderer/features/admin/field-errors';
import { problemAt, problemText } from '../../../../../renderer/features/admin/problem-text';
import { type MessageKey, type Params, translate } from '../../../../../renderer/i18n/translate';

const SAMPLES: Record<ProblemKind, FieldProblem> = {
  required: { kind: 'required' },
  choose: { kind: 'choose' },
  'too-long': { kind: 'too-long', limit: 80 },
  'too-few': { kind: 'too-few', limit: 2 },
  'too-many': { kind: 'too-many', limit: 50 },
  'too-small': { kind: 'too-small', limit: 0, inclusive: false },
  'too-big': { kind: 'too-big', limit: 600 },
  'not-number': { kind: 'not-number' },
  'not-whole': { kind: 'not-whole' },
  format: { kind: 'format', hint: 'time' },
  duplicate: { kind: 'duplicate' },
  taken: { kind: 'taken' },
  reserved: { kind: 'reserved' },
  'unknown-zone': { kind: 'unknown-zone' },
  'open-before-close': { kind: 'open-before-close' },
  'self-overflow': { kind: 'self-overflow' },
  'key-above-vip': { kind: 'key-above-vip' },
  'unknown-queue': { kind: 'unknown-queue' },
  'overflow-loop': { kind: 'overflow-loop' },
  'no-chat': { kind: 'no-chat' },
  'no-calls': { kind: 'no-calls' },
  'agent-extension': { kind: 'agent-extension' },
  'origin-line': { kind: 'origin-line', line: 3 },
  'hub-refused': { kind: 'hub-refused' },
};

describe('problemText', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
    it(`says every problem in ${locale}, with its limit or line`, () => {
      const texts = Object.values(SAMPLES).map((problem) => problemText(t, problem));
      for (const text of texts) expect(text).not.toMatch(/admin\.|\{/);
      expect(new Set(texts).size).toBe(texts.length);
      expect(problemText(t, SAMPLES['too-long'])).toContain('80');
      expect(problemText(t, SAMPLES['too-big'])).toContain('600');
      expect(problemText(t, SAMPLES['origin-line'])).toContain('3');
    });
  }

  it('shows the expected form for a format problem, and a plain sentence without a hint', () => {
    const t = (key: MessageKey, params?: Params) => translate('en', key, params);
    expect(problemText(t, { kind: 'format', hint: 'time' })).toContain('HH:MM');
    expect(problemText(t, { kind: 'format', hint: 'date' })).toContain('YYYY-MM-DD');
    expect(problemText(t, { kind: 'format', hint: null })).toBe('Not in the expected form.');
  });

  it('picks the first problem among a row’s paths', () => {
    const t = (key: MessageKey, params?: Params) => translate('en', key, params);
    const errors = new Map<string, FieldProblem>([['hours.0.close', { kind: 'format', hint: 'time' }]]);
    expect(problemAt(t, errors, ['hours.0', 'hours.0.open', 'hours.0.close'])).toContain('HH:MM');
    expect(problemAt(t, errors, ['hours.1'])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { formatPercent, formatSeconds, lineName, stepLabel } from '../../../../../renderer/features/reports/report-format';
import { type MessageKey, type Params, translate } from '../../../../../renderer/i18n/translate';
import type { ReportLine } from '../../../../../shared/protocol/reports';
import { emptyTally, figuresOf } from '../../../../../shared/reports/figures';

const en = (key: MessageKey, params?: Params) => translate('en', key, params);
const zh = (key: MessageKey, params?: Params) => translate('zh-CN', key, params);
const line = (key: string, label: string | null = null): ReportLine => ({ key, label, figures: figuresOf(emptyTally()), csat: null });

describe('lineName', () => {
  it('uses the hub\'s name for queues and agents', () => {
    expect(lineName(zh, 'queue', line('q1', 'General / 综合服务'))).toBe('General / 综合服务');
  });

  it('names channels and the empty groups in the supervisor\'s language', () => {
    expect(lineName(zh, 'channel', line('sms'))).toBe('短信');
    expect(lineName(en, 'channel', line('call'))).toBe('Call');
    expect(lineName(en, 'agent', line(''))).toBe('(not answered)');
    expect(lineName(zh, 'agent', line(''))).toBe('（未接通）');
    expect(lineName(zh, 'disposition', line(''))).toBe('（无）');
    expect(lineName(en, 'disposition', line('Sale / 成交'))).toBe('Sale / 成交');
  });
});

describe('figure formats', () => {
  it('shows percentages to one decimal and "—" where nothing was measured', () => {
    expect(formatPercent(en, 300 / 7, 'en')).toBe('42.9%');
    expect(formatPercent(zh, 100, 'zh-CN')).toBe('100%');
    expect(formatPercent(en, null, 'en')).toBe('—');
  });

  it('shows times as a call-centre clock', () => {
    expect(formatSeconds(en, 13.75)).toBe('0:14');
    expect(formatSeconds(en, 3723)).toBe('1:02:03');
    expect(formatSeconds(zh, null)).toBe('—');
  });

  it('labels chart steps in the report\'s zone', () => {
    // 16:00 UTC on 1 March is midnight on 2 March in Shanghai.
    const at = Date.UTC(2026, 2, 1, 16);
    expect(stepLabel(at, 'day', 'en', 'Asia/Shanghai', true)).toBe('3/2');
    expect(stepLabel(at, 'day', 'zh-CN', 'Asia/Shanghai', true)).toBe('3/2');
    expect(stepLabel(at, 'hour', 'en', 'Asia/Shanghai', false)).toBe('00:00');
    expect(stepLabel(at, 'hour', 'en', 'UTC', true)).toBe('3/1, 16:00');
  });
});

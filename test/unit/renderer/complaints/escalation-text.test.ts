import { describe, expect, it } from 'vitest';
import type { ComplaintEscalationNotice } from '../../../../shared/protocol/complaints';
import { escalationText } from '../../../../renderer/features/complaints/use-escalations';
import { type Translate, translate } from '../../../../renderer/i18n/translate';

const notice: ComplaintEscalationNotice = {
  key: 'k1',
  complaintId: '01HZZZZZZZZZZZZZZZABCDEFGH',
  customerId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
  customerName: 'Li Na',
  clock: 'resolution',
  reason: 'breach',
  level: 2,
  dueAt: null,
};

describe('escalation words', () => {
  it('name the complaint, the customer, the clock and the level, in both languages', () => {
    const en: Translate = (key, params) => translate('en', key, params);
    const zh: Translate = (key, params) => translate('zh-CN', key, params);
    expect(escalationText(en, notice)).toBe('CP-ABCDEFGH for Li Na: Resolution target breached (level 2).');
    expect(escalationText(en, { ...notice, clock: 'first-response', reason: 'warning', level: 1 })).toBe('CP-ABCDEFGH for Li Na: First response target is close (level 1).');
    expect(escalationText(zh, notice)).toBe('Li Na 的投诉 CP-ABCDEFGH：解决时限已超时（第 2 级）。');
  });
});

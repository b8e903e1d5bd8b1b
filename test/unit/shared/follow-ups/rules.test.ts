import { describe, expect, it } from 'vitest';
import { UlidSchema } from '../../../../shared/domain/ids';
import { DEFAULT_FOLLOW_UP_SETTINGS, FOLLOW_UP_RULES, FollowUpSettingsSchema, planRuleFollowUp, ruleFollowUpId } from '../../../../shared/follow-ups/rules';

const DAY = 86_400_000;
const AT = Date.UTC(2026, 10, 24, 9);

describe('planRuleFollowUp', () => {
  it('schedules a high-priority satisfaction check N days after a complaint is resolved', () => {
    expect(planRuleFollowUp('after-complaint', DEFAULT_FOLLOW_UP_SETTINGS, AT)).toEqual({
      kind: 'complaint-check',
      dueAt: AT + DEFAULT_FOLLOW_UP_SETTINGS.afterComplaint.days * DAY,
      priority: 'high',
      origin: 'after-complaint',
    });
    const sameDay = { ...DEFAULT_FOLLOW_UP_SETTINGS, afterComplaint: { enabled: true, days: 0 } };
    expect(planRuleFollowUp('after-complaint', sameDay, AT)?.dueAt).toBe(AT);
  });

  it('schedules a welcome call for a new VIP and a retention call on decline', () => {
    expect(planRuleFollowUp('new-vip', DEFAULT_FOLLOW_UP_SETTINGS, AT)).toMatchObject({ kind: 'welcome', origin: 'new-vip' });
    expect(planRuleFollowUp('decline', DEFAULT_FOLLOW_UP_SETTINGS, AT)).toMatchObject({ kind: 'retention', priority: 'normal', origin: 'decline' });
  });

  it('schedules nothing for a rule an administrator turned off', () => {
    for (const rule of FOLLOW_UP_RULES) {
      const off = { afterComplaint: { enabled: false, days: 1 }, newVip: { enabled: false, days: 1 }, decline: { enabled: false, days: 1 } };
      expect(planRuleFollowUp(rule, off, AT)).toBeNull();
    }
  });

  it('refuses settings out of range, with the field that is wrong', () => {
    const bad = FollowUpSettingsSchema.safeParse({ ...DEFAULT_FOLLOW_UP_SETTINGS, newVip: { enabled: true, days: 400 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['newVip', 'days']);
    expect(FollowUpSettingsSchema.safeParse({ ...DEFAULT_FOLLOW_UP_SETTINGS, extra: true }).success).toBe(false);
  });
});

describe('ruleFollowUpId', () => {
  it('is a valid ULID, the same for the same rule and subject', () => {
    const id = ruleFollowUpId('after-complaint', '01JCOMPLAINT0000000000000A');
    expect(UlidSchema.safeParse(id).success).toBe(true);
    expect(ruleFollowUpId('after-complaint', '01JCOMPLAINT0000000000000A')).toBe(id);
  });

  it('differs between rules, between subjects, and for subjects one character apart', () => {
    const ids = new Set<string>();
    for (const rule of FOLLOW_UP_RULES) {
      for (let n = 0; n < 500; n += 1) ids.add(ruleFollowUpId(rule, `01HCUSTOMER${String(n).padStart(15, '0')}`));
    }
    expect(ids.size).toBe(FOLLOW_UP_RULES.length * 500);
    expect(ruleFollowUpId('new-vip', 'A')).not.toBe(ruleFollowUpId('decline', 'A'));
  });
});

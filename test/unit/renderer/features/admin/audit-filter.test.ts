import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE, auditQueryOf, NO_FILTER, summaryText } from '../../../../../renderer/features/admin/audit-filter';

describe('the audit tab’s filter', () => {
  it('asks for a plain page when nothing is filled in, and continues from `before`', () => {
    expect(auditQueryOf(NO_FILTER)).toEqual({ limit: AUDIT_PAGE });
    expect(auditQueryOf(NO_FILTER, '01J0000000000000000000000Z')).toEqual({ limit: AUDIT_PAGE, before: '01J0000000000000000000000Z' });
  });

  it('takes the days in local time, the `to` day whole', () => {
    const query = auditQueryOf({ actor: ' admin ', action: 'admin:*', from: '2026-03-01', to: '2026-03-02' });
    expect(query).toMatchObject({ actor: 'admin', action: 'admin:*' });
    expect(query.from).toBe(new Date(2026, 2, 1).getTime());
    expect(query.to).toBe(new Date(2026, 2, 3).getTime());
  });

  it('leaves out a day that is not a date', () => {
    expect(auditQueryOf({ ...NO_FILTER, from: '2026-3-1' })).toEqual({ limit: AUDIT_PAGE });
  });

  it('writes a summary as key: value text', () => {
    expect(summaryText({ userId: 'U1', password: '[withheld]', disabled: true })).toBe('userId: U1 · password: [withheld] · disabled: true');
  });
});

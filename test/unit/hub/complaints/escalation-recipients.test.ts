import { describe, expect, it } from 'vitest';
import type { Escalation } from '../../../../shared/complaints/escalation';
import { recipientsOf } from '../../../../hub/complaints/escalation-scheduler';

const users = [
  { id: 'agent', role: 'agent' },
  { id: 'sup-a', role: 'supervisor' },
  { id: 'sup-b', role: 'supervisor' },
  { id: 'boss', role: 'admin' },
];
const escalation = (level: number, recipientId: string | null): Escalation => ({
  key: `c:first-response:80:${level}`,
  complaintId: 'c',
  clock: 'first-response',
  atPercent: 80,
  reason: 'warning',
  level,
  recipientId,
  topOfChain: false,
});

describe('who hears of an escalation', () => {
  it('is the chain’s member at the level, and every supervisor', () => {
    expect(recipientsOf(escalation(2, 'agent'), users)).toEqual(['agent', 'sup-a', 'sup-b']);
  });
  it('without a chain: every supervisor at level 1', () => {
    expect(recipientsOf(escalation(1, null), users)).toEqual(['sup-a', 'sup-b']);
  });
  it('without a chain: every administrator from level 2, and the supervisors', () => {
    expect(recipientsOf(escalation(2, null), users)).toEqual(['boss', 'sup-a', 'sup-b']);
  });
});

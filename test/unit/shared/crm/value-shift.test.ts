import { describe, expect, it } from 'vitest';
import { valueShifts } from '../../../../shared/crm/value-shift';

const ID = '01HZZZZZZZZZZZZZZZZZZZZZZZ';

describe('valueShifts', () => {
  it('a customer rising into VIP is a new VIP; one who was VIP already is not', () => {
    expect(valueShifts(ID, { tier: 'key', stage: 'stability' }, { tier: 'vip', stage: 'stability' })).toEqual([{ kind: 'became-vip', customerId: ID }]);
    expect(valueShifts(ID, { tier: 'vip', stage: 'stability' }, { tier: 'vip', stage: 'stability' })).toEqual([]);
  });

  it('a valuable customer sliding into decline calls for retention', () => {
    expect(valueShifts(ID, { tier: 'key', stage: 'stability' }, { tier: 'key', stage: 'decline' })).toEqual([{ kind: 'entered-decline', customerId: ID }]);
    expect(valueShifts(ID, { tier: 'vip', stage: 'formation' }, { tier: 'vip', stage: 'decline' })).toEqual([{ kind: 'entered-decline', customerId: ID }]);
  });

  it('small and ordinary customers in decline, customers already in decline, and first computations are left alone', () => {
    expect(valueShifts(ID, { tier: 'small', stage: 'stability' }, { tier: 'small', stage: 'decline' })).toEqual([]);
    expect(valueShifts(ID, { tier: 'ordinary', stage: 'stability' }, { tier: 'ordinary', stage: 'decline' })).toEqual([]);
    expect(valueShifts(ID, { tier: 'key', stage: 'decline' }, { tier: 'key', stage: 'decline' })).toEqual([]);
    expect(valueShifts(ID, { tier: 'key', stage: null }, { tier: 'key', stage: 'decline' })).toEqual([]);
  });

  it('a VIP newly made from a declining customer gets both calls', () => {
    expect(valueShifts(ID, { tier: 'key', stage: 'stability' }, { tier: 'vip', stage: 'decline' }).map((s) => s.kind)).toEqual(['became-vip', 'entered-decline']);
  });
});

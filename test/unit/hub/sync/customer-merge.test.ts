import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../../shared/domain/customer';
import { mergeCustomerPatch } from '../../../../hub/sync/mutations/customer-merge';

const customer: Customer = {
  id: '01HK153X00GCFZ7ZYJE20XT0GY',
  number: 'C000042',
  name: '王芳',
  company: '华信科技有限公司',
  tags: ['会员'],
  tier: 'key',
  createdAt: 1_000,
  updatedAt: 5_000,
};

describe('mergeCustomerPatch', () => {
  it('changes only the fields in the patch and bumps updatedAt to now', () => {
    const merged = mergeCustomerPatch(customer, { name: '王芳芳' }, 9_000);
    expect(merged).toEqual({ ...customer, name: '王芳芳', updatedAt: 9_000 });
  });

  it('lets two edits of different fields both survive', () => {
    const first = mergeCustomerPatch(customer, { company: null }, 6_000);
    const second = mergeCustomerPatch(first, { tags: ['批发'] }, 7_000);
    expect(second).toMatchObject({ name: '王芳', company: null, tags: ['批发'], updatedAt: 7_000 });
  });

  it('moves updatedAt forward even when the clock is behind', () => {
    expect(mergeCustomerPatch(customer, { name: 'x' }, 10).updatedAt).toBe(5_001);
  });

  it('stores an empty company as none and de-duplicates tags in order', () => {
    const merged = mergeCustomerPatch(customer, { company: '', tags: ['b2b', 'vip', 'b2b'] }, 9_000);
    expect(merged.company).toBeNull();
    expect(merged.tags).toEqual(['b2b', 'vip']);
  });

  it('does not modify its input', () => {
    const before = structuredClone(customer);
    mergeCustomerPatch(customer, { name: 'changed', tags: [] }, 9_000);
    expect(customer).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { editRequested } from '../../../../../renderer/features/customer360/profile-edit-request';

describe('opening a profile in edit on request', () => {
  const request = { customerId: 'c1', since: 1_000 };

  it('waits until the panel shows the customer as changed since the request', () => {
    expect(editRequested(request, { id: 'c1', updatedAt: 999 })).toBe(false);
    expect(editRequested(request, { id: 'c1', updatedAt: 1_000 })).toBe(true);
  });

  it('is for that customer only, and only while asked', () => {
    expect(editRequested(request, { id: 'c2', updatedAt: 5_000 })).toBe(false);
    expect(editRequested(null, { id: 'c1', updatedAt: 5_000 })).toBe(false);
  });
});

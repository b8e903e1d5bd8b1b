import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../renderer/sync/backoff';

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the ceiling', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1_000);
    expect(backoffDelay(3, () => 1)).toBe(8_000);
  });

  it('is capped', () => {
    expect(backoffDelay(20, () => 1)).toBe(30_000);
  });
});

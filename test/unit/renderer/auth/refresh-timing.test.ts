import { describe, expect, it } from 'vitest';
import { refreshDelay } from '../../../../renderer/auth/refresh-timing';

describe('refreshDelay', () => {
  it('renews a 15-minute token a minute before it expires', () => {
    expect(refreshDelay({ obtainedAt: 0, accessExpiresAt: 900_000 }, 0)).toBe(840_000);
  });

  it('keeps a fifth of a short token’s life as margin', () => {
    expect(refreshDelay({ obtainedAt: 0, accessExpiresAt: 10_000 }, 0)).toBe(8_000);
  });

  it('never schedules sooner than the floor, even for an expired token', () => {
    expect(refreshDelay({ obtainedAt: 0, accessExpiresAt: 10_000 }, 50_000)).toBe(1_000);
  });
});

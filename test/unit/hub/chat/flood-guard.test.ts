import { describe, expect, it } from 'vitest';
import { FloodGuard } from '../../../../hub/chat/flood-guard';

describe('flood guard', () => {
  it('lets a burst through, then one per refill, and says how long to wait', () => {
    let now = 0;
    const guard = new FloodGuard({ burst: 3, refillMs: 1_000 }, () => now);
    expect([guard.take('v'), guard.take('v'), guard.take('v')].every((take) => take.allowed)).toBe(true);
    expect(guard.take('v')).toEqual({ allowed: false, retryAfterSec: 1 });
    // Other keys have their own bucket.
    expect(guard.take('w').allowed).toBe(true);
    now = 1_000;
    expect(guard.take('v').allowed).toBe(true);
    expect(guard.take('v').allowed).toBe(false);
    now = 60_000;
    expect([guard.take('v'), guard.take('v'), guard.take('v'), guard.take('v')].map((take) => take.allowed)).toEqual([true, true, true, false]);
  });
});

/**
 * A token bucket per key: `burst` messages at once, then one every
 * `refillMs`. Visitors type fast in bursts; a script posting hundreds a
 * second is held back and told when to try again. Pure apart from the clock.
 */
export type BucketPolicy = { burst: number; refillMs: number };

/** Eight quick lines, then one a second. */
export const VISITOR_MESSAGES: BucketPolicy = { burst: 8, refillMs: 1_000 };
/** New chats per client address: ten at once, then one every minute. */
export const VISITOR_STARTS: BucketPolicy = { burst: 10, refillMs: 60_000 };

export type Take = { allowed: true } | { allowed: false; retryAfterSec: number };

/** Keys kept before idle (full) buckets are dropped. */
const SWEEP_AT = 10_000;

export class FloodGuard {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly policy: BucketPolicy,
    private readonly clock: () => number,
  ) {}

  take(key: string): Take {
    const now = this.clock();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      this.buckets.set(key, { tokens: bucket.tokens - 1, at: now });
      if (this.buckets.size > SWEEP_AT) this.sweep(now);
      return { allowed: true };
    }
    const waitMs = (1 - bucket.tokens) * this.policy.refillMs;
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private refilled(key: string, now: number): { tokens: number; at: number } {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.policy.burst, at: now };
    const tokens = Math.min(this.policy.burst, bucket.tokens + (now - bucket.at) / this.policy.refillMs);
    return { tokens, at: now };
  }

  private sweep(now: number): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.refilled(key, now).tokens >= this.policy.burst) this.buckets.delete(key);
    }
  }
}

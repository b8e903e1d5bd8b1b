/**
 * Slows password guessing: after `perUsername` failures for one username, or
 * `perAddress` failures from one address, within the window, further attempts
 * are refused until the oldest counted failure leaves the window. Pure apart
 * from the injected clock, and in memory: a restarted hub forgets, which is an
 * acceptable trade for a hub with no other moving parts.
 */
export type LimiterPolicy = { perUsername: number; perAddress: number; windowMs: number };

export const LOGIN_POLICY: LimiterPolicy = { perUsername: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterSec: number };

/** Keys kept before a sweep drops the ones whose failures have all expired. */
const SWEEP_AT = 10_000;

export class LoginLimiter {
  private readonly byUsername = new Map<string, number[]>();
  private readonly byAddress = new Map<string, number[]>();

  constructor(
    private readonly policy: LimiterPolicy,
    private readonly clock: () => number,
  ) {}

  check(username: string, address: string): LimitCheck {
    const now = this.clock();
    const waits = [
      this.waitMs(this.byUsername, username, this.policy.perUsername, now),
      this.waitMs(this.byAddress, address, this.policy.perAddress, now),
    ];
    const waitMs = Math.max(...waits);
    return waitMs > 0 ? { allowed: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) } : { allowed: true };
  }

  recordFailure(username: string, address: string): void {
    const now = this.clock();
    this.remember(this.byUsername, username, this.policy.perUsername, now);
    this.remember(this.byAddress, address, this.policy.perAddress, now);
  }

  /** The right password clears that username's count; the address keeps its count, it may be guessing other names. */
  recordSuccess(username: string): void {
    this.byUsername.delete(username);
  }

  /** Seconds the username must wait before it may try again (failures from any address count); 0 when it may now. */
  lockedForSec(username: string): number {
    const waitMs = this.waitMs(this.byUsername, username, this.policy.perUsername, this.clock());
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
  }

  /** An administrator vouches for the user (they called the help desk): the username's failures are forgotten. */
  unlock(username: string): void {
    this.byUsername.delete(username);
  }

  private waitMs(failures: Map<string, number[]>, key: string, max: number, now: number): number {
    const recent = this.recent(failures, key, now);
    if (recent.length < max) return 0;
    // Blocked until enough failures expire to drop below the limit.
    const freeing = recent[recent.length - max] ?? now;
    return freeing + this.policy.windowMs - now;
  }

  private remember(failures: Map<string, number[]>, key: string, max: number, now: number): void {
    const recent = this.recent(failures, key, now);
    recent.push(now);
    // Only the newest `max` failures can ever matter.
    failures.set(key, recent.slice(-max));
    if (failures.size > SWEEP_AT) this.sweep(failures, now);
  }

  private recent(failures: Map<string, number[]>, key: string, now: number): number[] {
    const since = now - this.policy.windowMs;
    return (failures.get(key) ?? []).filter((at) => at > since);
  }

  private sweep(failures: Map<string, number[]>, now: number): void {
    for (const key of [...failures.keys()]) {
      if (this.recent(failures, key, now).length === 0) failures.delete(key);
    }
  }
}

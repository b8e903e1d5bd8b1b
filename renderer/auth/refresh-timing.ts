/**
 * When to renew an access token: a safety margin before it expires (a fifth
 * of its life, at most a minute), never sooner than `minDelayMs`, so a very
 * short-lived token cannot make the desktop hammer the hub.
 */
export function refreshDelay(session: { accessExpiresAt: number; obtainedAt: number }, now: number, minDelayMs = 1_000): number {
  const lifetime = Math.max(0, session.accessExpiresAt - session.obtainedAt);
  const margin = Math.min(60_000, lifetime / 5);
  return Math.max(minDelayMs, session.accessExpiresAt - margin - now);
}

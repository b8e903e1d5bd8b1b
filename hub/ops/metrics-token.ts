import { createHash, timingSafeEqual } from 'node:crypto';

/** The shortest METRICS_TOKEN taken: the same floor as the hub's other secrets. */
export const METRICS_TOKEN_MIN_LENGTH = 32;

/**
 * METRICS_TOKEN: the bearer token Prometheus scrapes /metrics with (no user,
 * no expiry; kept in the env file). Null when unset: then only a signed-in
 * supervisor or admin reads the figures.
 */
export function metricsTokenFrom(env: Readonly<Record<string, string | undefined>>): string | null {
  const raw = env.METRICS_TOKEN?.trim();
  if (!raw) return null;
  if (raw.length < METRICS_TOKEN_MIN_LENGTH) throw new Error(`METRICS_TOKEN: must be at least ${METRICS_TOKEN_MIN_LENGTH} characters`);
  return raw;
}

/** Compared through digests: equal lengths for timingSafeEqual, and no early exit that tells how much of a guess was right. */
export function sameToken(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

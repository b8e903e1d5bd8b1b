/**
 * Delay before retry number `attempt` (0-based): exponential, capped, with
 * jitter so a room of desktops coming back after an outage does not push at
 * the same instant. `random` is injectable for tests.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 1_000, maxMs = 30_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** While the visitor keeps typing, "typing" is repeated this often (the hub forgets a typing mark that is not renewed). */
export const TYPING_RENEW_MS = 4_000;
/** Silence this long after the last keystroke means they stopped. */
export const TYPING_IDLE_MS = 3_000;

/** Runs `run` after `ms`; answers a function that cancels it. */
export type Schedule = (run: () => void, ms: number) => () => void;

/**
 * Turns keystrokes into a throttled typing signal: one "typing" at the start
 * and then at most one per TYPING_RENEW_MS, one "stopped" after a pause or
 * when the line is sent, never a message per key.
 */
export function createTypingSignal(send: (typing: boolean) => void, now: () => number = Date.now, schedule: Schedule = afterDelay) {
  let typing = false;
  let lastSentAt = 0;
  let cancelIdle: (() => void) | null = null;

  const stop = (): void => {
    cancelIdle?.();
    cancelIdle = null;
    if (!typing) return;
    typing = false;
    send(false);
  };

  const keystroke = (): void => {
    const at = now();
    if (!typing || at - lastSentAt >= TYPING_RENEW_MS) {
      typing = true;
      lastSentAt = at;
      send(true);
    }
    cancelIdle?.();
    cancelIdle = schedule(stop, TYPING_IDLE_MS);
  };

  return { keystroke, stop };
}

const afterDelay: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

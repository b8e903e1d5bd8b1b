import { describe, expect, it } from 'vitest';
import { createTypingSignal, TYPING_IDLE_MS, TYPING_RENEW_MS } from '../../../../shared/chat/typing-signal';

/** A hand-driven clock and timer queue, so the throttle is tested without waiting. */
function harness() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const sent: boolean[] = [];
  const signal = createTypingSignal(
    (typing) => sent.push(typing),
    () => now,
    (run, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return () => void timers.delete(id);
    },
  );
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= now) {
        timers.delete(id);
        timer.run();
      }
    }
  };
  return { signal, sent, advance };
}

describe('the visitor typing signal', () => {
  it('sends one "typing" for a burst of keys and "stopped" after a pause', () => {
    const { signal, sent, advance } = harness();
    for (let i = 0; i < 10; i += 1) {
      signal.keystroke();
      advance(100);
    }
    expect(sent).toEqual([true]);
    advance(TYPING_IDLE_MS);
    expect(sent).toEqual([true, false]);
  });

  it('renews "typing" at most once per renewal period while the visitor keeps typing', () => {
    const { signal, sent, advance } = harness();
    const keys = (TYPING_RENEW_MS * 3) / 250;
    for (let i = 0; i < keys; i += 1) {
      signal.keystroke();
      advance(250);
    }
    expect(sent).toEqual([true, true, true]);
  });

  it('says "stopped" at once when the line is sent, and only once', () => {
    const { signal, sent, advance } = harness();
    signal.keystroke();
    signal.stop();
    signal.stop();
    advance(TYPING_IDLE_MS * 2);
    expect(sent).toEqual([true, false]);
  });
});

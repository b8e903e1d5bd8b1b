import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutboxFlusher, type SendOutcome } from '../../../../renderer/sync/outbox-flusher';

/** An outbox of items, each answered by the next scripted outcome ('network' throws, as network trouble does). */
function outboxOf(items: string[], script: (SendOutcome | 'network')[]) {
  const sent: string[] = [];
  let connected = true;
  const flusher = createOutboxFlusher({
    connected: () => connected,
    stopped: () => false,
    sendNext: async () => {
      const item = items[0];
      if (item === undefined) return 'empty';
      const outcome = script.shift() ?? 'sent';
      if (outcome === 'network') throw new Error('no answer');
      items.shift();
      if (outcome === 'sent') sent.push(item);
      return outcome;
    },
  });
  return { flusher, sent, disconnect: () => (connected = false) };
}

describe('the outbox flusher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends in order; a refused item is passed over and the rest still go', async () => {
    const { flusher, sent } = outboxOf(['a', 'b', 'c'], ['sent', 'refused', 'sent']);
    await flusher.flush();
    expect(sent).toEqual(['a', 'c']);
  });

  it('keeps the item first in line after network trouble and tries again after a backoff', async () => {
    const items = ['a', 'b'];
    const { flusher, sent } = outboxOf(items, ['network', 'sent', 'sent']);
    await flusher.flush();
    expect(sent).toEqual([]);
    expect(items).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toEqual(['a', 'b']);
  });

  it('sends nothing on a retry once the socket is gone, and stop() cancels a pending retry', async () => {
    const first = outboxOf(['a'], ['network']);
    await first.flusher.flush();
    first.disconnect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(first.sent).toEqual([]);

    const second = outboxOf(['a'], ['network']);
    await second.flusher.flush();
    second.flusher.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(second.sent).toEqual([]);
  });

  it('joins a flush asked for while one runs, and sends what was queued meanwhile in the same run', async () => {
    const items = ['a'];
    const { flusher, sent } = outboxOf(items, []);
    const running = flusher.flush();
    items.push('b');
    const again = flusher.flush();
    expect(again).toBe(running);
    await running;
    expect(sent).toEqual(['a', 'b']);
  });
});

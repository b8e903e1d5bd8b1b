import { backoffDelay } from './backoff';

/** What sending the oldest waiting item came to: sent, refused by the hub (marked, the rest go on), or nothing left. */
export type SendOutcome = 'sent' | 'refused' | 'empty';

/**
 * Sends a desktop outbox (chat lines, SMS replies) strictly in the order it
 * was written, one item at a time, while the socket is up. `sendNext` sends
 * the oldest item not refused and throws on network trouble: that item stays
 * first in line and everything is tried again after a backoff. A flush asked
 * for while one runs makes that one go round again, so nothing queued in the
 * meantime waits for the next connection.
 */
export function createOutboxFlusher(deps: { connected: () => boolean; stopped: () => boolean; sendNext: () => Promise<SendOutcome> }) {
  let flushing: Promise<void> | null = null;
  let flushAgain = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  async function drain(): Promise<void> {
    while (deps.connected() && !deps.stopped()) {
      const outcome = await deps.sendNext();
      if (outcome === 'empty') return;
      if (outcome === 'sent') attempt = 0;
    }
  }

  function flush(): Promise<void> {
    if (flushing) {
      flushAgain = true;
      return flushing;
    }
    clearTimeout(retry);
    flushing = (async () => {
      try {
        do {
          flushAgain = false;
          await drain();
        } while (flushAgain);
      } catch {
        if (!deps.stopped() && deps.connected()) retry = setTimeout(() => void flush(), backoffDelay(attempt++));
      } finally {
        flushing = null;
      }
    })();
    return flushing;
  }

  return { flush, stop: () => clearTimeout(retry) };
}

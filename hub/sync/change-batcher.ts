import type { Change } from '../../shared/protocol/changes';

/**
 * How long committed changes wait to be sent together. Every `sync:changes`
 * is one frame written to every desktop: at 100 calls a second, each call's
 * caller and timeline item to 100 desktops were 20,000 frames a second. A
 * desktop sees a change this much later at most; what an agent must see at
 * once (an offer, the caller on the screen pop) travels in its own event.
 */
export const CHANGE_BATCH_MS = 25;

/**
 * Collects the changes committed within `windowMs` and hands them on as one
 * batch, in the order they were committed, so desktops still see seq order.
 */
export function batchChanges(send: (changes: Change[]) => void, windowMs = CHANGE_BATCH_MS): { add(changes: readonly Change[]): void; flush(): void } {
  let pending: Change[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    send(batch);
  };
  return {
    add(changes) {
      if (changes.length === 0) return;
      pending.push(...changes);
      timer ??= setTimeout(flush, windowMs);
    },
    /** Sends what is waiting now (the hub closing). */
    flush,
  };
}

export type Drain = ReturnType<typeof createDrain>;

/**
 * The socket events the hub is still answering. Shutdown closes the door
 * (new events are refused, and a desktop's outbox keeps them for the next
 * hub), then waits for the ones already received, up to a bound, before the
 * sockets and the store go: a mutation that arrived is applied and acked.
 */
export function createDrain() {
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;
  return {
    get closing(): boolean {
      return closing;
    },
    get inFlight(): number {
      return inFlight.size;
    },
    track<T>(work: () => Promise<T>): Promise<T> {
      const running = work();
      const settled = running.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(settled);
      void settled.then(() => inFlight.delete(settled));
      return running;
    },
    /** Refuses new work and waits for the running; false when `timeoutMs` ran out first. */
    async close(timeoutMs: number): Promise<boolean> {
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        return await Promise.race([Promise.all([...inFlight]).then(() => true), timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Runs this hub's write transactions one after another. The database already
 * serialises the seq counter, but a desktop must also *receive* changes in seq
 * order: holding the queue until the commit has been broadcast guarantees that
 * `sync:changes` leaves this hub in seq order. (Across several hubs the
 * desktop's gap check and pull cover the rest.)
 */
export type WriteQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function createWriteQueue(): WriteQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

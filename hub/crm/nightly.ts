import { nextNightlyRun } from './value-figures';

export type NightlySpec = {
  /** The hour, 0–23, in the hub's zone. */
  hour: number;
  timeZone: string;
  clock: () => number;
  /** Starts the night's run; reports its own failure (a failed night must not stop the next). */
  run: () => void;
  /** The run in progress at the stop, if any, settled or not. */
  inProgress: () => Promise<unknown>;
};

/**
 * A daily run at `hour`:00 in the hub's zone (the value recompute, the
 * cross-sell mining, the analysis snapshot), re-aimed after each run so a
 * change of daylight saving time lands on the wall-clock hour. Answers the
 * stop for shutdown: no further run, and it waits for one in progress.
 */
export function startNightly({ hour, timeZone, clock, run, inProgress }: NightlySpec): () => Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const now = clock();
    timer = setTimeout(() => {
      run();
      schedule();
    }, Math.max(1_000, nextNightlyRun(now, timeZone, hour) - now));
    timer.unref();
  };
  schedule();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await inProgress().catch(() => undefined);
  };
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startNightly } from '../../../../hub/crm/nightly';

const HOUR = 3_600_000;
// 01:00 in Shanghai (UTC+8): the 02:00 run is an hour away.
const START = Date.parse('2026-03-01T17:00:00Z');

describe('startNightly', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('runs at the hour in the hub’s zone, then every day at that hour', async () => {
    const run = vi.fn();
    const stop = startNightly({ hour: 2, timeZone: 'Asia/Shanghai', clock: Date.now, run, inProgress: () => Promise.resolve() });
    vi.advanceTimersByTime(HOUR - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(24 * HOUR - 1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
    await stop();
  });

  it('runs no more once stopped, and the stop waits for the run in progress, failed or not', async () => {
    const run = vi.fn();
    let fail: (error: Error) => void = () => undefined;
    const running = new Promise((_resolve, reject) => {
      fail = reject;
    });
    const stop = startNightly({ hour: 2, timeZone: 'Asia/Shanghai', clock: Date.now, run, inProgress: () => running });
    let stopped = false;
    const stopping = stop().then(() => {
      stopped = true;
    });
    for (let tick = 0; tick < 10; tick++) await Promise.resolve();
    expect(stopped).toBe(false);
    fail(new Error('the run failed'));
    await stopping;
    expect(stopped).toBe(true);
    vi.advanceTimersByTime(48 * HOUR);
    expect(run).not.toHaveBeenCalled();
  });
});

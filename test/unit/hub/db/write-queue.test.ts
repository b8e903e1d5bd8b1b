import { describe, expect, it } from 'vitest';
import { createWriteQueue } from '../../../../hub/db/write-queue';

describe('createWriteQueue', () => {
  it('runs tasks one at a time in the order they were queued', async () => {
    const queue = createWriteQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => () =>
      new Promise<string>((resolve) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          resolve(name);
        }, ms);
      });
    const results = await Promise.all([queue(task('a', 20)), queue(task('b', 1)), queue(task('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps going after a task fails, and reports the failure to its caller', async () => {
    const queue = createWriteQueue();
    const failed = queue(async () => {
      throw new Error('disk full');
    });
    const next = queue(async () => 'still runs');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('still runs');
  });
});

import { describe, expect, it } from 'vitest';
import { createDrain } from '../../../../hub/ops/drain';

/** A promise the test settles by hand. */
function gate<T>() {
  let open: (value: T) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('createDrain', () => {
  it('closes only once the work already started has settled, failures included', async () => {
    const drain = createDrain();
    const first = gate<string>();
    const second = gate<string>();
    const running = drain.track(() => first.promise);
    const failing = drain.track(() => second.promise).catch((error: unknown) => error);
    expect(drain.inFlight).toBe(2);

    let closed: boolean | null = null;
    const closing = drain.close(60_000).then((done) => {
      closed = done;
    });
    expect(drain.closing).toBe(true);
    first.open('applied');
    await expect(running).resolves.toBe('applied');
    await Promise.resolve();
    expect(closed).toBe(null);
    second.fail(new Error('store down'));
    await closing;
    expect(closed).toBe(true);
    expect(await failing).toBeInstanceOf(Error);
    expect(drain.inFlight).toBe(0);
  });

  it('answers false when the bound runs out first', async () => {
    const drain = createDrain();
    void drain.track(() => new Promise(() => undefined));
    expect(await drain.close(1)).toBe(false);
    expect(drain.inFlight).toBe(1);
  });

  it('closes at once with nothing running', async () => {
    expect(await createDrain().close(60_000)).toBe(true);
  });
});

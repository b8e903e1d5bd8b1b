import { describe, expect, it } from 'vitest';
import { createRandom, sfc32 } from '../../../../shared/demo/prng';

describe('demo PRNG', () => {
  it('repeats the same sequence for the same seed and stream, and differs otherwise', () => {
    const take = (seed: number, stream = 0) => {
      const random = createRandom(seed, stream);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(take(42, 1)).not.toEqual(take(42, 2));
  });

  it('is sfc32: its first outputs from a known state (guards against accidental edits)', () => {
    const next = sfc32(1, 2, 3, 4);
    expect(next() * 2 ** 32).toBe(7);
    expect(next() * 2 ** 32).toBe(34);
    expect(next()).toBeCloseTo(0.01318361610174179, 15);
  });

  it('stays in [0, 1) and spreads evenly enough', () => {
    const random = createRandom(7);
    const buckets = new Array<number>(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const value = random.next();
      if (value < 0 || value >= 1) outOfRange += 1;
      const bucket = Math.floor(value * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    expect(outOfRange).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('keeps 200k neighbouring streams apart (no shifted copies)', () => {
    // The first 3 outputs of each stream as one key: any overlap between streams would repeat a key.
    const keys = new Set<string>();
    for (let stream = 0; stream < 200_000; stream += 1) {
      const random = createRandom(20_240_601, stream);
      keys.add(`${random.next()}:${random.next()}:${random.next()}`);
    }
    expect(keys.size).toBe(200_000);
  });

  it('picks integers inclusively and by weight', () => {
    const random = createRandom(5);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i += 1) seen.add(random.int(1, 3));
    expect([...seen].sort()).toEqual([1, 2, 3]);
    let common = 0;
    for (let i = 0; i < 10_000; i += 1) if (random.weighted([['rare', 1], ['common', 9]] as const) === 'common') common += 1;
    expect(common).toBeGreaterThan(8_700);
    expect(common).toBeLessThan(9_300);
  });
});

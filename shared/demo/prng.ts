/**
 * A small seeded PRNG for demo data. Demo output must be identical for the same
 * seed on every machine and in every runtime (hub, bench, tests), so nothing
 * here may touch Math.random or the clock. Not for anything secret.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) rather than
 * mulberry32: each customer gets its own stream, and mulberry32's 32-bit
 * state makes 100k streams overlap (shifted copies), which duplicated whole
 * customers, ids included. sfc32's 128-bit state, started from (seed, stream)
 * directly, keeps streams apart.
 */
export function sfc32(a0: number, b0: number, c0: number, d0: number): () => number {
  let a = a0 | 0;
  let b = b0 | 0;
  let c = c0 | 0;
  let d = d0 | 0;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
}

/** Rounds discarded so nearby seeds (stream 41, 42…) no longer look alike. */
const WARM_UP = 16;

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight, e.g. `[['call', 30], ['email', 20]]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
};

/**
 * One stream per (seed, stream): e.g. one per customer, so any customer can be
 * generated without generating those before it, whatever the chunking.
 */
export function createRandom(seed: number, stream = 0): Random {
  const next = sfc32(0x9e3779b9, seed, stream, 1);
  for (let i = 0; i < WARM_UP; i += 1) next();
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries.at(-1);
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  };
  return { next, int, chance: (probability) => next() < probability, pick, weighted };
}

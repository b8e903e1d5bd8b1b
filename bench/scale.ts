/**
 * `BENCH_SCALE` shrinks every size for a quick run (0.05 seeds 5,000
 * customers instead of 100,000); the default, 1, is the full benchmark.
 */
export const BENCH_SCALE = parseScale(process.env.BENCH_SCALE);

function parseScale(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1) throw new Error(`BENCH_SCALE=${raw}: must be a number in (0, 1]`);
  return value;
}

/** `full` at scale 1, never below `min`. */
export const scaled = (full: number, min = 1): number => Math.max(min, Math.round(full * BENCH_SCALE));

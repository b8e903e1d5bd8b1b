/** Percentile by nearest rank over a copy; benchmarks report p50/p95/p99 this one way. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export function summary(samples: readonly number[]) {
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
  };
}

/** One JSON line per figure, so runs can be diffed and plotted without parsing prose. */
export function report(bench: string, figures: Record<string, unknown>): string {
  const line = `${JSON.stringify({ bench, at: new Date().toISOString(), ...figures })}\n`;
  process.stdout.write(line);
  return line;
}

/**
 * Customer satisfaction comes from survey answers (hub/surveys/). A report
 * asks its CsatSource for a mean score per group; NO_SURVEYS stands in where
 * no answers can exist (tests of the figures alone).
 */
export type CsatSource = {
  /** False: the column shows "—" with a note that surveys are not collected yet. Read after `scores`. */
  readonly collected: boolean;
  /** Mean score (1–5) per group key over surveys of tasks that arrived in [start, end); groups without answers are left out. */
  scores(range: { start: number; end: number }, groupBy: 'queue' | 'agent' | 'channel' | 'disposition'): Promise<ReadonlyMap<string, number>>;
};

export const NO_SURVEYS: CsatSource = {
  collected: false,
  scores: async () => new Map(),
};

/** Mean per group from sums and counts; groups with no answers are left out. Pure. */
export function meanScores(sums: ReadonlyMap<string, { sum: number; count: number }>): Map<string, number> {
  const means = new Map<string, number>();
  for (const [key, { sum, count }] of sums) if (count > 0) means.set(key, sum / count);
  return means;
}

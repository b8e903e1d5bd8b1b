/**
 * Customer satisfaction comes from survey answers, which the product does not
 * collect yet. A report asks its CsatSource for a mean score per group; when
 * surveys arrive, a source that reads them replaces NO_SURVEYS and the column
 * fills in with no other change.
 */
export type CsatSource = {
  /** False: the column shows "—" with a note that surveys are not collected yet. */
  readonly collected: boolean;
  /** Mean score (1–5) per group key over surveys of tasks that arrived in [start, end); groups without answers are left out. */
  scores(range: { start: number; end: number }, groupBy: 'queue' | 'agent' | 'channel' | 'disposition'): Promise<ReadonlyMap<string, number>>;
};

export const NO_SURVEYS: CsatSource = {
  collected: false,
  scores: async () => new Map(),
};

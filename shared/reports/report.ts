import type { ReportGroup, ReportLine, ReportPoint } from '../protocol/reports';
import { addTally, emptyTally, figuresOf, type Tally } from './figures';
import { intervalIndex } from './range';
import type { RollupRow } from './rollup';

/** The dimension of a row a report groups by. */
export function groupKey(row: Pick<RollupRow, 'queueId' | 'agentId' | 'channel' | 'disposition'>, groupBy: ReportGroup): string {
  switch (groupBy) {
    case 'queue':
      return row.queueId;
    case 'agent':
      return row.agentId;
    case 'channel':
      return row.channel;
    case 'disposition':
      return row.disposition;
  }
}

/** Sums by group and by bucket, the two shapes a report is drawn from (the hub gets the rollup's part from SQL already summed). */
export type ReportSums = { byGroup: Map<string, Tally>; byBucket: Map<number, Tally> };

export const emptySums = (): ReportSums => ({ byGroup: new Map(), byBucket: new Map() });

function addInto<K>(map: Map<K, Tally>, key: K, tally: Tally): void {
  const into = map.get(key);
  if (into) addTally(into, tally);
  else map.set(key, addTally(emptyTally(), tally));
}

export function addRows(sums: ReportSums, rows: Iterable<RollupRow>, groupBy: ReportGroup): ReportSums {
  for (const row of rows) {
    addInto(sums.byGroup, groupKey(row, groupBy), row.tally);
    addInto(sums.byBucket, row.bucket, row.tally);
  }
  return sums;
}

export function mergeSums(into: ReportSums, from: ReportSums): ReportSums {
  for (const [key, tally] of from.byGroup) addInto(into.byGroup, key, tally);
  for (const [bucket, tally] of from.byBucket) addInto(into.byBucket, bucket, tally);
  return into;
}

export type ReportInputs = {
  sums: ReportSums;
  /** Names the desktop cannot know (queues, agents); other keys get a null label. */
  label: (key: string) => string | null;
  /** The chart's interval starts, ascending (shared/reports/range.ts). */
  intervals: readonly number[];
  csat: ReadonlyMap<string, number>;
};

/** Lines sorted by volume (then label), the totals line and the chart series. */
export function buildReport({ sums, label, intervals, csat }: ReportInputs): { lines: ReportLine[]; totals: ReportLine; series: ReportPoint[] } {
  const total = emptyTally();
  const lines: ReportLine[] = [];
  for (const [key, tally] of sums.byGroup) {
    addTally(total, tally);
    lines.push({ key, label: label(key), figures: figuresOf(tally), csat: csat.get(key) ?? null });
  }
  lines.sort((a, b) => b.figures.offered - a.figures.offered || (a.label ?? a.key).localeCompare(b.label ?? b.key));
  const perInterval = intervals.map(() => emptyTally());
  for (const [bucket, tally] of sums.byBucket) {
    if (intervals.length === 0 || bucket < (intervals[0] as number)) continue;
    addTally(perInterval[intervalIndex(intervals, bucket)] as Tally, tally);
  }
  const series = intervals.map((start, i): ReportPoint => {
    const f = figuresOf(perInterval[i] as Tally);
    return { start, offered: f.offered, answered: f.answered, abandoned: f.abandoned, serviceLevel: f.serviceLevel };
  });
  return { lines, totals: { key: '', label: null, figures: figuresOf(total), csat: null }, series };
}

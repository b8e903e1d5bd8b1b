import type { Tier } from '../../domain/customer';
import type { LifecycleStage } from '../lifecycle-stage';

/**
 * The customer list's filter turned into a query plan (issue 7): what the
 * hub's query builder (hub/crm/analysis/customer-list.ts) needs and nothing
 * it has to work out again. Kept pure so the rules — which ranges are real
 * filters, how tags combine, how a page continues — are tested without a store.
 */

export type RfmRange = { min: number; max: number };
export type CustomerFilter = {
  tiers: Tier[];
  stages: LifecycleStage[];
  recency?: RfmRange | undefined;
  frequency?: RfmRange | undefined;
  monetary?: RfmRange | undefined;
  tags: string[];
  tagMode: 'all' | 'any';
  /** true: only customers with an open complaint; false: only those without; absent: both. */
  openComplaints?: boolean | undefined;
};

export type CustomerSort = 'profit' | 'clv' | 'lastOrder' | 'name' | 'number';
export type SortDirection = 'asc' | 'desc';

/** Where the next page starts: the last row's sort value and id (ids break ties, so no row is skipped or shown twice). */
export type ListCursor = { value: number | string; id: string };

export type RfmColumn = 'rfm_r' | 'rfm_f' | 'rfm_m';

export type CustomerListPlan = {
  tiers: Tier[] | null;
  stages: LifecycleStage[] | null;
  /** Only ranges that exclude something: 1–5 on a score is no filter, and would drop customers with no orders. */
  rfm: { column: RfmColumn; min: number; max: number }[];
  tags: { mode: 'all' | 'any'; values: string[] } | null;
  openComplaints: boolean | null;
  sort: CustomerSort;
  direction: SortDirection;
  /** Numeric sorts read the value as a number; name and number as text. */
  sortKind: 'number' | 'text';
  after: ListCursor | null;
  /** One more than the page, so the hub knows whether a next page exists. */
  fetch: number;
  limit: number;
};

export class ListCursorError extends Error {
  readonly code = 'invalid-cursor';
  constructor(detail: string) {
    super(`the list cursor is not one this list gave: ${detail}`);
    this.name = 'ListCursorError';
  }
}

const SORT_KIND: Record<CustomerSort, 'number' | 'text'> = { profit: 'number', clv: 'number', lastOrder: 'number', name: 'text', number: 'text' };

export const encodeCursor = (cursor: ListCursor): string => JSON.stringify([cursor.value, cursor.id]);

/** Reads a cursor back; it must match the sort it was made for (a text value for a number sort is a stale or forged cursor). */
export function decodeCursor(raw: string, sort: CustomerSort): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ListCursorError('not JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string' || parsed[1] === '') throw new ListCursorError('expected [value, id]');
  const value: unknown = parsed[0];
  const kind = SORT_KIND[sort];
  if (kind === 'number' ? typeof value !== 'number' || !Number.isFinite(value) : typeof value !== 'string') {
    throw new ListCursorError(`the value does not belong to the ${sort} sort`);
  }
  return { value: value as number | string, id: parsed[1] };
}

const dedupe = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** The plan for one page. `after` is the cursor string the previous page answered. Throws ListCursorError for a bad cursor. */
export function planCustomerList(
  filter: CustomerFilter,
  page: { sort: CustomerSort; direction: SortDirection; after?: string | undefined; limit: number },
): CustomerListPlan {
  const rfm: CustomerListPlan['rfm'] = [];
  const ranges: [RfmColumn, RfmRange | undefined][] = [
    ['rfm_r', filter.recency],
    ['rfm_f', filter.frequency],
    ['rfm_m', filter.monetary],
  ];
  for (const [column, range] of ranges) {
    if (range && (range.min > 1 || range.max < 5)) rfm.push({ column, min: range.min, max: range.max });
  }
  const tags = dedupe(filter.tags.map((tag) => tag.trim()).filter((tag) => tag !== ''));
  return {
    tiers: filter.tiers.length > 0 ? dedupe(filter.tiers) : null,
    stages: filter.stages.length > 0 ? dedupe(filter.stages) : null,
    rfm,
    tags: tags.length > 0 ? { mode: filter.tagMode, values: tags } : null,
    openComplaints: filter.openComplaints ?? null,
    sort: page.sort,
    direction: page.direction,
    sortKind: SORT_KIND[page.sort],
    after: page.after === undefined ? null : decodeCursor(page.after, page.sort),
    fetch: page.limit + 1,
    limit: page.limit,
  };
}

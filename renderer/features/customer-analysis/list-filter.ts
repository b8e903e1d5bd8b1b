import type { Tier } from '../../../shared/domain/customer';
import type { LifecycleStage } from '../../../shared/crm/lifecycle-stage';
import type { CustomerListRequest } from '../../../shared/protocol/customer-analysis';
import type { CustomerFilterInput } from './analysis-client';

/** The list form as typed: scores as 1–5 selects, tags as one comma-separated field. */
export type ListForm = {
  tiers: Tier[];
  stages: LifecycleStage[];
  recency: [number, number];
  frequency: [number, number];
  monetary: [number, number];
  tags: string;
  tagMode: 'any' | 'all';
  complaints: 'either' | 'open' | 'none';
  sort: NonNullable<CustomerListRequest['sort']>;
  direction: 'asc' | 'desc';
};

export const EMPTY_FORM: ListForm = {
  tiers: [],
  stages: [],
  recency: [1, 5],
  frequency: [1, 5],
  monetary: [1, 5],
  tags: '',
  tagMode: 'any',
  complaints: 'either',
  sort: 'profit',
  direction: 'desc',
};

/** Tags as the customer archive writes them: commas (either width) or the Chinese enumeration comma separate them. */
export const splitTags = (text: string): string[] => [...new Set(text.split(/[,，、]/).map((tag) => tag.trim()).filter((tag) => tag !== ''))];

const range = ([min, max]: [number, number]) => (min === 1 && max === 5 ? undefined : { min: Math.min(min, max), max: Math.max(min, max) });

/** The hub's filter from the form; a full 1–5 range and "either" are no filter at all. */
export function filterOf(form: ListForm): CustomerFilterInput {
  const filter: CustomerFilterInput = { tiers: form.tiers, stages: form.stages, tags: splitTags(form.tags), tagMode: form.tagMode };
  const r = range(form.recency);
  const f = range(form.frequency);
  const m = range(form.monetary);
  if (r) filter.recency = r;
  if (f) filter.frequency = f;
  if (m) filter.monetary = m;
  if (form.complaints !== 'either') filter.openComplaints = form.complaints === 'open';
  return filter;
}

export const toggle = <T>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

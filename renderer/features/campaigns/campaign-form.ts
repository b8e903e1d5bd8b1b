import type { CampaignFilter } from '../../../shared/campaigns/campaign';
import type { Tier } from '../../../shared/domain/customer';

export const TIERS: readonly Tier[] = ['vip', 'key', 'ordinary', 'small'];
export const STAGES = ['exploration', 'formation', 'stability', 'decline'] as const;
export type Stage = (typeof STAGES)[number];

/** The supervisor's form as typed: days and tags are text until the filter is drawn from them. */
export type CampaignDraft = {
  name: string;
  queueId: string;
  tiers: Tier[];
  stages: Stage[];
  complaintDays: string;
  lastOrderDays: string;
  tags: string;
  maxAttempts: string;
  retryAfterMinutes: string;
};

export const emptyDraft = (queueId = ''): CampaignDraft => ({
  name: '',
  queueId,
  tiers: [],
  stages: [],
  complaintDays: '',
  lastOrderDays: '',
  tags: '',
  maxAttempts: '3',
  retryAfterMinutes: '60',
});

/** Whole days from 0, or nothing; anything else is a mistake to show beside the field. */
function days(text: string): number | undefined | 'bad' {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d{1,4}$/.test(trimmed)) return 'bad';
  return Number(trimmed);
}

export type DraftProblem = 'complaintDays' | 'lastOrderDays' | 'maxAttempts' | 'retryAfterMinutes';

/** The filter the form describes, or which fields are wrong. Tags split on commas (either width, as typed in Chinese). */
export function filterOf(draft: CampaignDraft): { ok: true; filter: CampaignFilter } | { ok: false; problems: DraftProblem[] } {
  const complaint = days(draft.complaintDays);
  const lastOrder = days(draft.lastOrderDays);
  const problems: DraftProblem[] = [];
  if (complaint === 'bad') problems.push('complaintDays');
  if (lastOrder === 'bad') problems.push('lastOrderDays');
  if (problems.length > 0 || complaint === 'bad' || lastOrder === 'bad') return { ok: false, problems };
  const tags = [...new Set(draft.tags.split(/[,，]/).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  return {
    ok: true,
    filter: {
      tiers: draft.tiers,
      stages: draft.stages,
      tags,
      ...(complaint === undefined ? {} : { hasOpenComplaintOlderThanDays: complaint }),
      ...(lastOrder === undefined ? {} : { lastOrderBeforeDays: lastOrder }),
    },
  };
}

/** The retry rules as numbers, within the hub's bounds (1–10 attempts, 1 minute to 7 days apart). */
export function rulesOf(draft: CampaignDraft): { ok: true; maxAttempts: number; retryAfterMinutes: number } | { ok: false; problems: DraftProblem[] } {
  const attempts = Number(draft.maxAttempts);
  const minutes = Number(draft.retryAfterMinutes);
  const problems: DraftProblem[] = [];
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 10) problems.push('maxAttempts');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) problems.push('retryAfterMinutes');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, maxAttempts: attempts, retryAfterMinutes: minutes };
}

export const toggle = <T>(list: readonly T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

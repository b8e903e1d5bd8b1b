import { z } from 'zod';
import { TierSchema } from '../domain/customer';
import { EpochMsSchema, UlidSchema } from '../domain/ids';

/**
 * Outbound campaigns (issue 7): a supervisor draws a call list from a
 * customer filter and hands it to a team (a queue); its agents work the list
 * one customer at a time in preview mode. Pure: the list's rules live here,
 * the hub (hub/campaigns/) only stores and claims.
 */

export const LifecycleStageSchema = z.enum(['exploration', 'formation', 'stability', 'decline']);

/** Who goes on the list. Every condition given must hold (AND); an empty list of tiers or stages means any. */
export const CampaignFilterSchema = z.object({
  tiers: z.array(TierSchema).max(4).default([]),
  stages: z.array(LifecycleStageSchema).max(4).default([]),
  /** Customers with a complaint still open (not resolved or closed) that was opened at least this many days ago. */
  hasOpenComplaintOlderThanDays: z.number().int().min(0).max(3650).optional(),
  /** Customers whose last order is at least this many days old (or who never ordered). */
  lastOrderBeforeDays: z.number().int().min(0).max(3650).optional(),
  /** Customers carrying every one of these tags. */
  tags: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
});
export type CampaignFilter = z.infer<typeof CampaignFilterSchema>;

export const CampaignStatusSchema = z.enum(['draft', 'running', 'paused', 'done']);
export type CampaignStatus = z.infer<typeof CampaignStatusSchema>;

export const CampaignSchema = z.object({
  id: UlidSchema,
  name: z.string().min(1).max(120),
  /** The team that works the list: its members are the agents of this queue. */
  queueId: UlidSchema,
  status: CampaignStatusSchema,
  filter: CampaignFilterSchema,
  maxAttempts: z.number().int().min(1).max(10),
  retryAfterMinutes: z.number().int().min(1).max(10_080),
  createdBy: UlidSchema,
  createdAt: EpochMsSchema,
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const CAMPAIGN_OUTCOMES = ['reached', 'no-answer', 'busy', 'wrong-number', 'do-not-contact', 'callback-requested'] as const;
export const CampaignOutcomeSchema = z.enum(CAMPAIGN_OUTCOMES);
export type CampaignOutcome = z.infer<typeof CampaignOutcomeSchema>;

export const EntryStatusSchema = z.enum(['pending', 'in-progress', 'done', 'do-not-contact', 'exhausted']);
export type EntryStatus = z.infer<typeof EntryStatusSchema>;

export const CampaignEntrySchema = z.object({
  campaignId: UlidSchema,
  customerId: UlidSchema,
  /** The customer's first phone (E.164) when the list was drawn; null: email or SMS instead. */
  phone: z.string().nullable(),
  status: EntryStatusSchema,
  attempts: z.number().int().nonnegative(),
  lastOutcome: CampaignOutcomeSchema.nullable(),
  /** When a pending entry may be tried again (retries); null: at once. */
  nextTryAt: EpochMsSchema.nullable(),
  /** The agent holding it (in progress) or who last worked it. */
  agentId: UlidSchema.nullable(),
});
export type CampaignEntry = z.infer<typeof CampaignEntrySchema>;

/** Outcomes that end an entry whatever the attempts; the rest ask for another try until the attempts run out. */
const FINAL: Partial<Record<CampaignOutcome, EntryStatus>> = {
  reached: 'done',
  'wrong-number': 'done',
  'do-not-contact': 'do-not-contact',
};

/**
 * Where an entry goes after an attempt. A retry (no answer, busy, a callback
 * asked for) waits `retryAfterMinutes`; the `maxAttempts`-th attempt without
 * a final outcome leaves the entry exhausted. The attempt counts either way.
 */
export function nextState(entry: CampaignEntry, outcome: CampaignOutcome, now: number, campaign: Pick<Campaign, 'maxAttempts' | 'retryAfterMinutes'>): CampaignEntry {
  const attempts = entry.attempts + 1;
  const final = FINAL[outcome];
  const base = { ...entry, attempts, lastOutcome: outcome };
  if (final) return { ...base, status: final, nextTryAt: null };
  if (attempts >= campaign.maxAttempts) return { ...base, status: 'exhausted', nextTryAt: null };
  return { ...base, status: 'pending', nextTryAt: now + campaign.retryAfterMinutes * 60_000 };
}

/** Whether an entry is open to an agent now. */
export const isCallable = (entry: Pick<CampaignEntry, 'status' | 'nextTryAt'>, now: number): boolean =>
  entry.status === 'pending' && (entry.nextTryAt === null || entry.nextTryAt <= now);

export type CampaignProgress = {
  total: number;
  pending: number;
  inProgress: number;
  /** Finished: done, do-not-contact or exhausted. */
  finished: number;
  reached: number;
  /** Reached as a whole percentage of the entries tried at least once; null before any attempt. */
  reachedPct: number | null;
  /** Finished as a whole percentage of the list; 0 for an empty list. */
  finishedPct: number;
  byOutcome: Record<CampaignOutcome, number>;
  /** Per agent: entries worked (with an outcome) and reached. */
  byAgent: { agentId: string; worked: number; reached: number }[];
};

/** The supervisor's figures, folded from the entries themselves (never kept as loose counters). */
export function progressOf(entries: readonly Pick<CampaignEntry, 'status' | 'lastOutcome' | 'agentId' | 'attempts'>[]): CampaignProgress {
  const byOutcome = Object.fromEntries(CAMPAIGN_OUTCOMES.map((o) => [o, 0])) as Record<CampaignOutcome, number>;
  const agents = new Map<string, { agentId: string; worked: number; reached: number }>();
  let pending = 0;
  let inProgress = 0;
  let tried = 0;
  for (const entry of entries) {
    if (entry.status === 'pending') pending += 1;
    if (entry.status === 'in-progress') inProgress += 1;
    if (entry.attempts > 0) tried += 1;
    if (entry.lastOutcome) {
      byOutcome[entry.lastOutcome] += 1;
      if (entry.agentId) {
        const agent = agents.get(entry.agentId) ?? { agentId: entry.agentId, worked: 0, reached: 0 };
        agent.worked += 1;
        if (entry.lastOutcome === 'reached') agent.reached += 1;
        agents.set(entry.agentId, agent);
      }
    }
  }
  const total = entries.length;
  const finished = total - pending - inProgress;
  const reached = byOutcome.reached;
  return {
    total,
    pending,
    inProgress,
    finished,
    reached,
    reachedPct: tried === 0 ? null : Math.round((reached / tried) * 100),
    finishedPct: total === 0 ? 0 : Math.round((finished / total) * 100),
    byOutcome,
    byAgent: [...agents.values()].sort((a, b) => b.worked - a.worked || a.agentId.localeCompare(b.agentId)),
  };
}

/** The filter's day thresholds as instants: a complaint opened at or before, an order last placed before. */
export function filterCutoffs(filter: CampaignFilter, now: number): { complaintOpenedBy: number | null; lastOrderBefore: number | null } {
  const day = 86_400_000;
  return {
    complaintOpenedBy: filter.hasOpenComplaintOlderThanDays === undefined ? null : now - filter.hasOpenComplaintOlderThanDays * day,
    lastOrderBefore: filter.lastOrderBeforeDays === undefined ? null : now - filter.lastOrderBeforeDays * day,
  };
}

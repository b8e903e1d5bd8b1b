import { z } from 'zod';
import {
  type Campaign,
  CampaignFilterSchema,
  CampaignOutcomeSchema,
  type CampaignProgress,
  type CampaignStatus,
} from '../campaigns/campaign';
import { UlidSchema } from '../domain/ids';

/**
 * Outbound campaigns on the wire (hub/campaigns/): supervisors draw and steer
 * lists; agents claim the next customer and file each attempt's outcome.
 * Live requests, not mutations: claiming must be decided by the hub at once.
 */

export const CampaignCreateSchema = z.object({
  name: z.string().trim().min(1, 'a campaign needs a name').max(120),
  queueId: UlidSchema,
  filter: CampaignFilterSchema,
  maxAttempts: z.number().int().min(1).max(10).default(3),
  retryAfterMinutes: z.number().int().min(1).max(10_080).default(60),
});
export type CampaignCreate = z.input<typeof CampaignCreateSchema>;

/** How many customers a filter matches now (do-not-contact customers left out), for the form's live count. */
export const CampaignPreviewSchema = z.object({ filter: CampaignFilterSchema });
export type CampaignPreviewAnswer = { matches: number };

export type CampaignCreateAnswer = { campaign: Campaign; entries: number };

export const CampaignRefSchema = z.object({ campaignId: UlidSchema });

/** A campaign as listed to supervisors: the record, its team's name and its figures. */
export type CampaignListItem = { campaign: Campaign; queueName: string; progress: CampaignProgress };

/** `progress` with the agents' names beside their ids. */
export type CampaignProgressAnswer = CampaignListItem & { agentNames: Record<string, string> };

/** Answered to `campaign:start` / `campaign:pause`. */
export type CampaignStatusAnswer = { campaignId: string; status: CampaignStatus };

/** The next customer for me: from a running campaign of a queue I am in, claimed for me alone. null: nothing to call now. */
export const CampaignNextSchema = z.object({ campaignId: UlidSchema.optional() });
export type CampaignClaim = {
  campaignId: string;
  campaignName: string;
  customerId: string;
  phone: string | null;
  /** Attempts before this one. */
  attempts: number;
  maxAttempts: number;
};
export type CampaignNextAnswer = { claim: CampaignClaim | null };

export const CampaignOutcomeRequestSchema = z.object({
  campaignId: UlidSchema,
  customerId: UlidSchema,
  outcome: CampaignOutcomeSchema,
  note: z.string().trim().max(2000).default(''),
});
export type CampaignOutcomeRequest = z.input<typeof CampaignOutcomeRequestSchema>;

/** Where the entry went: pending again (with when), done, do-not-contact or exhausted. */
export type CampaignOutcomeAnswer = { status: 'pending' | 'done' | 'do-not-contact' | 'exhausted'; nextTryAt: number | null; attempts: number };

/** My claimed entries (a reload of the desk finds the customer it was working). */
export type CampaignMineAnswer = { claims: CampaignClaim[] };

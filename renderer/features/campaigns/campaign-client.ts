import { z } from 'zod';
import { CAMPAIGN_OUTCOMES, type CampaignProgress, CampaignSchema } from '../../../shared/campaigns/campaign';
import type {
  CampaignClaim,
  CampaignCreate,
  CampaignCreateAnswer,
  CampaignListItem,
  CampaignOutcomeAnswer,
  CampaignOutcomeRequest,
  CampaignPreviewAnswer,
  CampaignProgressAnswer,
  CampaignStatusAnswer,
} from '../../../shared/protocol/campaigns';
import type { CampaignFilter } from '../../../shared/campaigns/campaign';
import { type AdminResult, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';

const CountsSchema = z.object(Object.fromEntries(CAMPAIGN_OUTCOMES.map((o) => [o, z.number().int()])) as Record<(typeof CAMPAIGN_OUTCOMES)[number], z.ZodNumber>);

const ProgressSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  inProgress: z.number().int(),
  finished: z.number().int(),
  reached: z.number().int(),
  reachedPct: z.number().nullable(),
  finishedPct: z.number(),
  byOutcome: CountsSchema,
  byAgent: z.array(z.object({ agentId: z.string(), worked: z.number().int(), reached: z.number().int() })),
}) satisfies z.ZodType<CampaignProgress>;

const ListItemSchema = z.object({ campaign: CampaignSchema, queueName: z.string(), progress: ProgressSchema }) satisfies z.ZodType<CampaignListItem>;
const ProgressAnswerSchema = ListItemSchema.extend({ agentNames: z.record(z.string(), z.string()) }) satisfies z.ZodType<CampaignProgressAnswer>;

const ClaimSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  customerId: z.string(),
  phone: z.string().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
}) satisfies z.ZodType<CampaignClaim>;

const OutcomeAnswerSchema = z.object({
  status: z.enum(['pending', 'done', 'do-not-contact', 'exhausted']),
  nextTryAt: z.number().nullable(),
  attempts: z.number().int(),
}) satisfies z.ZodType<CampaignOutcomeAnswer>;

/**
 * Campaigns happen live: a claim is the hub's to decide at once (two agents
 * must never get the same customer), so nothing here waits in the outbox;
 * offline the panels say so.
 */
export function createCampaignClient(socket: HubSocket, timeoutMs = 15_000) {
  const call = createLiveCaller(socket, timeoutMs);
  return {
    preview: (filter: CampaignFilter): Promise<AdminResult<CampaignPreviewAnswer>> =>
      call('campaign:preview', (s) => s.emitWithAck('campaign:preview', { filter }), z.object({ matches: z.number().int() })),
    create: (request: CampaignCreate): Promise<AdminResult<CampaignCreateAnswer>> =>
      call('campaign:create', (s) => s.emitWithAck('campaign:create', request), z.object({ campaign: CampaignSchema, entries: z.number().int() })),
    list: (): Promise<AdminResult<CampaignListItem[]>> => call('campaign:list', (s) => s.emitWithAck('campaign:list', {}), z.array(ListItemSchema)),
    progress: (campaignId: string): Promise<AdminResult<CampaignProgressAnswer>> =>
      call('campaign:progress', (s) => s.emitWithAck('campaign:progress', { campaignId }), ProgressAnswerSchema),
    setRunning: (campaignId: string, running: boolean): Promise<AdminResult<CampaignStatusAnswer>> => {
      const event = running ? 'campaign:start' : 'campaign:pause';
      return call(event, (s) => s.emitWithAck(event, { campaignId }), z.object({ campaignId: z.string(), status: CampaignSchema.shape.status }));
    },
    next: (): Promise<AdminResult<{ claim: CampaignClaim | null }>> =>
      call('campaign:next', (s) => s.emitWithAck('campaign:next', {}), z.object({ claim: ClaimSchema.nullable() })),
    mine: (): Promise<AdminResult<{ claims: CampaignClaim[] }>> => call('campaign:mine', (s) => s.emitWithAck('campaign:mine', {}), z.object({ claims: z.array(ClaimSchema) })),
    outcome: (request: CampaignOutcomeRequest): Promise<AdminResult<CampaignOutcomeAnswer>> =>
      call('campaign:outcome', (s) => s.emitWithAck('campaign:outcome', request), OutcomeAnswerSchema),
  };
}

export type CampaignClient = ReturnType<typeof createCampaignClient>;

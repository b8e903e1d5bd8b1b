import type { Kysely } from 'kysely';
import { type Campaign, type CampaignEntry, type CampaignFilter, type CampaignStatus, nextState, progressOf } from '../../shared/campaigns/campaign';
import type { Interaction } from '../../shared/domain/interaction';
import type { User } from '../../shared/domain/user';
import type { Change } from '../../shared/protocol/changes';
import type {
  CampaignClaim,
  CampaignCreateAnswer,
  CampaignCreateSchema,
  CampaignListItem,
  CampaignOutcomeAnswer,
  CampaignOutcomeRequestSchema,
  CampaignProgressAnswer,
  CampaignStatusAnswer,
} from '../../shared/protocol/campaigns';
import type { Clock } from '../clock';
import { commitInQueue } from '../db/commit-changes';
import { insertInteractions } from '../db/interaction-queries';
import { findProfile, listQueues } from '../db/routing-queries';
import type { Database, Queryable } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { newId } from '../ids';
import { refuse } from '../sync/refusal';
import {
  callableEntries,
  campaignEntries,
  claimEntry,
  countMatching,
  findCampaign,
  findEntry,
  firstPhones,
  flagDoNotContact,
  heldEntries,
  insertEntries,
  listCampaigns,
  matchingCustomers,
  openEntryCount,
  saveCampaign,
  saveEntry,
} from './campaign-store';
import type { z } from 'zod';

export type CampaignServiceDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  /** Sends committed changes (the outcome notes on the timelines) to the desktops. */
  broadcast: (changes: Change[]) => void;
};

/** Entries looked at per claim round: a few, so a lost race tries the next without reading the whole list. */
const CLAIM_WINDOW = 5;

/**
 * Outbound campaigns (issue 7): lists drawn from a filter, worked by a team
 * in preview mode. Every change runs in the write queue and one transaction;
 * only outcome notes reach the desktops' cache (as timeline interactions).
 */
export function createCampaignService(deps: CampaignServiceDeps) {
  const { db, writeQueue, clock, broadcast } = deps;

  const commit = commitInQueue({ db, writeQueue, broadcast });

  async function requireCampaign(trx: Queryable, id: string): Promise<Campaign> {
    const campaign = await findCampaign(trx, id);
    if (!campaign) throw refuse('not-found', 'No such campaign.');
    return campaign;
  }

  async function preview(filter: CampaignFilter): Promise<{ matches: number }> {
    return { matches: await countMatching(db, filter, clock()) };
  }

  async function create(user: User, request: z.output<typeof CampaignCreateSchema>): Promise<CampaignCreateAnswer> {
    return commit(async (trx) => {
      const queues = await listQueues(trx);
      if (!queues.some((queue) => queue.id === request.queueId)) {
        throw refuse('not-found', 'No such team (queue) to work the campaign.', { issues: [{ path: 'queueId', message: 'unknown queue' }] });
      }
      const now = clock();
      const ids = await matchingCustomers(trx, request.filter, now);
      const phones = await firstPhones(trx, ids);
      const campaign: Campaign = {
        id: newId(now),
        name: request.name,
        queueId: request.queueId,
        status: 'draft',
        filter: request.filter,
        maxAttempts: request.maxAttempts,
        retryAfterMinutes: request.retryAfterMinutes,
        createdBy: user.id,
        createdAt: now,
      };
      await saveCampaign(trx, campaign);
      await insertEntries(trx, campaign.id, ids.map((customerId) => ({ customerId, phone: phones.get(customerId) ?? null })), now);
      return { result: { campaign, entries: ids.length }, drafts: [] };
    });
  }

  async function listItem(campaign: Campaign, queueNames: ReadonlyMap<string, string>): Promise<CampaignListItem> {
    return { campaign, queueName: queueNames.get(campaign.queueId) ?? campaign.queueId, progress: progressOf(await campaignEntries(db, campaign.id)) };
  }

  async function list(): Promise<CampaignListItem[]> {
    const names = new Map((await listQueues(db)).map((queue) => [queue.id, queue.name]));
    const items: CampaignListItem[] = [];
    for (const campaign of await listCampaigns(db)) items.push(await listItem(campaign, names));
    return items;
  }

  async function progress(campaignId: string): Promise<CampaignProgressAnswer> {
    const campaign = await requireCampaign(db, campaignId);
    const item = await listItem(campaign, new Map((await listQueues(db)).map((queue) => [queue.id, queue.name])));
    const ids = item.progress.byAgent.map((agent) => agent.agentId);
    const users = ids.length === 0 ? [] : await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
    return { ...item, agentNames: Object.fromEntries(users.map((u) => [u.id, u.display_name])) };
  }

  /** draft or paused → running; running → paused. A finished campaign stays finished. */
  async function setStatus(campaignId: string, to: 'running' | 'paused'): Promise<CampaignStatusAnswer> {
    return commit(async (trx) => {
      const campaign = await requireCampaign(trx, campaignId);
      const allowed: readonly CampaignStatus[] = to === 'running' ? ['draft', 'paused', 'running'] : ['running', 'paused'];
      if (!allowed.includes(campaign.status)) {
        throw refuse('conflict', `The campaign is ${campaign.status}; it cannot be ${to === 'running' ? 'started' : 'paused'}.`, {
          issues: [{ path: 'campaignId', message: `status ${campaign.status}` }],
        });
      }
      await saveCampaign(trx, { ...campaign, status: to });
      return { result: { campaignId, status: to }, drafts: [] };
    });
  }

  const claimOf = (campaign: Campaign, entry: CampaignEntry): CampaignClaim => ({
    campaignId: campaign.id,
    campaignName: campaign.name,
    customerId: entry.customerId,
    phone: entry.phone,
    attempts: entry.attempts,
    maxAttempts: campaign.maxAttempts,
  });

  async function mine(user: User): Promise<{ claims: CampaignClaim[] }> {
    const claims: CampaignClaim[] = [];
    for (const entry of await heldEntries(db, user.id)) {
      const campaign = await findCampaign(db, entry.campaignId);
      if (campaign) claims.push(claimOf(campaign, entry));
    }
    return { claims };
  }

  /**
   * The next customer for an agent. One already held comes back first (an
   * outcome is owed before another: there is no skip). Otherwise the oldest
   * running campaign of the agent's queues with a callable entry gives one.
   */
  async function next(user: User, request: { campaignId?: string | undefined }): Promise<{ claim: CampaignClaim | null }> {
    return commit<{ claim: CampaignClaim | null }>(async (trx) => {
      const now = clock();
      for (const entry of await heldEntries(trx, user.id)) {
        if (request.campaignId !== undefined && entry.campaignId !== request.campaignId) continue;
        const campaign = await findCampaign(trx, entry.campaignId);
        if (campaign) return { result: { claim: claimOf(campaign, entry) }, drafts: [] };
      }
      const profile = await findProfile(trx, user.id);
      const running = (await listCampaigns(trx, { status: 'running', queueIds: profile?.queueIds ?? [] }))
        .filter((c) => request.campaignId === undefined || c.id === request.campaignId)
        .reverse();
      if (request.campaignId !== undefined && running.length === 0) {
        const asked = await requireCampaign(trx, request.campaignId);
        if (!profile?.queueIds.includes(asked.queueId)) throw refuse('forbidden', 'This campaign belongs to a team you are not in.');
      }
      for (const campaign of running) {
        for (;;) {
          const candidates = await callableEntries(trx, campaign.id, now, CLAIM_WINDOW);
          if (candidates.length === 0) break;
          for (const entry of candidates) {
            if (await claimEntry(trx, entry, user.id, now)) {
              return { result: { claim: claimOf(campaign, { ...entry, status: 'in-progress', agentId: user.id }) }, drafts: [] };
            }
          }
        }
      }
      return { result: { claim: null }, drafts: [] };
    });
  }

  const noteText = (campaign: Campaign, outcome: string, note: string): string =>
    `Campaign "${campaign.name}": ${outcome}${note === '' ? '' : ` — ${note}`}`;

  async function outcome(user: User, request: z.output<typeof CampaignOutcomeRequestSchema>): Promise<CampaignOutcomeAnswer> {
    return commit(async (trx) => {
      const campaign = await requireCampaign(trx, request.campaignId);
      const entry = await findEntry(trx, request.campaignId, request.customerId);
      if (!entry) throw refuse('not-found', 'This customer is not on the campaign list.');
      if (entry.status !== 'in-progress' || entry.agentId !== user.id) {
        throw refuse('conflict', 'This customer is not yours to call now: ask for the next customer first.', {
          issues: [{ path: 'customerId', message: `entry ${entry.status}${entry.agentId && entry.agentId !== user.id ? ' (another agent)' : ''}` }],
        });
      }
      const now = clock();
      const after = nextState(entry, request.outcome, now, campaign);
      await saveEntry(trx, after, now);
      if (request.outcome === 'do-not-contact') await flagDoNotContact(trx, entry.customerId, user.id, campaign.id, now);
      const interaction: Interaction = {
        id: newId(now),
        customerId: entry.customerId,
        occurredAt: now,
        agentId: user.id,
        channel: 'note',
        text: noteText(campaign, request.outcome, request.note),
      };
      await insertInteractions(trx, [interaction]);
      // The last entry worked finishes the campaign.
      if (campaign.status === 'running' && (await openEntryCount(trx, campaign.id)) === 0) await saveCampaign(trx, { ...campaign, status: 'done' });
      const status = after.status === 'in-progress' ? 'pending' : after.status;
      return { result: { status, nextTryAt: after.nextTryAt, attempts: after.attempts }, drafts: [{ entity: 'interaction', op: 'put', data: interaction }] };
    });
  }

  return {
    preview,
    create,
    list,
    progress,
    start: (campaignId: string) => setStatus(campaignId, 'running'),
    pause: (campaignId: string) => setStatus(campaignId, 'paused'),
    next,
    mine,
    outcome,
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;

import { type Campaign, type CampaignEntry, type CampaignFilter, type CampaignOutcome, type EntryStatus, filterCutoffs } from '../../shared/campaigns/campaign';
import { batchesOf } from '../db/batches';
import type { Queryable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';
import type { CampaignEntriesTable } from './campaign-tables';

/** Complaints still being worked: not resolved, not closed (shared/complaints/complaint.ts). */
const OPEN_COMPLAINT = ['new', 'acknowledged', 'investigating'];

/**
 * The customers a filter matches now, by id, do-not-contact customers left
 * out. Tier is the customer record's (routing's truth, kept in step by the
 * value recompute); stage and last order are the value row's, so a stage
 * filter matches only customers the hub has computed.
 */
export async function matchingCustomers(db: Queryable, filter: CampaignFilter, now: number): Promise<string[]> {
  const rows = await matchQuery(db, filter, now).select(['customers.id as id', 'customers.tags as tags']).orderBy('customers.id').execute();
  // Tags are a JSON array on the row: matched here, exactly, rather than by a LIKE that each store reads differently.
  const wanted = filter.tags;
  return rows.filter((row) => wanted.length === 0 || hasEvery(readStoredJson<string[]>(row.tags), wanted)).map((row) => row.id);
}

/** How many customers a filter matches: counted by the store unless tags must be read (the form's live count, on every pause in typing). */
export async function countMatching(db: Queryable, filter: CampaignFilter, now: number): Promise<number> {
  if (filter.tags.length > 0) return (await matchingCustomers(db, filter, now)).length;
  const row = await matchQuery(db, filter, now)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function matchQuery(db: Queryable, filter: CampaignFilter, now: number) {
  const { complaintOpenedBy, lastOrderBefore } = filterCutoffs(filter, now);
  let query = db
    .selectFrom('customers')
    .leftJoin('customer_values', 'customer_values.customer_id', 'customers.id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('do_not_contact').select('do_not_contact.customer_id').whereRef('do_not_contact.customer_id', '=', 'customers.id'))));
  if (filter.tiers.length > 0) query = query.where('customers.tier', 'in', filter.tiers);
  if (filter.stages.length > 0) query = query.where('customer_values.stage', 'in', filter.stages);
  if (lastOrderBefore !== null) {
    const before = lastOrderBefore;
    query = query.where((eb) => eb.or([eb('customer_values.last_order_at', 'is', null), eb('customer_values.last_order_at', '<', before)]));
  }
  if (complaintOpenedBy !== null) {
    const by = complaintOpenedBy;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('complaints')
          .select('complaints.id')
          .whereRef('complaints.customer_id', '=', 'customers.id')
          .where('complaints.status', 'in', OPEN_COMPLAINT)
          .where('complaints.opened_at', '<=', by),
      ),
    );
  }
  return query;
}

const hasEvery = (tags: readonly string[], wanted: readonly string[]): boolean => wanted.every((tag) => tags.includes(tag));

/** Each customer's first phone number (E.164), in a stable order; customers without one are absent. */
export async function firstPhones(db: Queryable, customerIds: readonly string[]): Promise<Map<string, string>> {
  const phones = new Map<string, string>();
  for (const batch of batchesOf(customerIds, 30)) {
    const rows = await db
      .selectFrom('identities')
      .select(['customer_id', 'value'])
      .where('kind', '=', 'phone')
      .where('customer_id', 'in', batch)
      .orderBy('customer_id')
      .orderBy('value')
      .execute();
    for (const row of rows) if (!phones.has(row.customer_id)) phones.set(row.customer_id, row.value);
  }
  return phones;
}

export async function saveCampaign(db: Queryable, campaign: Campaign): Promise<void> {
  const data = JSON.stringify(campaign);
  await db
    .insertInto('campaigns')
    .values({ id: campaign.id, queue_id: campaign.queueId, status: campaign.status, created_at: campaign.createdAt, data })
    .onConflict((oc) => oc.column('id').doUpdateSet({ status: campaign.status, data }))
    .execute();
}

export async function findCampaign(db: Queryable, id: string): Promise<Campaign | null> {
  const row = await db.selectFrom('campaigns').select('data').where('id', '=', id).executeTakeFirst();
  return row ? readStoredJson<Campaign>(row.data) : null;
}

export async function listCampaigns(db: Queryable, where: { status?: string; queueIds?: readonly string[] } = {}): Promise<Campaign[]> {
  let query = db.selectFrom('campaigns').select('data');
  if (where.status) query = query.where('status', '=', where.status);
  if (where.queueIds) {
    if (where.queueIds.length === 0) return [];
    query = query.where('queue_id', 'in', where.queueIds);
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((row) => readStoredJson<Campaign>(row.data));
}

export async function insertEntries(db: Queryable, campaignId: string, customers: readonly { customerId: string; phone: string | null }[], now: number): Promise<void> {
  const rows: CampaignEntriesTable[] = customers.map(({ customerId, phone }) => ({
    campaign_id: campaignId,
    customer_id: customerId,
    phone,
    status: 'pending',
    attempts: 0,
    last_outcome: null,
    next_try_at: null,
    agent_id: null,
    updated_at: now,
  }));
  for (const batch of batchesOf(rows, 9)) await db.insertInto('campaign_entries').values(batch).execute();
}

const entryFromRow = (row: CampaignEntriesTable): CampaignEntry => ({
  campaignId: row.campaign_id,
  customerId: row.customer_id,
  phone: row.phone,
  status: row.status as EntryStatus,
  attempts: Number(row.attempts),
  lastOutcome: row.last_outcome as CampaignOutcome | null,
  nextTryAt: row.next_try_at === null ? null : Number(row.next_try_at),
  agentId: row.agent_id,
});

export async function campaignEntries(db: Queryable, campaignId: string): Promise<CampaignEntry[]> {
  const rows = await db.selectFrom('campaign_entries').selectAll().where('campaign_id', '=', campaignId).execute();
  return rows.map(entryFromRow);
}

export async function findEntry(db: Queryable, campaignId: string, customerId: string): Promise<CampaignEntry | null> {
  const row = await db.selectFrom('campaign_entries').selectAll().where('campaign_id', '=', campaignId).where('customer_id', '=', customerId).executeTakeFirst();
  return row ? entryFromRow(row) : null;
}

/** The entries an agent holds now, in any campaign. */
export async function heldEntries(db: Queryable, agentId: string): Promise<CampaignEntry[]> {
  const rows = await db.selectFrom('campaign_entries').selectAll().where('agent_id', '=', agentId).where('status', '=', 'in-progress').execute();
  return rows.map(entryFromRow);
}

/** A few entries open to a call now: first tries before retries, then the longest waiting. */
export async function callableEntries(db: Queryable, campaignId: string, now: number, limit: number): Promise<CampaignEntry[]> {
  const rows = await db
    .selectFrom('campaign_entries')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('next_try_at', 'is', null), eb('next_try_at', '<=', now)]))
    .orderBy('attempts')
    .orderBy('next_try_at')
    .orderBy('customer_id')
    .limit(limit)
    .execute();
  return rows.map(entryFromRow);
}

/**
 * Claims one entry for an agent: a conditional update that only a still
 * pending entry passes, so two agents (on this hub or another node) never
 * both get it. Answers whether this call won.
 */
export async function claimEntry(db: Queryable, entry: CampaignEntry, agentId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('campaign_entries')
    .set({ status: 'in-progress', agent_id: agentId, updated_at: now })
    .where('campaign_id', '=', entry.campaignId)
    .where('customer_id', '=', entry.customerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function saveEntry(db: Queryable, entry: CampaignEntry, now: number): Promise<void> {
  await db
    .updateTable('campaign_entries')
    .set({
      status: entry.status,
      attempts: entry.attempts,
      last_outcome: entry.lastOutcome,
      next_try_at: entry.nextTryAt,
      agent_id: entry.agentId,
      updated_at: now,
    })
    .where('campaign_id', '=', entry.campaignId)
    .where('customer_id', '=', entry.customerId)
    .execute();
}

/** Entries still to be worked (pending or held). */
export async function openEntryCount(db: Queryable, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('campaign_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('status', 'in', ['pending', 'in-progress'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Flags a customer do-not-contact (once; the first flag stays) and takes them
 * off every list still waiting to call them.
 */
export async function flagDoNotContact(db: Queryable, customerId: string, byUserId: string, campaignId: string, now: number): Promise<void> {
  await db
    .insertInto('do_not_contact')
    .values({ customer_id: customerId, at: now, by_user: byUserId, campaign_id: campaignId })
    .onConflict((oc) => oc.column('customer_id').doNothing())
    .execute();
  await db
    .updateTable('campaign_entries')
    .set({ status: 'do-not-contact', next_try_at: null, updated_at: now })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'pending')
    .execute();
}

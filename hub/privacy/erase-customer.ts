import type { Complaint } from '../../shared/complaints/complaint';
import type { Interaction } from '../../shared/domain/interaction';
import type { User } from '../../shared/domain/user';
import { type FollowUp, isClosedFollowUp } from '../../shared/follow-ups/follow-up';
import type { ErasureCounts, ErasureRecord } from '../../shared/protocol/privacy';
import { batchesOf } from '../db/batches';
import type { ChangeDraft } from '../db/change-log';
import { findCustomer, saveCustomer } from '../db/customer-queries';
import type { Queryable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';
import { readValue } from '../crm/value-store';
import { refuse } from '../sync/refusal';
import { anonymiseComplaint, anonymiseCustomer, anonymiseFollowUp, anonymiseInteraction } from './anonymise';
import { hasOpenWork, scrubChannels } from './erase-channels';
import { markRemoved } from './removed-files';

export type EraseRequest = { erasureId: string; customerId: string; reason: string; user: User; now: number };

/** The erasure's record, the changes for desktops, and the stored files whose bytes may now be deleted (after the commit). */
export type ErasureWork = { record: ErasureRecord; drafts: ChangeDraft[]; sha256s: string[] };

/**
 * Erases one customer inside the caller's transaction. Every table that
 * refers to a customer (the list hub/customers/move-customer.ts moves on a
 * merge) is handled: identities deleted; timeline, complaints, follow-ups,
 * surveys, points ledger reasons, call-list phone and every channel record
 * blanked, keeping the facts the business counts; stored files marked
 * removed; the change log's earlier entries about the customer deleted (they
 * carried the data) and replaced by an erasure notice and the anonymised rows,
 * so a desktop syncing from any cursor ends with the same anonymous record.
 */
export async function eraseCustomer(trx: Queryable, request: EraseRequest): Promise<ErasureWork> {
  const { customerId, now } = request;
  const customer = await findCustomer(trx, customerId);
  if (!customer) throw refuse('not-found', 'No such customer.', { issues: [{ path: 'customerId', message: 'not-found' }] });
  const earlier = await trx.selectFrom('customer_erasures').select('erased_at').where('customer_id', '=', customerId).executeTakeFirst();
  if (earlier) throw refuse('conflict', 'This customer was already erased.', { issues: [{ path: 'customerId', message: 'already-erased' }] });
  if (await hasOpenWork(trx, customerId)) {
    throw refuse('conflict', 'The customer has work in progress (a call, chat, email or task); finish it first.', { issues: [{ path: 'customerId', message: 'open-work' }] });
  }

  const identityIds = (await trx.selectFrom('identities').select('id').where('customer_id', '=', customerId).execute()).map((row) => row.id);
  const identities = await trx.deleteFrom('identities').where('customer_id', '=', customerId).executeTakeFirst();
  /** Customers merged into this one: their own records' early log entries name them, not this customer. */
  const mergedIds: string[] = [];

  const interactions: Interaction[] = [];
  const attachmentIds: string[] = [];
  const callIds: string[] = [];
  const rows = await trx.selectFrom('interactions').select(['id', 'data']).where('customer_id', '=', customerId).execute();
  for (const row of rows) {
    const before = readStoredJson<Interaction>(row.data);
    if (before.channel === 'email') attachmentIds.push(...(before.attachmentIds ?? []));
    if (before.channel === 'call' && before.callId) callIds.push(before.callId);
    if (before.channel === 'note' && before.mergedFrom) mergedIds.push(before.mergedFrom.customerId);
    const after = anonymiseInteraction(before);
    await trx.updateTable('interactions').set({ data: JSON.stringify(after) }).where('id', '=', row.id).execute();
    interactions.push(after);
  }

  const complaints: Complaint[] = [];
  for (const row of await trx.selectFrom('complaints').select(['id', 'data']).where('customer_id', '=', customerId).execute()) {
    const after = anonymiseComplaint(readStoredJson<Complaint>(row.data));
    await trx.updateTable('complaints').set({ data: JSON.stringify(after) }).where('id', '=', row.id).execute();
    complaints.push(after);
  }

  // A follow-up still to come would ring a customer nobody can reach any more: it is cancelled.
  const followUps: FollowUp[] = [];
  for (const row of await trx.selectFrom('follow_ups').select(['id', 'data']).where('customer_id', '=', customerId).execute()) {
    const before = readStoredJson<FollowUp>(row.data);
    const after = { ...anonymiseFollowUp(before, now), status: isClosedFollowUp(before.status) ? before.status : 'cancelled' } satisfies FollowUp;
    await trx.updateTable('follow_ups').set({ data: JSON.stringify(after), status: after.status, updated_at: after.updatedAt }).where('id', '=', row.id).execute();
    followUps.push(after);
  }

  const surveys = await trx.updateTable('surveys').set({ comment: null }).where('customer_id', '=', customerId).executeTakeFirst();
  await trx.updateTable('loyalty_ledger').set({ reason: null, reference: null }).where('customer_id', '=', customerId).execute();
  await trx.updateTable('customer_values').set({ credit_note: null }).where('customer_id', '=', customerId).execute();
  await trx.updateTable('campaign_entries').set({ phone: null }).where('customer_id', '=', customerId).execute();

  const channels = await scrubChannels(trx, customerId);
  attachmentIds.push(...channels.attachmentIds);
  const calls = [...new Set([...callIds, ...channels.callIds])];
  for (const batch of batchesOf(calls, 1)) {
    const recordings = await trx.selectFrom('recordings').select('attachment_id').where('call_id', 'in', batch).execute();
    attachmentIds.push(...recordings.map((recording) => recording.attachment_id));
  }
  const removed = await markRemoved(trx, [...new Set(attachmentIds)], 'erasure', now);

  const logEntries = await forgetLogEntries(trx, [customerId, ...mergedIds], [...identityIds, ...interactions.map((row) => row.id), ...complaints.map((row) => row.id), ...followUps.map((row) => row.id)]);

  const anonymous = anonymiseCustomer(customer, now);
  await saveCustomer(trx, anonymous);

  const counts: ErasureCounts = {
    identities: Number(identities.numDeletedRows),
    interactions: interactions.length,
    complaints: complaints.length,
    followUps: followUps.length,
    surveys: Number(surveys.numUpdatedRows),
    chats: channels.chats,
    emailThreads: channels.emailThreads,
    smsConversations: channels.smsConversations,
    files: removed.files,
    logEntries,
  };
  const record: ErasureRecord = {
    id: request.erasureId,
    customerId,
    number: customer.number,
    erasedBy: request.user.id,
    erasedByName: request.user.displayName,
    erasedAt: now,
    reason: request.reason,
    counts,
  };
  await trx
    .insertInto('customer_erasures')
    .values({
      id: record.id,
      customer_id: customerId,
      number: record.number,
      erased_by: record.erasedBy,
      erased_by_name: record.erasedByName,
      erased_at: now,
      reason: record.reason,
      counts: JSON.stringify(counts),
    })
    .execute();

  // The notice goes first: a desktop forgets what it held, then files the anonymous rows that follow.
  const drafts: ChangeDraft[] = [
    { entity: 'erasure', op: 'put', data: { id: request.erasureId, customerId, erasedAt: now } },
    { entity: 'customer', op: 'put', data: anonymous },
    ...interactions.map((data): ChangeDraft => ({ entity: 'interaction', op: 'put', data })),
    ...complaints.map((data): ChangeDraft => ({ entity: 'complaint', op: 'put', data })),
    ...followUps.map((data): ChangeDraft => ({ entity: 'followUp', op: 'put', data })),
  ];
  const value = await readValue(trx, customerId);
  if (value) drafts.push({ entity: 'customerValue', op: 'put', data: value });
  return { record, drafts, sha256s: removed.sha256s };
}

/**
 * Deletes the change-log entries that carried the customer's data: those
 * filed under the customer (or a customer merged into them), and any other
 * entry about one of their records (a row filed under a duplicate before a merge moved it).
 */
async function forgetLogEntries(trx: Queryable, customerIds: readonly string[], entityIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const batch of batchesOf(customerIds, 1)) deleted += Number((await trx.deleteFrom('changes').where('customer_id', 'in', batch).executeTakeFirst()).numDeletedRows);
  for (const batch of batchesOf(entityIds, 1)) deleted += Number((await trx.deleteFrom('changes').where('entity_id', 'in', batch).executeTakeFirst()).numDeletedRows);
  return deleted;
}

/** Whether any of these customers was erased (nothing more may be recorded about them). */
export async function anyErased(db: Queryable, customerIds: readonly string[]): Promise<boolean> {
  if (customerIds.length === 0) return false;
  return (await db.selectFrom('customer_erasures').select('customer_id').where('customer_id', 'in', customerIds).executeTakeFirst()) !== undefined;
}

/** The record of a customer's erasure, or null when they were never erased. */
export async function findErasure(db: Queryable, customerId: string): Promise<ErasureRecord | null> {
  const row = await db.selectFrom('customer_erasures').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    customerId: row.customer_id,
    number: row.number,
    erasedBy: row.erased_by,
    erasedByName: row.erased_by_name,
    erasedAt: Number(row.erased_at),
    reason: row.reason,
    counts: readStoredJson<ErasureCounts>(row.counts),
  };
}

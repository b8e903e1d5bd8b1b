import type { FollowUp } from '../../shared/follow-ups/follow-up';
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings, FollowUpSettingsSchema } from '../../shared/follow-ups/rules';
import type { ChangeDraft } from '../db/change-log';
import { readSetting, saveSetting } from '../db/meta-queries';
import type { Queryable } from '../db/schema';
import { readStoredJson, trustStored } from '../db/stored-json';
import type { FollowUpsTable } from './follow-up-tables';

const SETTINGS_KEY = 'follow-up-settings';

export const readFollowUpSettings = (db: Queryable): Promise<FollowUpSettings> =>
  readSetting(db, SETTINGS_KEY, FollowUpSettingsSchema, DEFAULT_FOLLOW_UP_SETTINGS);

export const saveFollowUpSettings = (db: Queryable, settings: FollowUpSettings): Promise<void> => saveSetting(db, SETTINGS_KEY, settings);

const toRow = (followUp: FollowUp, ruleKey: string | null): FollowUpsTable => ({
  id: followUp.id,
  customer_id: followUp.customerId,
  assignee_id: followUp.assigneeId,
  queue_id: followUp.queueId,
  status: followUp.status,
  due_at: followUp.dueAt,
  task_id: followUp.taskId,
  rule_key: ruleKey,
  updated_at: followUp.updatedAt,
  data: JSON.stringify(followUp),
});

// The hub validated every record on the way in (stored-json.ts).
const fromRow = (row: Pick<FollowUpsTable, 'data'>): FollowUp => trustStored<FollowUp>(readStoredJson<unknown>(row.data));

export async function findFollowUp(db: Queryable, id: string): Promise<FollowUp | null> {
  const row = await db.selectFrom('follow_ups').select('data').where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function findFollowUpByRule(db: Queryable, ruleKey: string): Promise<FollowUp | null> {
  const row = await db.selectFrom('follow_ups').select('data').where('rule_key', '=', ruleKey).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function insertFollowUp(db: Queryable, followUp: FollowUp, ruleKey: string | null = null): Promise<void> {
  await db.insertInto('follow_ups').values(toRow(followUp, ruleKey)).execute();
}

/** Every column but the rule key, which never changes. */
export async function saveFollowUp(db: Queryable, followUp: FollowUp): Promise<void> {
  const { rule_key: _ruleKey, id, ...columns } = toRow(followUp, null);
  await db.updateTable('follow_ups').set(columns).where('id', '=', id).execute();
}

/** The next scheduled due time, or null when nothing is scheduled: the scheduler's one timer. */
export async function nextScheduledDue(db: Queryable): Promise<number | null> {
  const row = await db
    .selectFrom('follow_ups')
    .select('due_at')
    .where('status', '=', 'scheduled')
    .orderBy('due_at')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.due_at) : null;
}

/** Scheduled follow-ups whose time has come, oldest first. */
export async function scheduledDueBy(db: Queryable, now: number, limit: number): Promise<FollowUp[]> {
  const rows = await db
    .selectFrom('follow_ups')
    .select('data')
    .where('status', '=', 'scheduled')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

export type FollowUpQuery = { assigneeId: string | null; overdueAt: number | null; limit: number };

/** Open follow-ups (scheduled or due), soonest first: one assignee's or everyone's, and only those past `overdueAt` when given. */
export async function listOpenFollowUps(db: Queryable, query: FollowUpQuery): Promise<FollowUp[]> {
  let select = db.selectFrom('follow_ups').select('data').where('status', 'in', ['scheduled', 'due']);
  if (query.assigneeId !== null) select = select.where('assignee_id', '=', query.assigneeId);
  if (query.overdueAt !== null) select = select.where('due_at', '<', query.overdueAt);
  const rows = await select.orderBy('due_at').orderBy('id').limit(query.limit).execute();
  return rows.map(fromRow);
}

/**
 * A customer merged (or linked) into another: their follow-ups go with them.
 * For the merge's transaction to call (hub/sync/mutations/merge-customers.ts,
 * hub/customers/link-customer.ts); answers the changes to append.
 */
export async function moveFollowUps(db: Queryable, fromCustomerId: string, toCustomerId: string, now: number): Promise<ChangeDraft[]> {
  const rows = await db.selectFrom('follow_ups').select('data').where('customer_id', '=', fromCustomerId).execute();
  const drafts: ChangeDraft[] = [];
  for (const followUp of rows.map(fromRow)) {
    const moved: FollowUp = { ...followUp, customerId: toCustomerId, updatedAt: Math.max(followUp.updatedAt, now) };
    await db.updateTable('follow_ups').set({ customer_id: toCustomerId, updated_at: moved.updatedAt, data: JSON.stringify(moved) }).where('id', '=', moved.id).execute();
    drafts.push({ entity: 'followUp', op: 'put', data: moved });
  }
  return drafts;
}

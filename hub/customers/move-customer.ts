import type { Identity } from '../../shared/domain/customer';
import type { Interaction } from '../../shared/domain/interaction';
import { FINAL_TASK_STATUSES } from '../../shared/domain/routing';
import type { ChangeDraft } from '../db/change-log';
import type { TaskView } from '../../shared/protocol/routing';
import type { Queryable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';
import { moveCampaignEntries } from '../campaigns/move-campaign-entries';
import { moveComplaints } from '../complaints/move-complaints';
import { moveCustomerValue } from '../crm/move-value';
import { moveFollowUps } from '../follow-ups/follow-up-store';

/** What moved from one customer to another, for the agent's confirmation and the audit note. */
export type MovedRecords = {
  identities: number;
  interactions: number;
  calls: number;
  /** The open tasks as they now read: routing keeps open tasks in memory and must learn of these (StepContext.rewrite). */
  openTasks: TaskView[];
  chats: number;
  emailThreads: number;
  smsConversations: number;
  complaints: number;
};

/** Records that keep their customer inside the JSON; the id is a ULID, so the text match names only this customer. */
const holding = (customerId: string) => `%"customerId":"${customerId}"%`;

const withCustomer = (data: string, customerId: string): string => JSON.stringify({ ...readStoredJson<Record<string, unknown>>(data), customerId });

/**
 * Everything a customer has, moved onto another: identities, the timeline,
 * calls still in `voice_calls`, open tasks (a follow-up or a call ringing
 * now), chat conversations, email threads and SMS conversations, complaints,
 * follow-ups, surveys, loyalty points, cross-sell outcomes and call-list
 * places (with a do-not-contact flag) — so the
 * next contact on any channel finds the other customer. Closed tasks keep
 * their customer as history. Runs inside the caller's transaction; the
 * drafts tell desktops about the rows they cache (identities, interactions).
 * The moved-from customer itself is left for the caller to remove.
 */
export async function moveCustomerRecords(trx: Queryable, drafts: ChangeDraft[], fromId: string, intoId: string, now: number): Promise<MovedRecords> {
  const identities = await trx.selectFrom('identities').selectAll().where('customer_id', '=', fromId).execute();
  await trx.updateTable('identities').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute();
  for (const row of identities) {
    const moved: Identity = { id: row.id, customerId: intoId, kind: row.kind as Identity['kind'], value: row.value };
    drafts.push({ entity: 'identity', op: 'put', data: moved });
  }

  const interactions = await trx.selectFrom('interactions').select(['id', 'data']).where('customer_id', '=', fromId).execute();
  for (const row of interactions) {
    const moved: Interaction = { ...readStoredJson<Interaction>(row.data), customerId: intoId };
    await trx.updateTable('interactions').set({ customer_id: intoId, data: JSON.stringify(moved) }).where('id', '=', row.id).execute();
    drafts.push({ entity: 'interaction', op: 'put', data: moved });
  }

  const calls = await trx.selectFrom('voice_calls').select(['call_id', 'data']).where('data', 'like', holding(fromId)).execute();
  for (const row of calls) {
    await trx.updateTable('voice_calls').set({ data: withCustomer(row.data, intoId) }).where('call_id', '=', row.call_id).execute();
  }

  // The desktop opens the task's customer, and hears of the move with the task's next update.
  const tasks = await trx
    .selectFrom('tasks')
    .select(['id', 'data'])
    .where('status', 'not in', FINAL_TASK_STATUSES)
    .where('data', 'like', holding(fromId))
    .execute();
  const openTasks: TaskView[] = [];
  for (const row of tasks) {
    const data = withCustomer(row.data, intoId);
    await trx.updateTable('tasks').set({ data }).where('id', '=', row.id).execute();
    openTasks.push(readStoredJson<TaskView>(data));
  }

  // A chat row stores { conversation, receipts }: the customer is inside the conversation.
  const chats = await trx.selectFrom('chat_conversations').select(['id', 'data']).where('customer_id', '=', fromId).execute();
  for (const row of chats) {
    const stored = readStoredJson<{ conversation: Record<string, unknown> }>(row.data);
    const data = JSON.stringify({ ...stored, conversation: { ...stored.conversation, customerId: intoId } });
    await trx.updateTable('chat_conversations').set({ customer_id: intoId, data }).where('id', '=', row.id).execute();
  }

  const threads = await trx.selectFrom('email_threads').select(['id', 'data']).where('customer_id', '=', fromId).execute();
  for (const row of threads) {
    await trx.updateTable('email_threads').set({ customer_id: intoId, data: withCustomer(row.data, intoId) }).where('id', '=', row.id).execute();
    const messages = await trx.selectFrom('email_messages').select(['id', 'data']).where('thread_id', '=', row.id).execute();
    for (const message of messages) {
      await trx.updateTable('email_messages').set({ data: withCustomer(message.data, intoId) }).where('id', '=', message.id).execute();
    }
  }

  const sms = await trx.updateTable('sms_conversations').set({ customer_id: intoId }).where('customer_id', '=', fromId).executeTakeFirst();

  const complaints = await moveComplaints(trx, drafts, fromId, intoId);
  drafts.push(...(await moveFollowUps(trx, fromId, intoId, now)));
  // A survey still open for an answer files it on the survivor's timeline.
  await trx.updateTable('surveys').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute();
  await moveCustomerValue(trx, fromId, intoId);
  await moveCampaignEntries(trx, fromId, intoId);

  return {
    identities: identities.length,
    interactions: interactions.length,
    calls: calls.length,
    openTasks,
    chats: chats.length,
    emailThreads: threads.length,
    smsConversations: Number(sms.numUpdatedRows),
    complaints,
  };
}

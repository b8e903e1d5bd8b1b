import type { Identity } from '../../shared/domain/customer';
import { FINAL_TASK_STATUSES } from '../../shared/domain/routing';
import type { Interaction } from '../../shared/domain/interaction';
import type { CustomerLink, CustomerLinked } from '../../shared/protocol/voice';
import { findCustomer } from '../db/customer-queries';
import type { ChangeDraft } from '../db/change-log';
import type { Queryable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';
import { refuse } from '../sync/refusal';
import { PROVISIONAL_TAG } from './provisional-customer';

/**
 * An agent says who a provisional customer really is: their identities and
 * interactions move to the existing customer, calls still in `voice_calls`
 * and open tasks follow (a call not yet wrapped up lands on the right
 * timeline), and the provisional record goes. Only a provisional customer can be linked away:
 * two real customers are never merged from a screen pop. Runs inside one
 * routing step (one transaction); the drafts tell every desktop, in an order
 * a desktop can apply page by page: rows move first, the customer goes last.
 */
export async function linkCustomer(trx: Queryable, drafts: ChangeDraft[], request: CustomerLink): Promise<CustomerLinked> {
  if (request.customerId === request.intoId) {
    throw refuse('invalid-payload', 'A customer cannot be linked to themselves.', { issues: [{ path: 'intoId', message: 'the same customer' }] });
  }
  const source = await findCustomer(trx, request.customerId);
  if (!source) throw refuse('not-found', 'No such customer; they may already be linked.');
  if (!source.tags.includes(PROVISIONAL_TAG)) throw refuse('conflict', 'Only a provisional customer can be linked to an existing one.');
  const target = await findCustomer(trx, request.intoId);
  if (!target) throw refuse('not-found', 'No such customer to link to.');

  const identities = await trx.selectFrom('identities').selectAll().where('customer_id', '=', source.id).execute();
  await trx.updateTable('identities').set({ customer_id: target.id }).where('customer_id', '=', source.id).execute();
  for (const row of identities) {
    const moved: Identity = { id: row.id, customerId: target.id, kind: row.kind as Identity['kind'], value: row.value };
    drafts.push({ entity: 'identity', op: 'put', data: moved });
  }

  const interactions = await trx.selectFrom('interactions').select(['id', 'data']).where('customer_id', '=', source.id).execute();
  for (const row of interactions) {
    const moved: Interaction = { ...readStoredJson<Interaction>(row.data), customerId: target.id };
    await trx.updateTable('interactions').set({ customer_id: target.id, data: JSON.stringify(moved) }).where('id', '=', row.id).execute();
    drafts.push({ entity: 'interaction', op: 'put', data: moved });
  }

  // Calls keep their customer in the JSON record; the id is a ULID, so the text match names only this customer.
  const calls = await trx.selectFrom('voice_calls').select(['call_id', 'data']).where('data', 'like', `%"customerId":"${source.id}"%`).execute();
  for (const row of calls) {
    const data = JSON.stringify({ ...readStoredJson<Record<string, unknown>>(row.data), customerId: target.id });
    await trx.updateTable('voice_calls').set({ data }).where('call_id', '=', row.call_id).execute();
  }

  // Open tasks too (the call ringing now): the desktop opens the task's customer, and hears of it with the task's next update.
  const tasks = await trx
    .selectFrom('tasks')
    .select(['id', 'data'])
    .where('status', 'not in', FINAL_TASK_STATUSES)
    .where('data', 'like', `%"customerId":"${source.id}"%`)
    .execute();
  for (const row of tasks) {
    const data = JSON.stringify({ ...readStoredJson<Record<string, unknown>>(row.data), customerId: target.id });
    await trx.updateTable('tasks').set({ data }).where('id', '=', row.id).execute();
  }

  await trx.deleteFrom('customers').where('id', '=', source.id).execute();
  drafts.push({ entity: 'customer', op: 'delete', data: { id: source.id } });
  return { customerId: target.id, identities: identities.length, interactions: interactions.length };
}

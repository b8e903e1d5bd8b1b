import type { InteractionOf } from '../../../shared/domain/interaction';
import { findCustomer } from '../../db/customer-queries';
import type { ChangeDraft } from '../../db/change-log';
import { insertInteractions, interactionExists } from '../../db/interaction-queries';
import { moveCustomerRecords } from '../../customers/move-customer';
import { applied, type MutationHandler, refused } from './mutation-handler';

/**
 * `customer.merge`: the duplicate's records move onto the survivor
 * (hub/customers/move-customer.ts), an audit note signed by the merging agent
 * goes on the survivor's timeline, and the duplicate is deleted last so a
 * desktop drops it after its rows have moved. Mutations run one at a time in
 * the write queue, so of two agents merging the same pair the second finds
 * the duplicate gone: if it went into this survivor that is the merge they
 * asked for (success, nothing moves twice); if the pair was merged the other
 * way round, the survivor they chose is gone and they are told so.
 */
export const mergeCustomers: MutationHandler<'customer.merge'> = async (args, { trx, user, now, tasksRewritten, refreshCustomerValues }) => {
  const survivor = await findCustomer(trx, args.survivorId);
  const duplicate = await findCustomer(trx, args.duplicateId);
  if (!duplicate) {
    if (survivor && (await mergedBefore(trx, args.survivorId, args.duplicateId))) return applied();
    return refused('not-found', 'The duplicate customer no longer exists; it may already have been merged into another customer.');
  }
  if (!survivor) return refused('not-found', 'The customer to keep no longer exists; it may have been merged into the other one.');
  if (await interactionExists(trx, args.auditId)) return refused('conflict', 'An interaction with this id already exists.');

  const drafts: ChangeDraft[] = [];
  const moved = await moveCustomerRecords(trx, drafts, duplicate.id, survivor.id, now);
  if (moved.openTasks.length > 0) tasksRewritten();
  const audit: InteractionOf<'note'> = {
    id: args.auditId,
    customerId: survivor.id,
    occurredAt: now,
    agentId: user.id,
    channel: 'note',
    text: `${user.displayName} merged customer ${duplicate.number} (${duplicate.name}) into this customer: ${moved.identities} identities, ${moved.interactions} interactions moved.`,
    mergedFrom: { customerId: duplicate.id, number: duplicate.number, name: duplicate.name },
  };
  await insertInteractions(trx, [audit]);
  await trx.deleteFrom('customers').where('id', '=', duplicate.id).execute();
  // The duplicate's orders now count for the survivor: its tier, RFM and points are worked out again.
  if (refreshCustomerValues) drafts.push(...(await refreshCustomerValues(trx, [survivor.id])));
  drafts.push({ entity: 'interaction', op: 'put', data: audit }, { entity: 'customer', op: 'delete', data: { id: duplicate.id } });
  return applied(...drafts);
};

/** The survivor's timeline holds the audit note of an earlier merge of this duplicate. */
async function mergedBefore(trx: Parameters<MutationHandler<'customer.merge'>>[1]['trx'], survivorId: string, duplicateId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('interactions')
    .select('id')
    .where('customer_id', '=', survivorId)
    .where('channel', '=', 'note')
    .where('data', 'like', `%"mergedFrom":{"customerId":"${duplicateId}"%`)
    .executeTakeFirst();
  return row !== undefined;
}

import type { CustomerLink, CustomerLinked } from '../../shared/protocol/voice';
import { findCustomer } from '../db/customer-queries';
import type { StepContext } from '../routing/routing-service';
import { refuse } from '../sync/refusal';
import { moveCustomerRecords } from './move-customer';
import { PROVISIONAL_TAG } from './provisional-customer';

/**
 * An agent says who a provisional customer really is: everything they have
 * moves to the existing customer (hub/customers/move-customer.ts; a call not
 * yet wrapped up lands on the right timeline), and the provisional record goes. Only a provisional customer can be linked away:
 * two real customers are never merged from a screen pop. Runs inside one
 * routing step (one transaction); the drafts tell every desktop, in an order
 * a desktop can apply page by page: rows move first, the customer goes last.
 */
export async function linkCustomer(ctx: StepContext, request: CustomerLink): Promise<CustomerLinked> {
  const { trx, drafts } = ctx;
  if (request.customerId === request.intoId) {
    throw refuse('invalid-payload', 'A customer cannot be linked to themselves.', { issues: [{ path: 'intoId', message: 'the same customer' }] });
  }
  const source = await findCustomer(trx, request.customerId);
  if (!source) throw refuse('not-found', 'No such customer; they may already be linked.');
  if (!source.tags.includes(PROVISIONAL_TAG)) throw refuse('conflict', 'Only a provisional customer can be linked to an existing one.');
  const target = await findCustomer(trx, request.intoId);
  if (!target) throw refuse('not-found', 'No such customer to link to.');

  const moved = await moveCustomerRecords(trx, drafts, source.id, target.id, ctx.now);
  for (const task of moved.openTasks) ctx.rewrite(task);
  await trx.deleteFrom('customers').where('id', '=', source.id).execute();
  drafts.push({ entity: 'customer', op: 'delete', data: { id: source.id } });
  return { customerId: target.id, identities: moved.identities, interactions: moved.interactions };
}

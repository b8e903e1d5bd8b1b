import { findCustomer, saveCustomer } from '../../db/customer-queries';
import { mergeCustomerPatch } from './customer-merge';
import { applied, type MutationHandler, refused } from './mutation-handler';

export const updateCustomer: MutationHandler<'customer.update'> = async (args, { trx, now }) => {
  const current = await findCustomer(trx, args.customerId);
  if (!current) return refused('not-found', 'No such customer; it may have been merged or removed.');
  const updated = mergeCustomerPatch(current, args.patch, now);
  await saveCustomer(trx, updated);
  return applied({ entity: 'customer', op: 'put', data: updated });
};

import { deleteIdentity, findIdentity } from '../../db/identity-queries';
import { applied, type MutationHandler, refused } from './mutation-handler';

export const removeIdentity: MutationHandler<'customer.removeIdentity'> = async (args, { trx }) => {
  const identity = await findIdentity(trx, args.identityId);
  if (!identity || identity.customerId !== args.customerId) return refused('not-found', 'This customer has no such identity (it may already be removed).');
  await deleteIdentity(trx, identity.id);
  return applied({ entity: 'identity', op: 'delete', data: { id: identity.id, customerId: identity.customerId } });
};

import type { Identity } from '../../../shared/domain/customer';
import { customerExists, findCustomer } from '../../db/customer-queries';
import { findIdentity, findIdentityByValue, insertIdentities } from '../../db/identity-queries';
import { normaliseIdentityValue } from './identity-value';
import { applied, type MutationHandler, refused } from './mutation-handler';

const KIND_WORDS = { phone: 'phone number', email: 'email address', visitor: 'chat visitor id' } as const;

export const addIdentity: MutationHandler<'customer.addIdentity'> = async (args, { trx, defaultRegion }) => {
  if (!(await customerExists(trx, args.customerId))) return refused('not-found', 'No such customer; it may have been merged or removed.');
  const normalised = normaliseIdentityValue(args.kind, args.value, defaultRegion);
  if (!normalised.ok) {
    return refused('invalid-payload', normalised.message, { issues: [{ path: 'args.value', message: normalised.message }] });
  }
  if (await findIdentity(trx, args.identityId)) return refused('conflict', 'An identity with this id already exists.');
  const owner = await findIdentityByValue(trx, args.kind, normalised.value);
  if (owner) {
    const word = KIND_WORDS[args.kind];
    if (owner.customerId === args.customerId) return refused('conflict', `This customer already has the ${word} ${normalised.value}.`);
    // Saying which customer lets the agent open it and decide whether the two should be merged.
    const other = await findCustomer(trx, owner.customerId);
    return refused('conflict', `The ${word} ${normalised.value} already belongs to customer ${other?.number ?? owner.customerId}.`);
  }
  const identity: Identity = { id: args.identityId, customerId: args.customerId, kind: args.kind, value: normalised.value };
  await insertIdentities(trx, [identity]);
  return applied({ entity: 'identity', op: 'put', data: identity });
};

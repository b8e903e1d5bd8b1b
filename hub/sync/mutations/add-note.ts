import type { InteractionOf } from '../../../shared/domain/interaction';
import { customerExists } from '../../db/customer-queries';
import { insertInteractions, interactionExists } from '../../db/interaction-queries';
import { applied, type MutationHandler, refused } from './mutation-handler';

/** A note on the timeline, signed by whoever pushed it (not by anything the desktop claims). */
export const addNote: MutationHandler<'interaction.addNote'> = async (args, { trx, user }) => {
  if (!(await customerExists(trx, args.customerId))) return refused('not-found', 'No such customer; it may have been merged or removed.');
  if (await interactionExists(trx, args.interactionId)) return refused('conflict', 'An interaction with this id already exists.');
  const note: InteractionOf<'note'> = {
    id: args.interactionId,
    customerId: args.customerId,
    occurredAt: args.occurredAt,
    agentId: user.id,
    channel: 'note',
    text: args.text,
  };
  await insertInteractions(trx, [note]);
  return applied({ entity: 'interaction', op: 'put', data: note });
};

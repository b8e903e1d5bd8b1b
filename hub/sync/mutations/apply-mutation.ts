import type { Mutation } from '../../../shared/protocol/mutations';
import { addIdentity } from './add-identity';
import { addNote } from './add-note';
import { mergeCustomers } from './merge-customers';
import { sendEmail } from '../../email/outbound/send-mutation';
import { actOnComplaint } from '../../complaints/act-complaint';
import { logComplaint } from '../../complaints/log-complaint';
import { anyErased } from '../../privacy/erase-customer';
import { type MutationContext, type MutationOutcome, refused } from './mutation-handler';
import { removeIdentity } from './remove-identity';
import { updateCustomer } from './update-customer';
import { recordFollowUp, scheduleFollowUp } from '../../follow-ups/follow-up-mutations';

/** The customers a mutation records something about, as its arguments name them. */
const CUSTOMER_ARGS = ['customerId', 'survivorId', 'duplicateId'] as const;

/**
 * Every mutation, once its customers are known not to be erased: a desktop
 * that was offline through an erasure still holds changes about the person,
 * and applying them would bring their data back (hub/privacy/).
 */
export async function applyMutation(mutation: Mutation, context: MutationContext): Promise<MutationOutcome> {
  const args: Record<string, unknown> = mutation.args;
  const named = CUSTOMER_ARGS.map((key) => args[key]).filter((value): value is string => typeof value === 'string');
  if (await anyErased(context.trx, named)) {
    return refused('conflict', "This customer's personal data was erased; nothing more is recorded about them.", { issues: [{ path: 'args.customerId', message: 'erased' }] });
  }
  return applyHandler(mutation, context);
}

/** The catalogue's handlers; a new mutation name without a case here is a type error. */
function applyHandler(mutation: Mutation, context: MutationContext): Promise<MutationOutcome> {
  switch (mutation.name) {
    case 'interaction.addNote':
      return addNote(mutation.args, context);
    case 'customer.update':
      return updateCustomer(mutation.args, context);
    case 'customer.addIdentity':
      return addIdentity(mutation.args, context);
    case 'customer.removeIdentity':
      return removeIdentity(mutation.args, context);
    case 'customer.merge':
      return mergeCustomers(mutation.args, context);
    // ── complaints (hub/complaints/) ──
    case 'complaint.log':
      return logComplaint(mutation.args, context);
    case 'complaint.act':
      return actOnComplaint(mutation.args, context);
    // ── follow-ups (hub/follow-ups/) ──
    case 'followUp.schedule':
      return scheduleFollowUp(mutation.args, context);
    case 'followUp.record':
      return recordFollowUp(mutation.args, context);
    // ── customer value (hub/crm/) ──
    case 'email.send':
      return sendEmail(mutation.args, context);
  }
}

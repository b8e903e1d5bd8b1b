import type { Mutation } from '../../../shared/protocol/mutations';
import { addIdentity } from './add-identity';
import { addNote } from './add-note';
import { mergeCustomers } from './merge-customers';
import { sendEmail } from '../../email/outbound/send-mutation';
import { actOnComplaint } from '../../complaints/act-complaint';
import { logComplaint } from '../../complaints/log-complaint';
import type { MutationContext, MutationOutcome } from './mutation-handler';
import { removeIdentity } from './remove-identity';
import { updateCustomer } from './update-customer';
import { recordFollowUp, scheduleFollowUp } from '../../follow-ups/follow-up-mutations';

/** The catalogue's handlers; a new mutation name without a case here is a type error. */
export function applyMutation(mutation: Mutation, context: MutationContext): Promise<MutationOutcome> {
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

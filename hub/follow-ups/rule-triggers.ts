import type { Complaint } from '../../shared/complaints/complaint';
import type { ValueShift } from '../../shared/crm/value-shift';
import type { ComplaintStep } from '../complaints/complaint-line';
import type { Logger } from '../log';
import type { FollowUpService } from './follow-up-service';

/**
 * The follow-up rules, fed by the areas whose events start them: a resolved
 * complaint (a satisfaction check N days on), a customer who became VIP (a
 * welcome call), a valuable customer sliding into decline (a retention call).
 * Both sources call from inside the write queue, so the rule's write is only
 * scheduled here; it runs after their commit, and each rule's follow-up is
 * made at most once per subject (follow-up-service.ts).
 */
export function followUpRuleTriggers(service: FollowUpService, log: Logger) {
  const failed = (what: string) => (error: unknown) => log.error(`follow-up rule: ${what}`, error);
  return {
    complaintStep(complaint: Complaint, step: ComplaintStep): void {
      if (step === 'resolve') service.scheduleAfterComplaintResolved(complaint).catch(failed(`after complaint ${complaint.id}`));
    },
    valueShift(shift: ValueShift): void {
      const schedule = shift.kind === 'became-vip' ? service.scheduleWelcomeForNewVip : service.scheduleRetentionForDecline;
      schedule(shift.customerId).catch(failed(`${shift.kind} for ${shift.customerId}`));
    },
  };
}

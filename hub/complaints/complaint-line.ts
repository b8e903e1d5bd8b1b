import type { Complaint } from '../../shared/complaints/complaint';
import type { ComplaintEvent } from '../../shared/complaints/workflow';
import type { InteractionOf } from '../../shared/domain/interaction';

/** A step as the customer's timeline names it: `logged`, a workflow event, or what the hub did (escalated, customer told). */
export type ComplaintStep = InteractionOf<'complaint'>['step'];

const TEXT_MAX = 4000;

/** A complaint's line on the customer's timeline, under the id the desktop chose (or the hub's, for its own lines). Pure. */
export function complaintLine(facts: { id: string; complaint: Complaint; step: ComplaintStep; at: number; agentId: string | null; text: string }): InteractionOf<'complaint'> {
  return {
    id: facts.id,
    customerId: facts.complaint.customerId,
    occurredAt: facts.at,
    agentId: facts.agentId,
    channel: 'complaint',
    complaintId: facts.complaint.id,
    step: facts.step,
    status: facts.complaint.status,
    text: facts.text.slice(0, TEXT_MAX),
  };
}

/** The step's own words: the resolution note, the reopen reason, who it went to; '' when the step says it all. */
export function eventText(event: ComplaintEvent): string {
  switch (event.type) {
    case 'resolve':
      return event.note;
    case 'reopen':
      return event.reason;
    case 'assign':
      return [event.ownerId ? `owner ${event.ownerId}` : null, event.teamId ? `team ${event.teamId}` : null].filter((part) => part !== null).join(', ');
    default:
      return '';
  }
}

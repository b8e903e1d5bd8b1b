import { applyComplaintEvent } from '../../shared/complaints/workflow';
import { insertInteractions, interactionExists } from '../db/interaction-queries';
import { applied, type MutationHandler, refused } from '../sync/mutations/mutation-handler';
import { mayAct, teamsOf } from './complaint-access';
import { holderIssues, payloadRefusal, rootCauseCodes, workflowRefusal } from './complaint-checks';
import { complaintLine, eventText } from './complaint-line';
import { findComplaint, readComplaintSettings, updateComplaint } from './complaint-queries';

/**
 * `complaint.act`: one workflow step, taken by the pushing user whatever the
 * event says. The workflow decides whether it may happen; a refusal names
 * its code (shared/protocol/complaints.ts) and leaves the complaint as it was.
 */
export const actOnComplaint: MutationHandler<'complaint.act'> = async (args, { trx, user }) => {
  const complaint = await findComplaint(trx, args.complaintId);
  if (!complaint) return refused('not-found', 'No such complaint.');
  if (!mayAct(user, complaint, await teamsOf(trx, user))) {
    return refused('forbidden', 'Only the complaint’s owner, its team or a supervisor can act on it.');
  }
  if (await interactionExists(trx, args.lineId)) return refused('conflict', 'A timeline line with this id already exists.');
  const event = { ...args.event, by: user.id };
  if (event.type === 'assign') {
    const issues = await holderIssues(trx, 'args.event', event.ownerId, event.teamId);
    if (issues.length > 0) return { ok: false, error: payloadRefusal(issues) };
  }
  const settings = await readComplaintSettings(trx);
  const outcome = applyComplaintEvent(complaint, event, { rootCauses: rootCauseCodes(settings) });
  if (!outcome.ok) return { ok: false, error: workflowRefusal(outcome.error) };
  const next = outcome.complaint;
  const line = complaintLine({ id: args.lineId, complaint: next, step: event.type, at: event.at, agentId: user.id, text: eventText(event) });
  await updateComplaint(trx, next);
  await insertInteractions(trx, [line]);
  return applied({ entity: 'complaint', op: 'put', data: next }, { entity: 'interaction', op: 'put', data: line });
};

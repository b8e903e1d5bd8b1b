import { complaintFromLogged } from '../../shared/complaints/workflow';
import { customerExists } from '../db/customer-queries';
import { interactionExists } from '../db/interaction-queries';
import type { Queryable } from '../db/schema';
import { insertInteractions } from '../db/interaction-queries';
import { applied, type MutationHandler, refused } from '../sync/mutations/mutation-handler';
import { categoryIssues, holderIssues, type Issue, payloadRefusal } from './complaint-checks';
import { complaintLine } from './complaint-line';
import { findComplaint, insertComplaint, readComplaintSettings } from './complaint-queries';

/** Linked interactions must be this customer's: a complaint never points into another customer's history. */
async function linkIssues(trx: Queryable, customerId: string, ids: readonly string[]): Promise<Issue[]> {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('interactions').select(['id', 'customer_id']).where('id', 'in', [...ids]).execute();
  const owner = new Map(rows.map((row) => [row.id, row.customer_id]));
  return ids.flatMap((id, index): Issue[] => (owner.get(id) === customerId ? [] : [{ path: `args.complaint.linkedInteractionIds.${index}`, message: 'not-this-customers' }]));
}

/**
 * `complaint.log`: any agent may log one, for any customer. A complaint
 * logged with neither owner nor team is owned by whoever logged it, so it
 * shows in their "mine" and its clock has someone to chase.
 */
export const logComplaint: MutationHandler<'complaint.log'> = async (args, { trx, user }) => {
  const logged = args.complaint;
  if (!(await customerExists(trx, logged.customerId))) return refused('not-found', 'No such customer; it may have been merged or removed.');
  if (await findComplaint(trx, logged.id)) return refused('conflict', 'A complaint with this id already exists.');
  if (await interactionExists(trx, args.lineId)) return refused('conflict', 'A timeline line with this id already exists.');
  const settings = await readComplaintSettings(trx);
  const issues = [
    ...categoryIssues(settings, logged.category, logged.subCategory),
    ...(await holderIssues(trx, 'args.complaint', logged.ownerId, logged.teamId)),
    ...(await linkIssues(trx, logged.customerId, logged.linkedInteractionIds)),
  ];
  if (issues.length > 0) return { ok: false, error: payloadRefusal(issues) };
  const unowned = logged.ownerId === null && logged.teamId === null;
  const complaint = complaintFromLogged(unowned ? { ...logged, ownerId: user.id } : logged);
  const line = complaintLine({ id: args.lineId, complaint, step: 'logged', at: complaint.openedAt, agentId: user.id, text: complaint.description });
  await insertComplaint(trx, complaint);
  await insertInteractions(trx, [line]);
  return applied({ entity: 'complaint', op: 'put', data: complaint }, { entity: 'interaction', op: 'put', data: line });
};

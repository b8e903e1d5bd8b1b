import { followUpLine, newFollowUp, recordOutcome } from '../../shared/follow-ups/follow-up-life';
import { dueTimeProblem } from '../../shared/follow-ups/follow-up';
import { insertInteractions, interactionExists } from '../db/interaction-queries';
import { applied, type MutationHandler, refused } from '../sync/mutations/mutation-handler';
import { checkNewFollowUp } from './follow-up-checks';
import { findFollowUp, insertFollowUp, saveFollowUp } from './follow-up-store';

/**
 * `followUp.schedule`: a follow-up by hand, signed by whoever pushed it. Its
 * `scheduled` line goes on the customer's timeline under the desktop's id.
 */
export const scheduleFollowUp: MutationHandler<'followUp.schedule'> = async (args, { trx, user, now }) => {
  if (args.assigneeId === null && args.queueId === null) {
    return refused('invalid-payload', 'Give the follow-up to someone or to a queue.', { issues: [{ path: 'assigneeId', message: 'an assignee or a queue is needed' }] });
  }
  const problem = await checkNewFollowUp(trx, args, now);
  if (problem) return { ok: false, error: problem };
  if (await findFollowUp(trx, args.followUpId)) return refused('conflict', 'A follow-up with this id already exists.');
  if (await interactionExists(trx, args.lineId)) return refused('conflict', 'An interaction with this id already exists.');
  const followUp = newFollowUp(args, 'agent', user.id, now);
  const [scheduled] = followUp.history;
  if (!scheduled) throw new Error('a new follow-up has its scheduled entry');
  const line = followUpLine(followUp, scheduled);
  await insertFollowUp(trx, followUp);
  await insertInteractions(trx, [line]);
  return applied({ entity: 'followUp', op: 'put', data: followUp }, { entity: 'interaction', op: 'put', data: line });
};

/**
 * `followUp.record`: the agent's outcome. A done or cancelled follow-up
 * refuses more (`conflict`, saying which); a new due time must be sane.
 */
export const recordFollowUp: MutationHandler<'followUp.record'> = async (args, { trx, user, now }) => {
  const followUp = await findFollowUp(trx, args.followUpId);
  if (!followUp) return refused('not-found', 'No such follow-up.');
  if (args.dueAt !== null) {
    const due = dueTimeProblem(args.dueAt, now);
    if (due) return refused('invalid-payload', due, { issues: [{ path: 'dueAt', message: due }] });
  }
  if (await interactionExists(trx, args.lineId)) return refused('conflict', 'An interaction with this id already exists.');
  const result = recordOutcome(followUp, args, user.id, now);
  if (!result.ok) return refused('conflict', result.message);
  const line = followUpLine(result.followUp, result.entry);
  await saveFollowUp(trx, result.followUp);
  await insertInteractions(trx, [line]);
  return applied({ entity: 'followUp', op: 'put', data: result.followUp }, { entity: 'interaction', op: 'put', data: line });
};

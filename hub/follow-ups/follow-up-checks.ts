import type { HubError } from '../../shared/protocol/errors';
import { dueTimeProblem } from '../../shared/follow-ups/follow-up';
import { customerExists } from '../db/customer-queries';
import { findProfile } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import { findUser } from '../db/user-queries';

const problem = (code: HubError['code'], message: string, path: string): HubError => ({ code, message, issues: [{ path, message }] });

/**
 * What a new follow-up must be, whoever schedules it: a customer that exists,
 * an assignee who can take work (an agent or supervisor with a routing
 * profile, not an administrator), a queue that exists, a sane due time.
 * Answers the first problem, or null.
 */
export async function checkNewFollowUp(
  db: Queryable,
  target: { customerId: string; assigneeId: string | null; queueId: string | null; dueAt: number },
  now: number,
): Promise<HubError | null> {
  if (!(await customerExists(db, target.customerId))) return problem('not-found', 'No such customer; it may have been merged or removed.', 'customerId');
  if (target.assigneeId !== null) {
    const user = await findUser(db, target.assigneeId);
    if (!user) return problem('not-found', 'No such user to give the follow-up to.', 'assigneeId');
    if (user.role === 'admin' || !(await findProfile(db, user.id))) {
      return problem('conflict', `${user.displayName} does not take work (no agent profile), so cannot be given a follow-up.`, 'assigneeId');
    }
  }
  if (target.queueId !== null) {
    const queue = await db.selectFrom('queues').select('id').where('id', '=', target.queueId).executeTakeFirst();
    if (!queue) return problem('not-found', 'No such queue.', 'queueId');
  }
  const due = dueTimeProblem(target.dueAt, now);
  if (due) return problem('invalid-payload', due, 'dueAt');
  return null;
}

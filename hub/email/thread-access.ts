import type { EmailThread } from '../../shared/domain/email';
import type { User } from '../../shared/domain/user';
import { findEmailThreadByTask } from '../db/email-queries';
import { findTask } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import { refuse } from '../sync/refusal';

/**
 * The email thread behind a task, if this user may see it: the agent holding
 * the task, the one it is ringing for (reading only), or a supervisor.
 * `mustHold`: writing (a reply) needs the task in hand.
 */
export async function agentThread(db: Queryable, user: User, taskId: string, mustHold: boolean): Promise<EmailThread> {
  const task = await findTask(db, taskId);
  const thread = task ? await findEmailThreadByTask(db, taskId) : null;
  if (!task || !thread) throw refuse('not-found', 'No email thread for this task.');
  const holds = task.assignedTo === user.id && task.status !== 'done';
  const rings = !mustHold && task.offeredTo === user.id;
  if (!holds && !rings && user.role !== 'supervisor') throw refuse('forbidden', 'This email belongs to another agent.');
  return thread;
}

/**
 * Who works an email thread: the agent who holds (or last held) its task,
 * and supervisors, who may step in. They alone write in it and open its files.
 */
export async function worksThread(db: Queryable, thread: EmailThread, user: User): Promise<boolean> {
  if (user.role === 'supervisor') return true;
  if (user.role !== 'agent' || thread.taskId === null) return false;
  const task = await findTask(db, thread.taskId);
  return task?.assignedTo === user.id;
}

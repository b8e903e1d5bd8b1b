import type { EmailThread } from '../../../shared/domain/email';
import type { User } from '../../../shared/domain/user';
import { findTask } from '../../db/routing-queries';
import type { Queryable } from '../../db/schema';

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

import type { Complaint } from '../../shared/complaints/complaint';
import type { User } from '../../shared/domain/user';
import { findProfile } from '../db/routing-queries';
import type { Queryable } from '../db/schema';

/**
 * A complaint's team is a queue: its members are the agents who work that
 * queue (their routing profile). Supervisors and administrators see and act
 * on every complaint; an agent on the ones they own or their team holds.
 */
export async function teamsOf(db: Queryable, user: User): Promise<string[]> {
  return (await findProfile(db, user.id))?.queueIds ?? [];
}

export const seesAll = (user: User): boolean => user.role === 'supervisor' || user.role === 'admin';

export function mayAct(user: User, complaint: Complaint, teams: readonly string[]): boolean {
  if (seesAll(user) || complaint.ownerId === user.id) return true;
  return complaint.teamId !== null && teams.includes(complaint.teamId);
}

import type { ComplaintTransitionError } from '../../shared/complaints/workflow';
import type { ComplaintPayloadCode, ComplaintSettings } from '../../shared/protocol/complaints';
import type { HubError } from '../../shared/protocol/errors';
import { listQueues } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import { findUser } from '../db/user-queries';

/**
 * Checks of a complaint against the admin's trees and the hub's users and
 * queues, and the refusals the desk reads a specific code from (the
 * convention is written down in shared/protocol/complaints.ts).
 */

export type Issue = { path: string; message: ComplaintPayloadCode };

/** The category must be in the tree, and a sub-category one of its children. */
export function categoryIssues(settings: ComplaintSettings, category: string, subCategory: string | null): Issue[] {
  const node = settings.categories.find((candidate) => candidate.code === category);
  if (!node) return [{ path: 'args.complaint.category', message: 'unknown-category' }];
  if (subCategory !== null && !node.children.some((child) => child.code === subCategory)) {
    return [{ path: 'args.complaint.subCategory', message: 'unknown-sub-category' }];
  }
  return [];
}

/** An owner must be a user and a team a queue; `at` is where the two sit in the mutation (`args.complaint`, `args.event`). */
export async function holderIssues(db: Queryable, at: string, ownerId: string | null, teamId: string | null): Promise<Issue[]> {
  const issues: Issue[] = [];
  if (ownerId !== null && !(await findUser(db, ownerId))) issues.push({ path: `${at}.ownerId`, message: 'unknown-owner' });
  if (teamId !== null && !(await listQueues(db)).some((queue) => queue.id === teamId)) issues.push({ path: `${at}.teamId`, message: 'unknown-team' });
  return issues;
}

export const rootCauseCodes = (settings: ComplaintSettings): Set<string> => new Set(settings.rootCauses.map((cause) => cause.code));

export function payloadRefusal(issues: readonly Issue[]): HubError {
  const what = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return { code: 'invalid-payload', message: `The complaint is not valid: ${what}.`, issues: [...issues] };
}

/** Which field a workflow refusal is about, so the desk can put the message beside it. */
const FIELD: Record<ComplaintTransitionError['code'], string> = {
  'invalid-transition': 'args.event.type',
  'time-went-backwards': 'args.event.at',
  'resolution-note-required': 'args.event.note',
  'root-cause-required': 'args.event.rootCause',
  'unknown-root-cause': 'args.event.rootCause',
  'already-awaiting-customer': 'args.event.type',
  'not-awaiting-customer': 'args.event.type',
  'reopen-reason-required': 'args.event.reason',
};

/** A root cause outside the list is bad input like an unknown category; every other refusal is a conflict with the complaint's state. */
export function workflowRefusal(error: ComplaintTransitionError): HubError {
  const issues = [{ path: FIELD[error.code], message: error.code }];
  if (error.code === 'unknown-root-cause') return { code: 'invalid-payload', message: `The complaint is not valid: ${error.message}.`, issues };
  return { code: 'conflict', message: `${error.message[0]?.toUpperCase() ?? ''}${error.message.slice(1)}.`, issues };
}

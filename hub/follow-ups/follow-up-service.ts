import type { Kysely } from 'kysely';
import type { Complaint } from '../../shared/complaints/complaint';
import { UlidSchema } from '../../shared/domain/ids';
import type { User } from '../../shared/domain/user';
import type { FollowUp } from '../../shared/follow-ups/follow-up';
import { followUpLine, isOverdue, newFollowUp } from '../../shared/follow-ups/follow-up-life';
import { type FollowUpRule, type FollowUpSettings, planRuleFollowUp, ruleFollowUpId } from '../../shared/follow-ups/rules';
import type { Change } from '../../shared/protocol/changes';
import type { FollowUpListRequestSchema, FollowUpView } from '../../shared/protocol/follow-ups';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { appendChanges } from '../db/change-log';
import { insertInteractions } from '../db/interaction-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { newId } from '../ids';
import { refuse } from '../sync/refusal';
import { checkNewFollowUp } from './follow-up-checks';
import { findFollowUp, insertFollowUp, listOpenFollowUps, readFollowUpSettings, saveFollowUpSettings } from './follow-up-store';

export type FollowUpServiceDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  /** Sends committed changes to the desktops (the same path as pushed mutations). */
  broadcast: (changes: Change[]) => void;
  /** A follow-up was written outside a routing step: the scheduler sets its timer again. */
  scheduled: () => void;
};

export type FollowUpService = {
  list(user: User, request: z.output<typeof FollowUpListRequestSchema>): Promise<FollowUpView[]>;
  settings(): Promise<FollowUpSettings>;
  saveSettings(settings: FollowUpSettings): Promise<FollowUpSettings>;
  /** A complaint was resolved: a satisfaction check (complaint-check) N days on, given to its owner when they take work. */
  scheduleAfterComplaintResolved(complaint: Complaint): Promise<FollowUp | null>;
  /** A customer became VIP: a welcome call. */
  scheduleWelcomeForNewVip(customerId: string): Promise<FollowUp | null>;
  /** A customer entered the decline stage (退化期): a retention call. */
  scheduleRetentionForDecline(customerId: string): Promise<FollowUp | null>;
};

export function createFollowUpService(deps: FollowUpServiceDeps): FollowUpService {
  const { db, writeQueue, clock } = deps;

  /**
   * One rule's follow-up for one subject, at most once ever: its id comes from
   * the rule and the subject (rules.ts), so firing again answers the first
   * one. Null when the rule is off or the customer is gone. Written in its own
   * transaction and broadcast like a pushed mutation.
   */
  async function fromRule(rule: FollowUpRule, subjectId: string, customerId: string, at: number, assignee: string | null): Promise<FollowUp | null> {
    const id = ruleFollowUpId(rule, subjectId);
    const written = await writeQueue(async () => {
      const outcome = await db.transaction().execute(async (trx) => {
        const existing = await findFollowUp(trx, id);
        if (existing) return { followUp: existing, changes: [] };
        const plan = planRuleFollowUp(rule, await readFollowUpSettings(trx), at);
        if (!plan) return { followUp: null, changes: [] };
        const now = clock();
        // Someone who no longer takes work (or a team name, not a user) leaves it to the queues.
        const assigneeId = assignee !== null && (await checkNewFollowUp(trx, { customerId, assigneeId: assignee, queueId: null, dueAt: plan.dueAt }, now)) === null ? assignee : null;
        if (await checkNewFollowUp(trx, { customerId, assigneeId, queueId: null, dueAt: plan.dueAt }, now)) return { followUp: null, changes: [] };
        const followUp = newFollowUp(
          { followUpId: id, lineId: newId(now), customerId, kind: plan.kind, dueAt: plan.dueAt, assigneeId, queueId: null, priority: plan.priority, notes: '' },
          plan.origin,
          null,
          now,
        );
        await insertFollowUp(trx, followUp, `${rule}:${subjectId}`);
        const lines = followUp.history.map((entry) => followUpLine(followUp, entry));
        await insertInteractions(trx, lines);
        const changes = await appendChanges(trx, [{ entity: 'followUp', op: 'put', data: followUp }, ...lines.map((data) => ({ entity: 'interaction' as const, op: 'put' as const, data }))]);
        return { followUp, changes };
      });
      // Still inside the write queue, so broadcasts leave in seq order.
      if (outcome.changes.length > 0) deps.broadcast(outcome.changes);
      return outcome;
    });
    if (written.changes.length > 0) deps.scheduled();
    return written.followUp;
  }

  return {
    async list(user, request) {
      if (request.everyone && user.role === 'agent') throw refuse('forbidden', 'Only supervisors and administrators see everyone\'s follow-ups.');
      const now = clock();
      const followUps = await listOpenFollowUps(db, {
        assigneeId: request.everyone ? null : user.id,
        overdueAt: request.scope === 'overdue' ? now : null,
        limit: request.limit,
      });
      const customerIds = [...new Set(followUps.map((f) => f.customerId))];
      const userIds = [...new Set(followUps.flatMap((f) => (f.assigneeId ? [f.assigneeId] : [])))];
      const customers = customerIds.length ? await db.selectFrom('customers').select(['id', 'name', 'number']).where('id', 'in', customerIds).execute() : [];
      const users = userIds.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [];
      const customerOf = new Map(customers.map((c) => [c.id, c]));
      const nameOf = new Map(users.map((u) => [u.id, u.display_name]));
      return followUps.map((followUp) => ({
        ...followUp,
        customerName: customerOf.get(followUp.customerId)?.name ?? '',
        customerNumber: customerOf.get(followUp.customerId)?.number ?? '',
        assigneeName: followUp.assigneeId ? (nameOf.get(followUp.assigneeId) ?? null) : null,
        overdue: isOverdue(followUp, now),
      }));
    },

    settings: () => readFollowUpSettings(db),

    saveSettings: (settings) =>
      writeQueue(async () => {
        await saveFollowUpSettings(db, settings);
        return settings;
      }),

    scheduleAfterComplaintResolved: (complaint) =>
      fromRule(
        'after-complaint',
        complaint.id,
        complaint.customerId,
        complaint.resolution?.resolvedAt ?? clock(),
        complaint.ownerId !== null && UlidSchema.safeParse(complaint.ownerId).success ? complaint.ownerId : null,
      ),

    scheduleWelcomeForNewVip: (customerId) => fromRule('new-vip', customerId, customerId, clock(), null),

    scheduleRetentionForDecline: (customerId) => fromRule('decline', customerId, customerId, clock(), null),
  };
}

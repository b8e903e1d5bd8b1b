import { applyComplaintEvent, complaintFromLogged } from '../../shared/complaints/workflow';
import type { Mutation } from '../../shared/protocol/mutations';
import type { CustomerRow, Identity, Interaction, OutboxEntry, TargetRow, TargetTable } from '../db/rows';
import { withTerms } from '../db/search-terms';
import { newFollowUp, recordOutcome } from '../../shared/follow-ups/follow-up-life';

/**
 * The optimistic half of each mutation, as pure functions over one row: what
 * the mutation changes locally, and how to replay the waiting ones on top of
 * whatever the hub says (a rebase), so a hub change never erases typed work
 * and a refusal puts back exactly the hub's row.
 */

export type Target = { table: TargetTable; key: string };

export const targetKey = (target: Target): string => `${target.table}/${target.key}`;

export function parseTargetKey(key: string): Target {
  const slash = key.indexOf('/');
  const table = key.slice(0, slash);
  if (table !== 'customers' && table !== 'identities' && table !== 'interactions' && table !== 'complaints' && table !== 'followUps') {
    throw new Error(`not a target key: ${key}`);
  }
  return { table, key: key.slice(slash + 1) };
}

export function targetOf(mutation: Mutation): Target {
  switch (mutation.name) {
    case 'interaction.addNote':
      return { table: 'interactions', key: mutation.args.interactionId };
    case 'customer.update':
      return { table: 'customers', key: mutation.args.customerId };
    case 'customer.addIdentity':
    case 'customer.removeIdentity':
      return { table: 'identities', key: mutation.args.identityId };
    case 'customer.merge':
      // The duplicate's row stands for the whole merge: hiding it is the local change, putting it back undoes it.
      return { table: 'customers', key: mutation.args.duplicateId };
    // ── complaints (hub/complaints/) ──
    case 'complaint.log':
      return { table: 'complaints', key: mutation.args.complaint.id };
    case 'complaint.act':
      return { table: 'complaints', key: mutation.args.complaintId };
    // ── follow-ups (hub/follow-ups/) ──
    case 'followUp.schedule':
    case 'followUp.record':
      return { table: 'followUps', key: mutation.args.followUpId };
    // ── customer value (hub/crm/) ──
    case 'email.send':
      return { table: 'interactions', key: mutation.args.emailId };
  }
}

/** The row after `mutation`, given the row before it (null = absent). */
export function applyOptimistic(mutation: Mutation, base: TargetRow | null, agentId: string | null): TargetRow | null {
  switch (mutation.name) {
    case 'interaction.addNote': {
      // Once the hub's own row is here, it is the truth; ours was only a stand-in.
      if (base) return base;
      const { interactionId, customerId, text, occurredAt } = mutation.args;
      return { id: interactionId, customerId, occurredAt, agentId, channel: 'note', text } satisfies Interaction;
    }
    case 'customer.update': {
      if (!base || !('terms' in base)) return base;
      return withTerms({ ...base, ...mutation.args.patch, updatedAt: Math.max(base.updatedAt, mutation.createdAt) }) satisfies CustomerRow;
    }
    case 'customer.addIdentity': {
      if (base) return base;
      const { identityId, customerId, kind, value } = mutation.args;
      return { id: identityId, customerId, kind, value } satisfies Identity;
    }
    case 'customer.removeIdentity':
    case 'customer.merge':
      return null;
    // ── complaints (hub/complaints/) ──
    case 'complaint.log':
      // Once the hub's row is here it is the truth (its status may have moved on meanwhile).
      return base ?? complaintFromLogged(mutation.args.complaint);
    case 'complaint.act': {
      if (!base || !('severity' in base)) return base;
      // The hub stamps the pushing user as `by`; a step this desktop cannot apply is left for the hub to refuse.
      const result = applyComplaintEvent(base, { ...mutation.args.event, by: agentId ?? mutation.args.event.by });
      return result.ok ? result.complaint : base;
    }
    // ── follow-ups (hub/follow-ups/) ──
    case 'followUp.schedule':
      // Once the hub's row is here it is the truth (it may already be due).
      return base ?? newFollowUp(mutation.args, 'agent', agentId, mutation.createdAt);
    case 'followUp.record': {
      if (!base || !('history' in base)) return base;
      // An outcome the hub will refuse (already closed) changes nothing here either.
      const result = recordOutcome(base, mutation.args, agentId, mutation.createdAt);
      return result.ok ? result.followUp : base;
    }
    // ── customer value (hub/crm/) ──
    case 'email.send': {
      if (base) return base;
      // The timeline shows the mail at once; the hub's row (with its Message-ID and ticket token) replaces it.
      const { emailId, customerId, threadId, to, cc, subject, text, html, attachments, occurredAt } = mutation.args;
      return {
        id: emailId,
        customerId,
        occurredAt,
        agentId,
        channel: 'email',
        direction: 'outbound',
        from: '',
        to: to.map((a) => a.address).join(', ').slice(0, 320),
        subject,
        body: text,
        attachments: [],
        threadId,
        cc: cc.map((a) => a.address),
        html,
        attachmentIds: attachments.map((a) => a.attachmentId),
      } satisfies Interaction;
    }
  }
}

export type Rebased = {
  row: TargetRow | null;
  /** The preimage each entry now has, in the order given. */
  preimages: (TargetRow | null)[];
};

/** Replays waiting mutations (in outbox order) over `base`, recording each one's new preimage. */
export function rebase(base: TargetRow | null, entries: readonly Pick<OutboxEntry, 'mutation' | 'agentId'>[]): Rebased {
  let row = base;
  const preimages: (TargetRow | null)[] = [];
  for (const entry of entries) {
    preimages.push(row);
    row = applyOptimistic(entry.mutation, row, entry.agentId);
  }
  return { row, preimages };
}

/**
 * Take one mutation out of the replay (refused, or applied with its change
 * already in the cache): start again from the hub's row as it stood before
 * the first still-waiting mutation on the same target, and replay the
 * others. `entries` are all waiting entries on that target, in order, the
 * one taken out included.
 */
export function rollback<E extends Pick<OutboxEntry, 'id' | 'mutation' | 'agentId' | 'preimage'>>(
  refusedId: string,
  entries: readonly E[],
): Rebased & { remaining: E[] } {
  const base = entries[0]?.preimage ?? null;
  const remaining = entries.filter((entry) => entry.id !== refusedId);
  return { ...rebase(base, remaining), remaining };
}

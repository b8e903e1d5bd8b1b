import {
  actOnComplaint,
  addIdentity,
  addNote,
  logComplaint,
  mergeCustomers,
  recordFollowUp,
  removeIdentity,
  scheduleFollowUp,
  updateCustomer,
} from '../../../../renderer/sync/mutations';
import type { Mutation } from '../../../../shared/protocol/mutations';
import type { ChaosDesktop } from './chaos-desktop';
import type { AgentChange } from './chaos-script';

const DAY_MS = 86_400_000;

/** The i-th of what the desktop shows (ids sort in creation order), or null when it shows nothing. */
function nth<T extends { id: string }>(rows: T[], index: number): T | null {
  if (rows.length === 0) return null;
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows[index % rows.length] ?? null;
}

/**
 * Makes one change on `desktop` the way its UI does: through the renderer's
 * mutation functions, on an entity from the desktop's own cache. Returns the
 * mutation queued, or null when there was nothing to act on.
 */
export async function makeChange(desktop: ChaosDesktop, change: AgentChange): Promise<Mutation | null> {
  const { db } = desktop;
  const ctx = desktop.mutation;
  switch (change.kind) {
    case 'note': {
      const customer = nth(await db.customers.toArray(), change.customer);
      return customer ? addNote(ctx, customer.id, change.text) : null;
    }
    case 'edit': {
      const customer = nth(await db.customers.toArray(), change.customer);
      return customer ? updateCustomer(ctx, customer.id, change.patch) : null;
    }
    case 'add-identity': {
      const customer = nth(await db.customers.toArray(), change.customer);
      if (!customer) return null;
      const value = change.identity === 'phone' ? `+86 139 0000 ${1000 + change.value}` : `Chaos${change.value}@Example.com`;
      return addIdentity(ctx, customer.id, change.identity, value);
    }
    case 'remove-identity': {
      const identity = nth(await db.identities.toArray(), change.identity);
      return identity ? removeIdentity(ctx, identity) : null;
    }
    case 'merge': {
      const customers = await db.customers.toArray();
      const survivor = nth(customers, change.survivor);
      const duplicate = nth(customers, change.duplicate);
      // One customer cannot be merged into itself: the screen offers no such choice.
      if (!survivor || !duplicate || survivor.id === duplicate.id) return null;
      return mergeCustomers(ctx, survivor.id, duplicate.id);
    }
    case 'log-complaint': {
      const customer = nth(await db.customers.toArray(), change.customer);
      if (!customer) return null;
      return logComplaint(ctx, {
        customerId: customer.id,
        channel: 'call',
        category: change.category,
        subCategory: null,
        severity: change.severity,
        description: 'chaos: the parcel never came',
        customerRequest: '',
        linkedInteractionIds: [],
        orderRefs: [],
        ownerId: null,
        teamId: null,
      });
    }
    case 'act-complaint': {
      const complaint = nth(await db.complaints.toArray(), change.complaint);
      return complaint ? actOnComplaint(ctx, complaint.id, change.step) : null;
    }
    case 'schedule-follow-up': {
      const customer = nth(await db.customers.toArray(), change.customer);
      if (!customer) return null;
      return scheduleFollowUp(ctx, {
        customerId: customer.id,
        kind: 'callback',
        dueAt: Date.now() + change.dueInDays * DAY_MS,
        assigneeId: desktop.mutation.agentId,
        queueId: null,
        priority: 'normal',
        notes: 'chaos',
      });
    }
    case 'record-follow-up': {
      const followUp = nth(await db.followUps.toArray(), change.followUp);
      if (!followUp) return null;
      const dueAt = change.outcome === 'rescheduled' ? Date.now() + 7 * DAY_MS : null;
      return recordFollowUp(ctx, followUp.id, { outcome: change.outcome, dueAt, note: '' });
    }
  }
}

import type { Complaint } from '../../shared/complaints/complaint';
import type { Customer, Identity } from '../../shared/domain/customer';
import type { Interaction } from '../../shared/domain/interaction';
import type { Mutation } from '../../shared/protocol/mutations';
import type { CustomerValueRecord } from '../../shared/protocol/customer-value';
import type { FollowUp } from '../../shared/follow-ups/follow-up';

/** A customer as cached: the hub's row plus the search terms its `*terms` index is built from. */
export type CustomerRow = Customer & { terms: string[] };

export type { Identity, Interaction };

/** The tables a mutation can change optimistically, and the row each holds. */
export type TargetRows = {
  customers: CustomerRow;
  identities: Identity;
  // ── complaints (hub/complaints/) ──
  complaints: Complaint;
  // ── follow-ups (hub/follow-ups/) ──
  followUps: FollowUp;
  // ── customer value (hub/crm/) ──
  customerValues: CustomerValueRecord;
  interactions: Interaction;
};
export type TargetTable = keyof TargetRows;
export type TargetRow = TargetRows[TargetTable];

/**
 * One waiting mutation. `preimage` is the target row as it stood before this
 * mutation (null = absent), kept current as hub changes arrive, so a refusal
 * can put back exactly what the hub holds.
 */
export type OutboxEntry = {
  /** Auto-increment: outbox order is push order. */
  order?: number;
  id: string;
  mutation: Mutation;
  targetKey: string;
  /** Who made it, so the optimistic row can be rebuilt the same way later. */
  agentId: string | null;
  preimage: TargetRow | null;
  attempts: number;
};

export type MetaRow = { key: string; value: unknown };

import { ulid } from 'ulid';
import type { CountryCode } from 'libphonenumber-js/min';
import type { ComplaintEvent, ComplaintLogged } from '../../shared/complaints/workflow';
import type { CustomerPatch, Identity, IdentityKind } from '../../shared/domain/customer';
import { normaliseEmail } from '../../shared/domain/email';
import { toE164 } from '../../shared/phone/e164';
import { type Mutation, MutationSchema } from '../../shared/protocol/mutations';
import type { EmailSendArgs } from '../../shared/protocol/email-outbound';
import type { SwitchboardDb } from '../db/schema';
import { readTarget, tableOf, writeTarget } from '../db/targets';
import { applyOptimistic, targetKey, targetOf } from './optimistic';

/** Who is typing and how their input is read; bound once per session. */
export type MutationContext = {
  db: SwitchboardDb;
  agentId: string | null;
  region: CountryCode;
  now?: () => number;
};

/** The mutation did not pass the contract's own schema: nothing was written. */
export class InvalidMutationError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid mutation: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'InvalidMutationError';
  }
}

/** An identity value that is not a phone number or email address we can store. */
export class InvalidIdentityError extends Error {
  constructor(readonly kind: IdentityKind) {
    super(`not a valid ${kind}`);
    this.name = 'InvalidIdentityError';
  }
}

/**
 * The one way the desktop changes data: validate the mutation, then write the
 * optimistic row and the outbox entry in ONE Dexie transaction — so either
 * the agent sees the change and it will be sent, or neither.
 */
export async function commitMutation(ctx: MutationContext, mutation: Mutation): Promise<Mutation> {
  const parsed = MutationSchema.safeParse(mutation);
  if (!parsed.success) {
    throw new InvalidMutationError(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  }
  const { db, agentId } = ctx;
  const target = targetOf(parsed.data);
  await db.transaction('rw', [tableOf(db, target), db.outbox], async () => {
    const before = await readTarget(db, target);
    await writeTarget(db, target, applyOptimistic(parsed.data, before, agentId));
    await db.outbox.add({ id: parsed.data.id, mutation: parsed.data, targetKey: targetKey(target), agentId, preimage: before, attempts: 0 });
  });
  return parsed.data;
}

const stamp = (ctx: MutationContext) => ({ id: ulid(), createdAt: (ctx.now ?? Date.now)() });

export function addNote(ctx: MutationContext, customerId: string, text: string): Promise<Mutation> {
  const { id, createdAt } = stamp(ctx);
  return commitMutation(ctx, {
    id,
    createdAt,
    name: 'interaction.addNote',
    args: { interactionId: ulid(), customerId, text: text.trim(), occurredAt: createdAt },
  });
}

export function updateCustomer(ctx: MutationContext, customerId: string, patch: CustomerPatch): Promise<Mutation> {
  return commitMutation(ctx, { ...stamp(ctx), name: 'customer.update', args: { customerId, patch } });
}

/** Phones become E.164 in the agent's region and emails lower-case, as the hub stores them. */
export function normaliseIdentity(kind: IdentityKind, raw: string, region: CountryCode): string | null {
  switch (kind) {
    case 'phone':
      return toE164(raw, region);
    case 'email':
      return normaliseEmail(raw);
    case 'visitor':
      return raw.trim() || null;
  }
}

export function addIdentity(ctx: MutationContext, customerId: string, kind: IdentityKind, raw: string): Promise<Mutation> {
  const value = normaliseIdentity(kind, raw, ctx.region);
  if (value === null) return Promise.reject(new InvalidIdentityError(kind));
  return commitMutation(ctx, {
    ...stamp(ctx),
    name: 'customer.addIdentity',
    args: { identityId: ulid(), customerId, kind, value },
  });
}

/** A reply, reply-all or forward: on the timeline at once, sent by the hub when the outbox reaches it. */
export function sendEmail(ctx: MutationContext, args: Omit<EmailSendArgs, 'emailId' | 'occurredAt'>): Promise<Mutation> {
  const { id, createdAt } = stamp(ctx);
  return commitMutation(ctx, { id, createdAt, name: 'email.send', args: { ...args, emailId: ulid(), occurredAt: createdAt } });
}

export function removeIdentity(ctx: MutationContext, identity: Pick<Identity, 'id' | 'customerId'>): Promise<Mutation> {
  return commitMutation(ctx, {
    ...stamp(ctx),
    name: 'customer.removeIdentity',
    args: { identityId: identity.id, customerId: identity.customerId },
  });
}

/**
 * Merge `duplicateId` into `survivorId`: offline too. The duplicate leaves this
 * desktop's lists at once; its history reaches the survivor's timeline when
 * the hub has moved it (the changes follow), and a refusal brings it back.
 */
export function mergeCustomers(ctx: MutationContext, survivorId: string, duplicateId: string): Promise<Mutation> {
  return commitMutation(ctx, { ...stamp(ctx), name: 'customer.merge', args: { survivorId, duplicateId, auditId: ulid() } });
}

/** What the log-complaint form gathers; ids, times and the first timeline line are made here. */
export type ComplaintDraft = Omit<ComplaintLogged, 'id' | 'at'>;

/** Log a complaint, offline too: it is in the agent's lists at once, its `logged` timeline line comes with the hub's answer. */
export function logComplaint(ctx: MutationContext, draft: ComplaintDraft): Promise<Mutation> {
  const { id, createdAt } = stamp(ctx);
  return commitMutation(ctx, { id, createdAt, name: 'complaint.log', args: { complaint: { ...draft, id: ulid(), at: createdAt }, lineId: ulid() } });
}

/** Event fields without `at` and `by`, which are filled in here (the hub overwrites `by` with the pushing user). */
export type ComplaintStep = ComplaintEvent extends infer E ? (E extends ComplaintEvent ? Omit<E, 'at' | 'by'> : never) : never;

/** One workflow step on a complaint; `at` is now, so a step taken offline keeps its time. */
export function actOnComplaint(ctx: MutationContext, complaintId: string, step: ComplaintStep): Promise<Mutation> {
  const { id, createdAt } = stamp(ctx);
  // The hub writes the pushing user over `by`; without a signed-in agent (scripts) any name stands in.
  const event: ComplaintEvent = { ...step, at: createdAt, by: ctx.agentId ?? 'desktop' };
  return commitMutation(ctx, { id, createdAt, name: 'complaint.act', args: { complaintId, lineId: ulid(), event } });
}

/** What the schedule form gathers; the follow-up's id, its `scheduled` line's id and the time stamp are made here. */
export type FollowUpDraft = Omit<import('../../shared/protocol/follow-ups').FollowUpScheduleArgs, 'followUpId' | 'lineId'>;

/** Schedule a follow-up, offline too: it is on my list at once; its timeline line comes with the hub's answer. */
export function scheduleFollowUp(ctx: MutationContext, draft: FollowUpDraft): Promise<Mutation> {
  return commitMutation(ctx, { ...stamp(ctx), name: 'followUp.schedule', args: { ...draft, followUpId: ulid(), lineId: ulid() } });
}

/** What came of a follow-up; `at` is now, so an outcome recorded offline keeps its time. */
export function recordFollowUp(ctx: MutationContext, followUpId: string, outcome: Pick<import('../../shared/protocol/follow-ups').FollowUpRecordArgs, 'outcome' | 'dueAt' | 'note'>): Promise<Mutation> {
  const { id, createdAt } = stamp(ctx);
  return commitMutation(ctx, { id, createdAt, name: 'followUp.record', args: { ...outcome, followUpId, lineId: ulid(), at: createdAt } });
}

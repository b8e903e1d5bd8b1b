import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from '../domain/ids';
import {
  type ClockPause,
  type Complaint,
  ComplaintChannelSchema,
  ComplaintCodeSchema,
  ComplaintSeveritySchema,
  type ComplaintStatus,
  CompensationSchema,
  NO_COMPENSATION,
} from './complaint';

/**
 * A complaint's life as a pure state machine, like a task's: the hub stores
 * each event, then applies it; a refused event is not stored and its code
 * goes back to whoever asked. Every stored event is also a line on the
 * customer's timeline.
 *
 *   new → acknowledged → investigating → resolved → closed
 *   new / acknowledged → resolved   (put right on first contact)
 *   resolved / closed → investigating   (reopen)
 */

const ActorSchema = z.string().min(1).max(64);
const base = { at: EpochMsSchema, by: ActorSchema };

export const ComplaintEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acknowledge'), ...base }),
  z.object({ type: z.literal('investigate'), ...base }),
  z.object({ type: z.literal('await-customer'), ...base }),
  z.object({ type: z.literal('customer-replied'), ...base }),
  z.object({
    type: z.literal('resolve'),
    ...base,
    // Blank is allowed through the schema so the refusal names what is missing.
    note: z.string().trim().max(4000),
    rootCause: ComplaintCodeSchema.nullable(),
    compensation: CompensationSchema.default(NO_COMPENSATION),
  }),
  z.object({ type: z.literal('close'), ...base }),
  z.object({ type: z.literal('reopen'), ...base, reason: z.string().trim().max(1000) }),
  z.object({ type: z.literal('assign'), ...base, ownerId: ActorSchema.nullable(), teamId: ActorSchema.nullable() }),
]);
export type ComplaintEvent = z.infer<typeof ComplaintEventSchema>;
export type ComplaintEventOf<T extends ComplaintEvent['type']> = Extract<ComplaintEvent, { type: T }>;

export type ComplaintTransitionErrorCode =
  /** The event is not allowed from the complaint's status (resolved → new, closed → closed …). */
  | 'invalid-transition'
  /** Dated before the complaint's last change. */
  | 'time-went-backwards'
  | 'resolution-note-required'
  | 'root-cause-required'
  /** Not in the admin-managed root-cause tree. */
  | 'unknown-root-cause'
  | 'already-awaiting-customer'
  | 'not-awaiting-customer'
  | 'reopen-reason-required';

export type ComplaintTransitionError = { code: ComplaintTransitionErrorCode; message: string };
export type ComplaintTransitionResult = { ok: true; complaint: Complaint } | { ok: false; error: ComplaintTransitionError };

const refuse = (code: ComplaintTransitionErrorCode, message: string): ComplaintTransitionResult => ({ ok: false, error: { code, message } });
const to = (complaint: Complaint): ComplaintTransitionResult => ({ ok: true, complaint });

/** Which events each status accepts; `assign` is accepted until closed. */
const ALLOWED: Record<ComplaintStatus, readonly ComplaintEvent['type'][]> = {
  new: ['acknowledge', 'resolve', 'assign'],
  acknowledged: ['investigate', 'await-customer', 'customer-replied', 'resolve', 'assign'],
  investigating: ['await-customer', 'customer-replied', 'resolve', 'assign'],
  resolved: ['close', 'reopen', 'assign'],
  closed: ['reopen'],
};

export const ComplaintLoggedSchema = z.object({
  id: UlidSchema,
  customerId: UlidSchema,
  channel: ComplaintChannelSchema,
  category: ComplaintCodeSchema,
  subCategory: ComplaintCodeSchema.nullable().default(null),
  severity: ComplaintSeveritySchema,
  description: z.string().trim().min(1).max(4000),
  customerRequest: z.string().trim().max(4000).default(''),
  linkedInteractionIds: z.array(UlidSchema).max(200).default([]),
  orderRefs: z.array(z.string().trim().min(1).max(64)).max(100).default([]),
  ownerId: ActorSchema.nullable().default(null),
  teamId: ActorSchema.nullable().default(null),
  at: EpochMsSchema,
});
export type ComplaintLogged = z.infer<typeof ComplaintLoggedSchema>;

/** A newly logged complaint; its clocks start at `at`. */
export function complaintFromLogged(logged: ComplaintLogged): Complaint {
  const { at, ...rest } = logged;
  return { ...rest, status: 'new', openedAt: at, acknowledgedAt: null, resolution: null, closedAt: null, reopenCount: 0, pauses: [], updatedAt: at };
}

const openPause = (pauses: readonly ClockPause[]) => pauses.find((p) => p.to === null);
const endPauses = (pauses: readonly ClockPause[], at: number): ClockPause[] => pauses.map((p) => (p.to === null ? { ...p, to: at } : p));

export type ComplaintContext = {
  /** Root-cause codes from the admin tree; leave out to accept any well-formed code. */
  rootCauses?: ReadonlySet<string>;
};

export function applyComplaintEvent(complaint: Complaint, event: ComplaintEvent, context: ComplaintContext = {}): ComplaintTransitionResult {
  if (event.at < complaint.updatedAt) {
    return refuse('time-went-backwards', `event at ${event.at} is before the complaint's last change at ${complaint.updatedAt}`);
  }
  if (!ALLOWED[complaint.status].includes(event.type)) {
    return refuse('invalid-transition', `cannot ${event.type} a complaint that is ${complaint.status}`);
  }
  const at = event.at;
  const next = { ...complaint, updatedAt: at };
  switch (event.type) {
    case 'acknowledge':
      return to({ ...next, status: 'acknowledged', acknowledgedAt: at });
    case 'investigate':
      return to({ ...next, status: 'investigating' });
    case 'await-customer':
      if (openPause(complaint.pauses)) return refuse('already-awaiting-customer', 'the clock is already paused for the customer');
      return to({ ...next, pauses: [...complaint.pauses, { reason: 'awaiting-customer', from: at, to: null }] });
    case 'customer-replied':
      if (!openPause(complaint.pauses)) return refuse('not-awaiting-customer', 'the complaint is not waiting on the customer');
      return to({ ...next, pauses: endPauses(complaint.pauses, at) });
    case 'resolve': {
      if (event.note.trim() === '') return refuse('resolution-note-required', 'a resolution note is required to resolve');
      if (event.rootCause === null) return refuse('root-cause-required', 'a root-cause category is required to resolve');
      if (context.rootCauses && !context.rootCauses.has(event.rootCause)) {
        return refuse('unknown-root-cause', `root cause ${event.rootCause} is not in the root-cause list`);
      }
      return to({
        ...next,
        status: 'resolved',
        // Resolving on first contact is also the first response.
        acknowledgedAt: complaint.acknowledgedAt ?? at,
        pauses: endPauses(complaint.pauses, at),
        resolution: { note: event.note, rootCause: event.rootCause, compensation: event.compensation, resolvedBy: event.by, resolvedAt: at },
      });
    }
    case 'close':
      return to({ ...next, status: 'closed', closedAt: at });
    case 'reopen': {
      if (event.reason.trim() === '') return refuse('reopen-reason-required', 'say why the complaint is reopened');
      // The resolution clock stood still while the complaint was resolved; it runs on from where it stopped.
      const resolvedAt = complaint.resolution?.resolvedAt ?? at;
      return to({
        ...next,
        status: 'investigating',
        resolution: null,
        closedAt: null,
        reopenCount: complaint.reopenCount + 1,
        pauses: [...complaint.pauses, { reason: 'resolved', from: resolvedAt, to: at }],
      });
    }
    case 'assign':
      return to({ ...next, ownerId: event.ownerId, teamId: event.teamId });
  }
}

import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../../shared/complaints/complaint';
import {
  applyComplaintEvent,
  type ComplaintEvent,
  ComplaintEventSchema,
  type ComplaintTransitionResult,
  ComplaintLoggedSchema,
} from '../../../../shared/complaints/workflow';
import { loggedComplaint } from './fixtures';

const T0 = Date.parse('2025-03-10T13:00:00Z');
const MIN = 60_000;

const ok = (result: ComplaintTransitionResult): Complaint => {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.complaint;
};
const codeOf = (result: ComplaintTransitionResult) => (result.ok ? 'ok' : result.error.code);
const ev = (raw: Record<string, unknown>): ComplaintEvent => ComplaintEventSchema.parse({ by: 'agent-1', ...raw });
const resolve = (at: number, extra: Record<string, unknown> = {}) => ev({ type: 'resolve', at, note: 'Refunded the second charge', rootCause: 'billing.double-charge', ...extra });

/** Applies events in order, failing on the first refusal. */
const run = (complaint: Complaint, events: ComplaintEvent[]) => events.reduce((c, e) => ok(applyComplaintEvent(c, e)), complaint);

describe('complaint workflow', () => {
  it('logs a new complaint with defaults and its clocks starting at `at`', () => {
    const c = loggedComplaint();
    expect(c).toMatchObject({ status: 'new', openedAt: T0, acknowledgedAt: null, resolution: null, subCategory: null, linkedInteractionIds: [], pauses: [], reopenCount: 0 });
  });

  it('walks new → acknowledged → investigating → resolved → closed, recording the resolution and compensation', () => {
    const c = run(loggedComplaint(), [
      ev({ type: 'acknowledge', at: T0 + 10 * MIN }),
      ev({ type: 'investigate', at: T0 + 20 * MIN }),
      resolve(T0 + 60 * MIN, { compensation: { loyaltyPoints: 500, couponCode: 'SORRY-10' } }),
      ev({ type: 'close', at: T0 + 90 * MIN }),
    ]);
    expect(c.status).toBe('closed');
    expect(c.acknowledgedAt).toBe(T0 + 10 * MIN);
    expect(c.closedAt).toBe(T0 + 90 * MIN);
    expect(c.resolution).toEqual({
      note: 'Refunded the second charge',
      rootCause: 'billing.double-charge',
      compensation: { loyaltyPoints: 500, couponCode: 'SORRY-10', refundNote: null },
      resolvedBy: 'agent-1',
      resolvedAt: T0 + 60 * MIN,
    });
  });

  it('resolving on first contact also counts as the first response', () => {
    const c = ok(applyComplaintEvent(loggedComplaint(), resolve(T0 + 5 * MIN)));
    expect(c.status).toBe('resolved');
    expect(c.acknowledgedAt).toBe(T0 + 5 * MIN);
    expect(c.resolution?.compensation).toEqual({ loyaltyPoints: 0, couponCode: null, refundNote: null });
  });

  it('refuses disallowed transitions with invalid-transition', () => {
    const resolved = ok(applyComplaintEvent(loggedComplaint(), resolve(T0 + MIN)));
    const closed = ok(applyComplaintEvent(resolved, ev({ type: 'close', at: T0 + 2 * MIN })));
    expect(codeOf(applyComplaintEvent(resolved, ev({ type: 'acknowledge', at: T0 + 2 * MIN })))).toBe('invalid-transition'); // resolved → new-ish
    expect(codeOf(applyComplaintEvent(resolved, ev({ type: 'investigate', at: T0 + 2 * MIN })))).toBe('invalid-transition'); // must reopen
    expect(codeOf(applyComplaintEvent(loggedComplaint(), ev({ type: 'close', at: T0 + MIN })))).toBe('invalid-transition');
    expect(codeOf(applyComplaintEvent(loggedComplaint(), ev({ type: 'investigate', at: T0 + MIN })))).toBe('invalid-transition');
    expect(codeOf(applyComplaintEvent(closed, ev({ type: 'close', at: T0 + 3 * MIN })))).toBe('invalid-transition');
    expect(codeOf(applyComplaintEvent(closed, ev({ type: 'assign', at: T0 + 3 * MIN, ownerId: 'a2', teamId: null })))).toBe('invalid-transition');
    const refused = applyComplaintEvent(resolved, ev({ type: 'acknowledge', at: T0 + 2 * MIN }));
    expect(refused.ok ? '' : refused.error.message).toBe('cannot acknowledge a complaint that is resolved');
  });

  it('requires a resolution note and a root cause, and checks the root cause against the tree when given', () => {
    const c = loggedComplaint();
    expect(codeOf(applyComplaintEvent(c, resolve(T0 + MIN, { note: '   ' })))).toBe('resolution-note-required');
    expect(codeOf(applyComplaintEvent(c, resolve(T0 + MIN, { rootCause: null })))).toBe('root-cause-required');
    const tree = { rootCauses: new Set(['billing.double-charge']) };
    expect(codeOf(applyComplaintEvent(c, resolve(T0 + MIN, { rootCause: 'courier.late' }), tree))).toBe('unknown-root-cause');
    expect(codeOf(applyComplaintEvent(c, resolve(T0 + MIN), tree))).toBe('ok');
  });

  it('refuses an event dated before the last change', () => {
    const acked = ok(applyComplaintEvent(loggedComplaint(), ev({ type: 'acknowledge', at: T0 + 10 * MIN })));
    expect(codeOf(applyComplaintEvent(acked, ev({ type: 'investigate', at: T0 + 9 * MIN })))).toBe('time-went-backwards');
  });

  it('pauses for the customer once, and resumes only a pause that is running', () => {
    const acked = ok(applyComplaintEvent(loggedComplaint(), ev({ type: 'acknowledge', at: T0 + MIN })));
    expect(codeOf(applyComplaintEvent(acked, ev({ type: 'customer-replied', at: T0 + 2 * MIN })))).toBe('not-awaiting-customer');
    const waiting = ok(applyComplaintEvent(acked, ev({ type: 'await-customer', at: T0 + 2 * MIN })));
    expect(waiting.pauses).toEqual([{ reason: 'awaiting-customer', from: T0 + 2 * MIN, to: null }]);
    expect(codeOf(applyComplaintEvent(waiting, ev({ type: 'await-customer', at: T0 + 3 * MIN })))).toBe('already-awaiting-customer');
    const back = ok(applyComplaintEvent(waiting, ev({ type: 'customer-replied', at: T0 + 30 * MIN })));
    expect(back.pauses).toEqual([{ reason: 'awaiting-customer', from: T0 + 2 * MIN, to: T0 + 30 * MIN }]);
    // Resolving while waiting ends the pause at the resolution.
    const resolved = ok(applyComplaintEvent(waiting, resolve(T0 + 40 * MIN)));
    expect(resolved.pauses).toEqual([{ reason: 'awaiting-customer', from: T0 + 2 * MIN, to: T0 + 40 * MIN }]);
  });

  it('reopens a resolved or closed complaint into investigating, pausing the clock for the resolved stretch', () => {
    const closed = run(loggedComplaint(), [resolve(T0 + 60 * MIN), ev({ type: 'close', at: T0 + 70 * MIN })]);
    expect(codeOf(applyComplaintEvent(closed, ev({ type: 'reopen', at: T0 + 100 * MIN, reason: ' ' })))).toBe('reopen-reason-required');
    const reopened = ok(applyComplaintEvent(closed, ev({ type: 'reopen', at: T0 + 100 * MIN, reason: 'Charged a third time' })));
    expect(reopened).toMatchObject({ status: 'investigating', resolution: null, closedAt: null, reopenCount: 1, acknowledgedAt: T0 + 60 * MIN });
    expect(reopened.pauses).toEqual([{ reason: 'resolved', from: T0 + 60 * MIN, to: T0 + 100 * MIN }]);
  });

  it('changes owner and team', () => {
    const c = ok(applyComplaintEvent(loggedComplaint(), ev({ type: 'assign', at: T0 + MIN, ownerId: 'agent-7', teamId: 'billing-team' })));
    expect(c).toMatchObject({ ownerId: 'agent-7', teamId: 'billing-team', status: 'new', updatedAt: T0 + MIN });
  });

  it('parses events from unknown input and rejects malformed ones', () => {
    expect(ComplaintEventSchema.safeParse({ type: 'reject', at: T0, by: 'a' }).success).toBe(false);
    expect(ComplaintEventSchema.safeParse({ type: 'resolve', at: T0, by: 'a', note: 'x', rootCause: 'bad code!' }).success).toBe(false);
    expect(ComplaintEventSchema.safeParse({ type: 'resolve', at: T0, by: 'a', note: 'x', rootCause: 'ok', compensation: { loyaltyPoints: -5 } }).success).toBe(false);
    expect(ComplaintLoggedSchema.safeParse({ id: 'not-a-ulid', customerId: 'x', channel: 'fax', category: 'b', severity: 'huge', description: '', at: -1 }).success).toBe(false);
  });
});

// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Complaint } from '../../../../shared/complaints/complaint';
import { applyComplaintEvent, complaintFromLogged } from '../../../../shared/complaints/workflow';
import type { Change } from '../../../../shared/protocol/changes';
import type { Mutation } from '../../../../shared/protocol/mutations';
import { applyChangePage, planChanges, resetCache } from '../../../../renderer/db/apply-changes';
import type { SwitchboardDb } from '../../../../renderer/db/schema';
import { actOnComplaint, type ComplaintDraft, logComplaint, type MutationContext } from '../../../../renderer/sync/mutations';
import { applyOptimistic, parseTargetKey, rebase, rollback, targetKey, targetOf } from '../../../../renderer/sync/optimistic';
import { settleResults } from '../../../../renderer/sync/outbox';
import { changesFrom, makeCustomer, openTestDb } from '../fixtures';

const AGENT = '01HAGENT000000000000000000';
const T0 = 1_800_000_000_000;
const customer = makeCustomer({ name: 'Li Na' });

const draft: ComplaintDraft = {
  customerId: customer.id,
  channel: 'chat',
  category: 'delivery',
  subCategory: 'delivery.late',
  severity: 'high',
  description: 'Parcel two weeks late',
  customerRequest: 'Refund the shipping',
  linkedInteractionIds: [],
  orderRefs: ['SO-1001'],
  ownerId: AGENT,
  teamId: null,
};

const logMutation = (at = T0): Extract<Mutation, { name: 'complaint.log' }> => ({
  id: ulid(),
  name: 'complaint.log',
  createdAt: at,
  args: { complaint: { ...draft, id: ulid(), at }, lineId: ulid() },
});

const actMutation = (complaintId: string, event: Extract<Mutation, { name: 'complaint.act' }>['args']['event']): Extract<Mutation, { name: 'complaint.act' }> => ({
  id: ulid(),
  name: 'complaint.act',
  createdAt: event.at,
  args: { complaintId, lineId: ulid(), event },
});

const asComplaint = (row: unknown): Complaint => row as Complaint;

describe('complaint mutations, optimistic', () => {
  it('target the complaint row, and the key reads back', () => {
    const log = logMutation();
    expect(targetOf(log)).toEqual({ table: 'complaints', key: log.args.complaint.id });
    const act = actMutation(log.args.complaint.id, { type: 'acknowledge', at: T0 + 1, by: AGENT });
    expect(targetOf(act)).toEqual({ table: 'complaints', key: log.args.complaint.id });
    expect(parseTargetKey(targetKey(targetOf(act)))).toEqual(targetOf(act));
  });

  it('logging builds a new complaint, but defers to the hub row once it is here', () => {
    const log = logMutation();
    const row = asComplaint(applyOptimistic(log, null, AGENT));
    expect(row).toMatchObject({ id: log.args.complaint.id, status: 'new', openedAt: T0, acknowledgedAt: null, severity: 'high' });
    const hubRow = { ...row, status: 'acknowledged' as const, acknowledgedAt: T0 + 5, updatedAt: T0 + 5 };
    expect(applyOptimistic(log, hubRow, AGENT)).toBe(hubRow);
  });

  it('a step moves the workflow, stamped with the agent as the hub will', () => {
    const log = logMutation();
    const logged = asComplaint(applyOptimistic(log, null, AGENT));
    const act = actMutation(logged.id, { type: 'resolve', at: T0 + 10, by: 'someone-else', note: 'Refunded', rootCause: 'carrier', compensation: { loyaltyPoints: 200, couponCode: null, refundNote: null } });
    const resolved = asComplaint(applyOptimistic(act, logged, AGENT));
    expect(resolved.status).toBe('resolved');
    expect(resolved.acknowledgedAt).toBe(T0 + 10);
    expect(resolved.resolution).toMatchObject({ note: 'Refunded', rootCause: 'carrier', resolvedBy: AGENT });
  });

  it('a step the workflow refuses locally leaves the row as it was', () => {
    const logged = asComplaint(applyOptimistic(logMutation(), null, AGENT));
    const close = actMutation(logged.id, { type: 'close', at: T0 + 1, by: AGENT });
    expect(applyOptimistic(close, logged, AGENT)).toBe(logged);
    const backwards = actMutation(logged.id, { type: 'acknowledge', at: T0 - 1, by: AGENT });
    expect(applyOptimistic(backwards, logged, AGENT)).toBe(logged);
    // A step on a complaint this desktop does not hold changes nothing.
    expect(applyOptimistic(close, null, AGENT)).toBeNull();
  });

  it('rebases waiting steps over the hub row without applying one twice', () => {
    const log = logMutation();
    const id = log.args.complaint.id;
    const ack = actMutation(id, { type: 'acknowledge', at: T0 + 1, by: AGENT });
    const investigate = actMutation(id, { type: 'investigate', at: T0 + 2, by: AGENT });
    const entries = [log, ack, investigate].map((mutation) => ({ mutation, agentId: AGENT }));
    // The hub has applied the log and the acknowledgement already; only the investigation waits on top.
    const hubRow = complaintFromLogged({ ...log.args.complaint });
    const acknowledged = applyComplaintEvent(hubRow, { type: 'acknowledge', at: T0 + 1, by: AGENT });
    if (!acknowledged.ok) throw new Error('fixture');
    const result = rebase(acknowledged.complaint, entries);
    expect(asComplaint(result.row).status).toBe('investigating');
    expect(asComplaint(result.preimages[2]).status).toBe('acknowledged');
  });

  it('rolls back a refused step and replays the others on the same complaint', () => {
    const log = logMutation();
    const id = log.args.complaint.id;
    const ack = actMutation(id, { type: 'acknowledge', at: T0 + 1, by: AGENT });
    const awaiting = actMutation(id, { type: 'await-customer', at: T0 + 2, by: AGENT });
    const logged = asComplaint(applyOptimistic(log, null, AGENT));
    const acked = asComplaint(applyOptimistic(ack, logged, AGENT));
    const entries = [
      { id: log.id, mutation: log as Mutation, agentId: AGENT, preimage: null },
      { id: ack.id, mutation: ack as Mutation, agentId: AGENT, preimage: logged },
      { id: awaiting.id, mutation: awaiting as Mutation, agentId: AGENT, preimage: acked },
    ];
    const undone = rollback(ack.id, entries);
    // Without the acknowledgement, waiting on the customer is not possible from `new`: the row stays as logged.
    expect(asComplaint(undone.row)).toMatchObject({ status: 'new', pauses: [] });
    expect(undone.remaining.map((e) => e.id)).toEqual([log.id, awaiting.id]);
    // The log itself refused: nothing is left of the complaint.
    expect(rollback(log.id, entries.slice(0, 1)).row).toBeNull();
  });
});

describe('complaints in the cache', () => {
  let db: SwitchboardDb;
  let ctx: MutationContext;

  beforeEach(async () => {
    db = openTestDb();
    ctx = { db, agentId: AGENT, region: 'CN', now: () => T0 };
    await applyChangePage(db, changesFrom(1, customer), 1, { interactionsSince: 0 });
  });

  afterEach(async () => {
    await db.delete();
  });

  it('logs and acts offline: the row and the outbox move together', async () => {
    const log = await logComplaint(ctx, draft);
    if (log.name !== 'complaint.log') throw new Error('expected a log');
    const id = log.args.complaint.id;
    ctx.now = () => T0 + 60_000;
    await actOnComplaint(ctx, id, { type: 'acknowledge' });
    const row = await db.complaints.get(id);
    expect(row).toMatchObject({ status: 'acknowledged', acknowledgedAt: T0 + 60_000, ownerId: AGENT });
    expect(await db.outbox.where('targetKey').equals(`complaints/${id}`).count()).toBe(2);
    expect(await db.complaints.where('customerId').equals(customer.id).count()).toBe(1);
  });

  it('a refused step is rolled back to the hub-agreed row', async () => {
    const log = await logComplaint(ctx, draft);
    if (log.name !== 'complaint.log') throw new Error('expected a log');
    const id = log.args.complaint.id;
    ctx.now = () => T0 + 1;
    const ack = await actOnComplaint(ctx, id, { type: 'acknowledge' });
    const refusals = await settleResults(db, [
      { id: log.id, status: 'applied', seq: 2 },
      { id: ack.id, status: 'rejected', error: { code: 'conflict', message: 'no', issues: [{ path: 'args.event.type', message: 'invalid-transition' }] } },
    ]);
    expect(refusals.map((r) => r.mutation.id)).toEqual([ack.id]);
    expect(await db.complaints.get(id)).toMatchObject({ status: 'new', acknowledgedAt: null });
    expect(await db.outbox.count()).toBe(0);
  });

  it('takes the hub’s complaint changes, keeps a waiting step on top, and empties with the cache', async () => {
    const log = await logComplaint(ctx, draft);
    if (log.name !== 'complaint.log') throw new Error('expected a log');
    const id = log.args.complaint.id;
    ctx.now = () => T0 + 5;
    await actOnComplaint(ctx, id, { type: 'acknowledge' });
    await settleResults(db, [{ id: log.id, status: 'applied', seq: 2 }]);
    const hubRow = complaintFromLogged(log.args.complaint);
    const change: Change = { seq: 2, entity: 'complaint', op: 'put', data: hubRow };
    expect(planChanges([change], 0).complaints.get(id)).toEqual(hubRow);
    await applyChangePage(db, [change], 2, { interactionsSince: 0 });
    expect(await db.complaints.get(id)).toMatchObject({ status: 'acknowledged' });
    await resetCache(db);
    // The waiting step survives a reset, but alone it cannot rebuild a complaint the cache no longer holds.
    expect(await db.outbox.count()).toBe(1);
    expect(await db.complaints.get(id)).toBeUndefined();
  });
});

import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionOf } from '../../shared/domain/interaction';
import type { Complaint } from '../../shared/complaints/complaint';
import type { FollowUp } from '../../shared/follow-ups/follow-up';
import { DEFAULT_FOLLOW_UP_SETTINGS, ruleFollowUpId } from '../../shared/follow-ups/rules';
import type { FollowUpRecordArgs, FollowUpScheduleArgs } from '../../shared/protocol/follow-ups';
import type { Mutation, MutationResult } from '../../shared/protocol/mutations';
import type { TaskOffer } from '../../shared/protocol/routing';
import { collectBroadcasts, type Desktop, expectError, expectOk, pullAll, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';
import { moveFollowUps } from '../../hub/follow-ups/follow-up-store';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Follow-ups end to end on a real store: scheduled and worked through
 * mutations (online and as an offline outbox pushed again), listed, turned
 * into a routed task offered to the assignee when the hub's clock reaches the
 * due time, and scheduled by the rules once per subject.
 */
export function defineFollowUpsSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`follow-ups on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let a1: Desktop;
    let a2: Desktop;
    let sup: Desktop;
    const ids: Record<string, string> = {};
    let withPhone: string;
    let withNothing: string;

    const push = async (desktop: Desktop, mutations: Mutation[]): Promise<MutationResult[]> =>
      expectOk(await desktop.emitWithAck('mutation:push', { mutations })).results;
    const pushOne = async (desktop: Desktop, mutation: Mutation): Promise<MutationResult> => {
      const [result] = await push(desktop, [mutation]);
      if (!result) throw new Error('no result');
      return result;
    };
    const schedule = (args: Partial<FollowUpScheduleArgs> = {}): Mutation => ({
      id: ulid(),
      createdAt: t.clock.now(),
      name: 'followUp.schedule',
      args: {
        followUpId: ulid(),
        lineId: ulid(),
        customerId: withPhone,
        kind: 'callback',
        dueAt: t.clock.now() + HOUR,
        assigneeId: ids.agent1 as string,
        queueId: null,
        priority: 'normal',
        notes: 'Ask about the refund',
        ...args,
      },
    });
    const record = (followUpId: string, args: Partial<FollowUpRecordArgs> = {}): Mutation => ({
      id: ulid(),
      createdAt: t.clock.now(),
      name: 'followUp.record',
      args: { followUpId, lineId: ulid(), outcome: 'reached', dueAt: null, note: 'Happy now', at: t.clock.now(), ...args },
    });
    const stored = async (id: string): Promise<FollowUp> => {
      const row = await t.hub.db.selectFrom('follow_ups').select('data').where('id', '=', id).executeTakeFirstOrThrow();
      return JSON.parse(row.data) as FollowUp;
    };
    const linesOf = async (followUpId: string): Promise<InteractionOf<'follow-up'>[]> => {
      const rows = await t.hub.db.selectFrom('interactions').select('data').where('channel', '=', 'follow-up').execute();
      return rows.map((row) => JSON.parse(row.data) as InteractionOf<'follow-up'>).filter((line) => line.followUpId === followUpId);
    };

    beforeAll(async () => {
      store = await makeStore();
      // The test moves the hub's clock by hours: sessions must outlive it.
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, ACCESS_TTL_SEC: String(24 * 60 * 60) });
      [a1, a2, sup] = await Promise.all([t.desktop('agent1'), t.desktop('agent2'), t.desktop('supervisor')]);
      for (const user of await t.hub.db.selectFrom('users').select(['id', 'username']).execute()) ids[user.username] = user.id;
      const phones = await t.hub.db.selectFrom('identities').select('customer_id').where('kind', '=', 'phone').orderBy('customer_id').execute();
      withPhone = phones[0]?.customer_id as string;
      const bare = await t.hub.db
        .selectFrom('customers')
        .select('id')
        .where('id', 'not in', t.hub.db.selectFrom('identities').select('customer_id'))
        .executeTakeFirst();
      if (bare) withNothing = bare.id;
      else {
        withNothing = phones.at(-1)?.customer_id as string;
        await t.hub.db.deleteFrom('identities').where('customer_id', '=', withNothing).execute();
      }
      expect(withPhone).toBeTruthy();
      expect(withNothing).not.toBe(withPhone);
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('schedules a follow-up with its timeline line, and a re-sent mutation is a duplicate', async () => {
      const before = (await pullAll(a1)).cursor;
      const mutation = schedule();
      const result = await pushOne(a1, mutation);
      expect(result.status).toBe('applied');
      if (mutation.name !== 'followUp.schedule') throw new Error('not a schedule');
      const { changes } = await pullAll(a1, { since: before });
      const followUp = changes.find((change) => change.entity === 'followUp');
      expect(followUp?.data).toMatchObject({ id: mutation.args.followUpId, status: 'scheduled', assigneeId: ids.agent1, createdBy: ids.agent1, origin: 'agent', taskId: null });
      const line = changes.find((change) => change.entity === 'interaction');
      expect(line?.data).toMatchObject({ id: mutation.args.lineId, channel: 'follow-up', outcome: 'scheduled', followUpId: mutation.args.followUpId, agentId: ids.agent1 });
      expect((await pushOne(a1, mutation)).status).toBe('duplicate');
      expect(await linesOf(mutation.args.followUpId)).toHaveLength(1);
    });

    it('refuses a missing customer, an assignee who takes no work, a missing queue, insane due times and nobody to give it to', async () => {
      const refusal = async (args: Partial<FollowUpScheduleArgs>) => {
        const result = await pushOne(a1, schedule(args));
        if (result.status !== 'rejected') throw new Error(`expected a refusal, got ${result.status}`);
        return result.error;
      };
      expect(await refusal({ customerId: ulid() })).toMatchObject({ code: 'not-found', issues: [{ path: 'customerId' }] });
      expect(await refusal({ assigneeId: ids.admin as string })).toMatchObject({ code: 'conflict', issues: [{ path: 'assigneeId' }] });
      expect(await refusal({ assigneeId: ulid() })).toMatchObject({ code: 'not-found', issues: [{ path: 'assigneeId' }] });
      expect(await refusal({ queueId: ulid() })).toMatchObject({ code: 'not-found', issues: [{ path: 'queueId' }] });
      const early = await refusal({ dueAt: Date.UTC(1999, 11, 31) });
      expect(early.code).toBe('invalid-payload');
      expect(early.message).toContain('2000');
      const late = await refusal({ dueAt: t.clock.now() + 6 * 366 * DAY });
      expect(late.message).toContain('five years');
      expect(await refusal({ assigneeId: null, queueId: null })).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'assigneeId' }] });
      // A reschedule without its new time fails the contract itself.
      const bad = await pushOne(a1, record(ulid(), { outcome: 'rescheduled', dueAt: null }));
      expect(bad).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload' } });
    });

    it('lists my follow-ups; everyone\'s overdue is for supervisors only', async () => {
      const mine = expectOk(await a1.emitWithAck('followUp:list', { scope: 'mine' }));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((view) => view.assigneeId === ids.agent1)).toBe(true);
      expect(mine[0]).toMatchObject({ assigneeName: expect.any(String), customerNumber: expect.stringMatching(/^C/), overdue: false });
      expect(expectOk(await a2.emitWithAck('followUp:list', { scope: 'mine' }))).toEqual([]);
      expect(expectError(await a1.emitWithAck('followUp:list', { scope: 'overdue', everyone: true })).code).toBe('forbidden');
      expect(expectOk(await sup.emitWithAck('followUp:list', { scope: 'overdue', everyone: true }))).toEqual([]);
      expect(expectError(await a1.emitWithAck('followUp:list', { scope: 'later' } as never)).code).toBe('invalid-payload');
    });

    it('turns a follow-up due on the hub clock into a call task offered to its assignee, and overdue shows it to supervisors', async () => {
      const mutation = schedule({ kind: 'return-visit', dueAt: t.clock.now() + 2 * HOUR, priority: 'high' });
      if (mutation.name !== 'followUp.schedule') throw new Error('not a schedule');
      expect((await pushOne(a1, mutation)).status).toBe('applied');
      // Routing honours a preferred agent for the queue's hold; General's is 0 in the demo.
      const admin = await t.desktop('admin');
      for (const queue of expectOk(await admin.emitWithAck('admin:queue:list', {}))) {
        expectOk(await admin.emitWithAck('admin:queue:upsert', { ...queue, preferredAgentHoldSec: 120 }));
      }
      admin.disconnect();
      // agent2 has waited a minute longer, so without the preference the task would go to them.
      for (const desktop of [a2, a1]) {
        expectOk(await desktop.emitWithAck('agent:phone', { registered: true }));
        expectOk(await desktop.emitWithAck('agent:state:set', { status: 'available' }));
        t.clock.offsetMs += 60_000;
      }
      // Not yet: the clock has not reached it.
      await t.hub.followUps.scheduler.check();
      expect((await stored(mutation.args.followUpId)).status).toBe('scheduled');

      const offered = new Promise<TaskOffer>((resolve) => {
        const listener = (offer: TaskOffer) => {
          if (offer.task.subject === 'Follow-up: return-visit') {
            a1.off('task:offer', listener);
            resolve(offer);
          }
        };
        a1.on('task:offer', listener);
      });
      const toAgent2: string[] = [];
      const watch = (offer: TaskOffer) => toAgent2.push(offer.task.subject);
      a2.on('task:offer', watch);
      t.clock.offsetMs += 3 * HOUR;
      // The scheduler's own timer may have woken first; either way the check leaves nothing due behind.
      await t.hub.followUps.scheduler.check();
      const due = await stored(mutation.args.followUpId);
      expect(due.status).toBe('due');
      expect(due.taskId).toMatch(/^[0-9A-Z]{26}$/);
      const offer = await offered;
      a2.off('task:offer', watch);
      expect(offer.task).toMatchObject({ id: due.taskId, channel: 'call', customerId: withPhone });
      // Offered to its assignee first, though agent2 had waited longer.
      expect(toAgent2).not.toContain('Follow-up: return-visit');

      const overdue = expectOk(await sup.emitWithAck('followUp:list', { scope: 'overdue', everyone: true }));
      expect(overdue.map((view) => view.id)).toContain(mutation.args.followUpId);
      expect(overdue.every((view) => view.overdue)).toBe(true);
      expectOk(await a1.emitWithAck('task:decline', { taskId: offer.task.id }));
    });

    it('records reached as a timeline line and refuses any outcome after', async () => {
      const mutation = schedule();
      if (mutation.name !== 'followUp.schedule') throw new Error('not a schedule');
      await pushOne(a1, mutation);
      const reached = record(mutation.args.followUpId, { outcome: 'no-answer', note: 'Voicemail' });
      expect((await pushOne(a1, reached)).status).toBe('applied');
      expect((await stored(mutation.args.followUpId)).status).toBe('scheduled');
      expect((await pushOne(a1, record(mutation.args.followUpId))).status).toBe('applied');
      const done = await stored(mutation.args.followUpId);
      expect(done.status).toBe('done');
      expect(done.history.map((entry) => entry.outcome)).toEqual(['scheduled', 'no-answer', 'reached']);
      const lines = await linesOf(mutation.args.followUpId);
      expect(lines.map((line) => line.outcome).sort()).toEqual(['no-answer', 'reached', 'scheduled']);
      expect(lines.find((line) => line.outcome === 'reached')).toMatchObject({ note: 'Happy now', agentId: ids.agent1, kind: 'callback' });

      const again = await pushOne(a2, record(mutation.args.followUpId, { outcome: 'cancelled' }));
      expect(again).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
      if (again.status === 'rejected') expect(again.error.message).toContain('already done');
      expect(await pushOne(a1, record(ulid()))).toMatchObject({ status: 'rejected', error: { code: 'not-found' } });
    });

    it('reschedules to a new time (scheduled again, no task) and refuses an insane new time', async () => {
      const mutation = schedule();
      if (mutation.name !== 'followUp.schedule') throw new Error('not a schedule');
      await pushOne(a1, mutation);
      const later = t.clock.now() + 3 * DAY;
      expect((await pushOne(a1, record(mutation.args.followUpId, { outcome: 'rescheduled', dueAt: later }))).status).toBe('applied');
      expect(await stored(mutation.args.followUpId)).toMatchObject({ status: 'scheduled', dueAt: later, taskId: null });
      const insane = await pushOne(a1, record(mutation.args.followUpId, { outcome: 'rescheduled', dueAt: 5 }));
      expect(insane).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload' } });
    });

    it('leaves a due follow-up on the list when the customer has no phone or email', async () => {
      const mutation = schedule({ customerId: withNothing, dueAt: t.clock.now() + 1000 });
      if (mutation.name !== 'followUp.schedule') throw new Error('not a schedule');
      await pushOne(a1, mutation);
      t.clock.offsetMs += 2000;
      await t.hub.followUps.scheduler.check();
      expect(await stored(mutation.args.followUpId)).toMatchObject({ status: 'due', taskId: null });
    });

    it('holds an offline outbox (schedule then outcome) exactly once however often it is pushed', async () => {
      const scheduled = schedule({ notes: 'typed offline' });
      if (scheduled.name !== 'followUp.schedule') throw new Error('not a schedule');
      const outcome = record(scheduled.args.followUpId, { outcome: 'reached', note: 'offline outcome' });
      // The desktop lost its connection before the acks came back: it pushes the whole outbox again, from a new socket.
      expect((await push(a1, [scheduled, outcome])).map((r) => r.status)).toEqual(['applied', 'applied']);
      const again = await t.desktop('agent1');
      expect((await push(again, [scheduled, outcome])).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      again.disconnect();
      const rows = await t.hub.db.selectFrom('follow_ups').select('id').where('id', '=', scheduled.args.followUpId).execute();
      expect(rows).toHaveLength(1);
      expect((await linesOf(scheduled.args.followUpId)).map((line) => line.outcome).sort()).toEqual(['reached', 'scheduled']);
      expect((await stored(scheduled.args.followUpId)).history).toHaveLength(2);
    });

    it('schedules by rule once per subject, and not at all when the rule is off', async () => {
      const { followUps } = t.hub;
      // Desktops hear of it like a pushed mutation: the follow-up and its timeline line.
      const heard = collectBroadcasts(a2, 2, (await pullAll(a2)).head);
      const first = await followUps.service.scheduleWelcomeForNewVip(withPhone);
      const batches = await heard;
      expect(batches.flat().map((change) => change.entity).sort()).toEqual(['followUp', 'interaction']);
      const second = await followUps.service.scheduleWelcomeForNewVip(withPhone);
      expect(first?.id).toBe(ruleFollowUpId('new-vip', withPhone));
      expect(second).toEqual(first);
      expect(first).toMatchObject({ kind: 'welcome', origin: 'new-vip', createdBy: null, status: 'scheduled' });
      expect(await linesOf(first?.id as string)).toHaveLength(1);

      const resolvedAt = t.clock.now();
      const complaint = { id: ulid(), customerId: withPhone, ownerId: ids.agent2, resolution: { resolvedAt } } as unknown as Complaint;
      const check = await followUps.service.scheduleAfterComplaintResolved(complaint);
      expect(check).toMatchObject({ kind: 'complaint-check', assigneeId: ids.agent2, dueAt: resolvedAt + DEFAULT_FOLLOW_UP_SETTINGS.afterComplaint.days * DAY });
      expect(await followUps.service.scheduleAfterComplaintResolved(complaint)).toEqual(check);

      const admin = await t.desktop('admin');
      expect(expectError(await a1.emitWithAck('admin:followUps:set', DEFAULT_FOLLOW_UP_SETTINGS)).code).toBe('forbidden');
      const off = { ...DEFAULT_FOLLOW_UP_SETTINGS, decline: { enabled: false, days: 2 } };
      expect(expectOk(await admin.emitWithAck('admin:followUps:set', off))).toEqual(off);
      expect(expectOk(await a1.emitWithAck('followUp:settings', {}))).toEqual(off);
      expect(expectError(await admin.emitWithAck('admin:followUps:set', { ...off, decline: { enabled: true, days: -1 } })).code).toBe('invalid-payload');
      admin.disconnect();
      expect(await followUps.service.scheduleRetentionForDecline(withPhone)).toBeNull();
      expect(await followUps.service.scheduleRetentionForDecline(ulid())).toBeNull();
    });

    it('moves a customer\'s follow-ups when they are merged into another (for the merge to call)', async () => {
      const mutation = schedule({ customerId: withNothing });
      if (mutation.name !== 'followUp.schedule') throw new Error('not a schedule');
      await pushOne(a1, mutation);
      const drafts = await t.hub.db.transaction().execute((trx) => moveFollowUps(trx, withNothing, withPhone, t.clock.now()));
      expect(drafts.map((draft) => draft.data.id)).toContain(mutation.args.followUpId);
      expect(await stored(mutation.args.followUpId)).toMatchObject({ customerId: withPhone });
      const row = await t.hub.db.selectFrom('follow_ups').select('customer_id').where('id', '=', mutation.args.followUpId).executeTakeFirstOrThrow();
      expect(row.customer_id).toBe(withPhone);
    });

    it('wakes by itself at the due time of a follow-up pushed just now (no check called)', async () => {
      // The timer was armed for later (or a minute's recheck): the push re-arms it for this one.
      const mutation = schedule({ customerId: withNothing, dueAt: t.clock.now() + 300 });
      if (mutation.name !== 'followUp.schedule') throw new Error('not a schedule');
      expect((await pushOne(a1, mutation)).status).toBe('applied');
      let status = (await stored(mutation.args.followUpId)).status;
      for (let tries = 0; status === 'scheduled' && tries < 100; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await stored(mutation.args.followUpId)).status;
      }
      expect(status).toBe('due');
    });

    it('turns due at start what fell due while the hub was down', async () => {
      const mutation = schedule({ dueAt: t.clock.now() + HOUR });
      if (mutation.name !== 'followUp.schedule') throw new Error('not a schedule');
      expect((await pushOne(a1, mutation)).status).toBe('applied');
      const offset = t.clock.offsetMs;
      await t.close();
      // The hub comes back two hours later: its first check, at start, finds the follow-up due.
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, SEED: 'false' }, { clock: () => Date.now() + offset + 2 * HOUR });
      let status = (await stored(mutation.args.followUpId)).status;
      for (let tries = 0; status === 'scheduled' && tries < 100; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await stored(mutation.args.followUpId)).status;
      }
      expect(status).toBe('due');
    });
  });
}

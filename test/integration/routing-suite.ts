import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain/customer';
import type { AgentState, Queue } from '../../shared/domain/routing';
import type { Change } from '../../shared/protocol/changes';
import type { TaskOffer, TaskView } from '../../shared/protocol/routing';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const GOOD = 'Resolved / 已解决';
/** A well-formed id that names no queue and no user. */
const NOBODY = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** Resolves with the next offer (for `taskId`, when given) on this desktop. */
function nextOffer(desktop: Desktop, taskId?: string, timeoutMs = 3_000): Promise<TaskOffer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      desktop.off('task:offer', listener);
      reject(new Error(`no task:offer${taskId ? ` for ${taskId}` : ''}`));
    }, timeoutMs);
    const listener = (offer: TaskOffer) => {
      if (taskId && offer.task.id !== taskId) return;
      clearTimeout(timer);
      desktop.off('task:offer', listener);
      resolve(offer);
    };
    desktop.on('task:offer', listener);
  });
}

/** Every offer this desktop receives while it runs. */
function recordOffers(desktop: Desktop): { offers: TaskOffer[]; stop(): void } {
  const offers: TaskOffer[] = [];
  const listener = (offer: TaskOffer) => offers.push(offer);
  desktop.on('task:offer', listener);
  return { offers, stop: () => desktop.off('task:offer', listener) };
}

function nextState(desktop: Desktop, timeoutMs = 3_000): Promise<AgentState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no agent:state')), timeoutMs);
    desktop.once('agent:state', (state) => {
      clearTimeout(timer);
      resolve(state);
    });
  });
}

/**
 * The ACD end to end: real hub, real sockets, the hub's clock moved by the
 * test and `routing.tick()` called instead of waiting for the sweep.
 * Steps build on each other, in order.
 */
export function defineRoutingSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`routing on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let sup: Desktop;
    let a1: Desktop;
    let a2: Desktop;
    let a3: Desktop;
    let a4: Desktop;
    let general: Queue;
    let billing: Queue;
    let customer: Customer;
    let vipCustomer: Customer;
    const ids: Record<string, string> = {};
    const tasks: Record<string, string> = {};

    const setState = async (desktop: Desktop, status: 'available' | 'offline') => expectOk(await desktop.emitWithAck('agent:state:set', { status }));
    const away = async (desktop: Desktop) => expectOk(await desktop.emitWithAck('agent:state:set', { status: 'away', reasonCode: 'break' }));
    const create = async (subject: string, extra: { channel?: 'chat' | 'call' | 'email'; customerId?: string | null; queueId?: string } = {}) =>
      expectOk(
        await sup.emitWithAck('task:create', {
          channel: extra.channel ?? 'chat',
          queueId: extra.queueId ?? general.id,
          customerId: extra.customerId === undefined ? customer.id : extra.customerId,
          subject,
        }),
      );
    const eventKinds = async (taskId: string) =>
      (await t.hub.db.selectFrom('task_events').select(['kind', 'agent_id']).where('task_id', '=', taskId).orderBy('id').execute()).map(
        (row) => (row.agent_id ? `${row.kind}:${row.agent_id}` : row.kind),
      );
    const moveClock = async (ms: number) => {
      t.clock.offsetMs += ms;
      await t.hub.routing.tick();
    };

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
      sup = await t.desktop('supervisor');
      [a1, a2, a3, a4] = await Promise.all([t.desktop('agent1'), t.desktop('agent2'), t.desktop('agent3'), t.desktop('agent4')]);
      for (const [name, desktop] of [['a1', a1], ['a2', a2], ['a3', a3], ['a4', a4]] as const) {
        ids[name] = expectOk(await desktop.emitWithAck('session:whoami', {})).id;
        // Calls ring the softphone: an agent whose phone is not registered is not offered one.
        expectOk(await desktop.emitWithAck('agent:phone', { registered: true }));
      }
      const queues = expectOk(await sup.emitWithAck('admin:queue:list', {}));
      const find = (prefix: string) => {
        const queue = queues.find((q) => q.name.startsWith(prefix));
        if (!queue) throw new Error(`no queue ${prefix}`);
        return queue;
      };
      general = find('General');
      billing = find('Billing');
      const rows = await t.hub.db.selectFrom('customers').select(['id']).orderBy('number').limit(2).execute();
      const [first, second] = rows.map((row) => row.id);
      if (!first || !second) throw new Error('the demo has no customers');
      await t.hub.db.updateTable('customers').set({ tier: 'ordinary' }).where('id', '=', first).execute();
      await t.hub.db.updateTable('customers').set({ tier: 'vip' }).where('id', '=', second).execute();
      const load = async (id: string): Promise<Customer> => {
        const row = await t.hub.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return { id: row.id, number: row.number, name: row.name, company: row.company, tags: JSON.parse(row.tags), tier: 'ordinary', createdAt: 0, updatedAt: 0 };
      };
      customer = await load(first);
      vipCustomer = await load(second);
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('refuses admin:queue:upsert to an agent, and an overflow loop to an admin', async () => {
      expect(expectError(await a1.emitWithAck('admin:queue:upsert', general)).code).toBe('forbidden');
      const admin = await t.desktop('admin');
      const loop = expectError(await admin.emitWithAck('admin:queue:upsert', { ...general, overflowQueueId: billing.id }));
      expect(loop.code).toBe('conflict');
      expect(loop.message).toContain('loop');
      admin.disconnect();
    });

    it('gives the agent a desk with profile, state, queues and away reasons', async () => {
      const desk = expectOk(await a1.emitWithAck('agent:desk', {}));
      expect(desk.profile?.userId).toBe(ids.a1);
      expect(desk.state.status).toBe('offline');
      expect(desk.queues.map((q) => q.id)).toContain(general.id);
      expect(desk.awayReasons.map((r) => r.code)).toContain('break');
      expect(desk.tasks).toEqual([]);
      expect(expectOk(await sup.emitWithAck('admin:queue:list', {}))).toHaveLength(3);
      expect(expectOk(await sup.emitWithAck('admin:agent:list', {}))).toHaveLength(5);
    });

    it('offers a new task to the longest-idle available agent, with the customer', async () => {
      for (const desktop of [a1, a2, a3]) {
        expect((await setState(desktop, 'available')).status).toBe('available');
        t.clock.offsetMs += 1_000;
      }
      const offered = nextOffer(a1);
      const task = await create('Order question');
      tasks.t1 = task.id;
      const offer = await offered;
      expect(offer.task).toMatchObject({ id: task.id, status: 'offered', offeredTo: ids.a1, subject: 'Order question' });
      expect(offer.customer?.id).toBe(customer.id);
      expect(offer.expiresAt).toBeGreaterThan(t.clock.now());
    });

    it('refuses another agent accepting the offer, then assigns it to its agent', async () => {
      const refused = expectError(await a2.emitWithAck('task:accept', { taskId: tasks.t1 as string }));
      expect(refused.code).toBe('forbidden');
      expect(refused.message).toContain('not offered to you');
      const accepted = expectOk(await a1.emitWithAck('task:accept', { taskId: tasks.t1 as string }));
      expect(accepted).toMatchObject({ status: 'assigned', assignedTo: ids.a1 });
      const desk = expectOk(await a1.emitWithAck('agent:desk', {}));
      expect(desk.tasks.map((task) => task.id)).toEqual([tasks.t1]);
    });

    it('passes a declined offer to the next agent, and a missed one after the timeout', async () => {
      const toA2 = nextOffer(a2);
      const task = await create('Second question');
      tasks.t2 = task.id;
      await toA2;
      const toA3 = nextOffer(a3, task.id);
      expectOk(await a2.emitWithAck('task:decline', { taskId: task.id }));
      await toA3;
      const toA1 = nextOffer(a1, task.id);
      await moveClock(31_000);
      await toA1;
      expect(expectOk(await a1.emitWithAck('task:accept', { taskId: task.id })).status).toBe('assigned');
      expect(await eventKinds(task.id)).toEqual([
        'created',
        `offered:${ids.a2}`,
        `declined:${ids.a2}`,
        `offered:${ids.a3}`,
        `offer-timed-out:${ids.a3}`,
        `offered:${ids.a1}`,
        `accepted:${ids.a1}`,
      ]);
    });

    it('sets an agent away after too many missed offers, and offers them nothing then', async () => {
      const admin = await t.desktop('admin');
      const profiles = expectOk(await admin.emitWithAck('admin:agent:list', {}));
      const a3Profile = profiles.find((p) => p.userId === ids.a3);
      if (!a3Profile) throw new Error('agent3 has no profile');
      expectOk(await admin.emitWithAck('admin:agent:upsert', { ...a3Profile, maxMissedBeforeAway: 2 }));
      admin.disconnect();
      await away(a1);
      await away(a2);
      const toA3 = nextOffer(a3);
      const task = await create('Third question');
      tasks.t3 = task.id;
      await toA3;
      const awayState = nextState(a3);
      await moveClock(31_000);
      expect(await awayState).toMatchObject({ status: 'away', reasonCode: 'missed-offers' });
      const a3Offers = recordOffers(a3);
      const fourth = await create('Fourth question');
      tasks.t4 = fourth.id;
      expect(fourth.status).toBe('queued');
      const a2Offers = recordOffers(a2);
      await setState(a2, 'available');
      await new Promise((resolve) => setTimeout(resolve, 200));
      a2Offers.stop();
      a3Offers.stop();
      expect(a3Offers.offers).toEqual([]);
      expect(a2Offers.offers.map((offer) => offer.task.id).sort()).toEqual([tasks.t3, tasks.t4].sort());
    });

    it('respects capacity: three chats at most', async () => {
      for (const id of [tasks.t3, tasks.t4]) expectOk(await a2.emitWithAck('task:accept', { taskId: id as string }));
      const fifth = await create('Fifth question');
      expect(fifth).toMatchObject({ status: 'offered', offeredTo: ids.a2 });
      tasks.t5 = fifth.id;
      expectOk(await a2.emitWithAck('task:accept', { taskId: fifth.id }));
      const sixth = await create('Sixth question');
      tasks.t6 = sixth.id;
      expect(sixth.status).toBe('queued');
    });

    it('puts a VIP customer ahead of an ordinary one who waited', async () => {
      await away(a2);
      const ordinary = await create('Ordinary call', { channel: 'call' });
      t.clock.offsetMs += 5_000;
      const vip = await create('VIP call', { channel: 'call', customerId: vipCustomer.id });
      tasks.ordinaryCall = ordinary.id;
      tasks.vipCall = vip.id;
      expect([ordinary.status, vip.status]).toEqual(['queued', 'queued']);
      const a4Offers = recordOffers(a4);
      const toA4 = nextOffer(a4, vip.id);
      await setState(a4, 'available');
      expect((await toA4).task.customerTier).toBe('vip');
      a4Offers.stop();
      // One live conversation at a time: the ordinary call waits.
      expect(a4Offers.offers.map((offer) => offer.task.id)).not.toContain(ordinary.id);
    });

    it('completes, wraps up with a disposition from the list, and puts it on the timeline', async () => {
      const taskId = tasks.vipCall as string;
      expectOk(await a4.emitWithAck('task:accept', { taskId }));
      const wrapState = nextState(a4);
      expect(expectOk(await a4.emitWithAck('task:complete', { taskId })).status).toBe('wrap-up');
      expect((await wrapState).status).toBe('wrap-up');
      const bad = expectError(await a4.emitWithAck('task:wrapup', { taskId, disposition: 'Made up' }));
      expect(bad.code).toBe('invalid-payload');
      expect(bad.issues?.[0]?.path).toBe('disposition');
      const broadcast = new Promise<Change[]>((resolve) => sup.once('sync:changes', resolve));
      const done = expectOk(await a4.emitWithAck('task:wrapup', { taskId, disposition: GOOD, note: 'Upgraded the plan.' }));
      expect(done).toMatchObject({ status: 'done', disposition: GOOD });
      const [change] = await broadcast;
      expect(change?.entity).toBe('interaction');
      if (change?.entity !== 'interaction' || change.data.channel !== 'note') throw new Error('expected a note');
      expect(change.data.customerId).toBe(vipCustomer.id);
      expect(change.data.text).toContain(GOOD);
      expect(change.data.text).toContain('Upgraded the plan.');
      expect(await eventKinds(taskId)).toEqual([
        'created',
        `offered:${ids.a4}`,
        `accepted:${ids.a4}`,
        `wrap-up:${ids.a4}`,
        `done:${ids.a4}`,
      ]);
    });

    it('transfers to a queue (re-queued there) and to an agent (offered to them)', async () => {
      const taskId = tasks.t5 as string;
      expectOk(await a2.emitWithAck('task:transfer', { taskId, to: { kind: 'queue', queueId: billing.id } }));
      const row = await t.hub.db.selectFrom('tasks').select(['status', 'queue_id']).where('id', '=', taskId).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'queued', queue_id: billing.id });
      const toA1 = nextOffer(a1, taskId);
      await setState(a1, 'available');
      expect((await toA1).task.queueId).toBe(billing.id);
      expectOk(await a1.emitWithAck('task:accept', { taskId }));
      const toA2 = nextOffer(a2, taskId);
      await setState(a2, 'available');
      expectOk(await a1.emitWithAck('task:transfer', { taskId, to: { kind: 'agent', agentId: ids.a2 as string } }));
      const offer = await toA2;
      expect(offer.task).toMatchObject({ status: 'offered', offeredTo: ids.a2 });
      const kinds = await eventKinds(taskId);
      expect(kinds.filter((kind) => kind.startsWith('transferred'))).toEqual([`transferred:${ids.a2}`, `transferred:${ids.a1}`]);
    });

    it('lists colleagues and every queue in the directory, then transfers to a queue picked from it', async () => {
      const directory = expectOk(await a1.emitWithAck('agent:directory', {}));
      const agentIds = directory.agents.map((agent) => agent.id);
      expect(agentIds).not.toContain(ids.a1);
      expect(agentIds).toEqual(expect.arrayContaining([ids.a2, ids.a3, ids.a4]));
      expect(directory.agents.find((agent) => agent.id === ids.a2)).toMatchObject({ status: 'available', connected: true });
      // agent4 works General only, yet sees every queue.
      const fromA4 = expectOk(await a4.emitWithAck('agent:directory', {}));
      expect(fromA4.queues.map((queue) => queue.id)).toEqual(expect.arrayContaining([general.id, billing.id]));
      expect(fromA4.queues).toHaveLength(3);
      expect(fromA4.agents.map((agent) => agent.id)).toContain(ids.a1);
      expect(expectError(await a1.emitWithAck('agent:directory', { extra: 1 } as unknown as Record<string, never>)).code).toBe('invalid-payload');

      const toA1 = nextOffer(a1);
      const task = await create('Transfer me', { channel: 'email' });
      await toA1;
      expectOk(await a1.emitWithAck('task:accept', { taskId: task.id }));
      const unknown = expectError(await a1.emitWithAck('task:transfer', { taskId: task.id, to: { kind: 'queue', queueId: NOBODY } }));
      expect(unknown.code).toBe('not-found');
      const target = directory.queues.find((queue) => queue.id === billing.id);
      if (!target) throw new Error('billing is not in the directory');
      const toA2 = nextOffer(a2, task.id);
      expectOk(await a1.emitWithAck('task:transfer', { taskId: task.id, to: { kind: 'queue', queueId: target.id } }));
      const offer = await toA2;
      expect(offer.task).toMatchObject({ status: 'offered', offeredTo: ids.a2, queueId: billing.id });
      expect(offer.customer?.id).toBe(customer.id);
      expectOk(await a2.emitWithAck('task:decline', { taskId: task.id }));
    });

    it('assigns at once to an agent who auto-accepts the channel', async () => {
      await away(a1);
      const admin = await t.desktop('admin');
      const profile = expectOk(await admin.emitWithAck('admin:agent:list', {})).find((p) => p.userId === ids.a4);
      if (!profile) throw new Error('agent4 has no profile');
      expectOk(await admin.emitWithAck('admin:agent:upsert', { ...profile, autoAccept: { chat: true } }));
      admin.disconnect();
      await setState(a4, 'available');
      const assigned = new Promise<TaskView>((resolve) => {
        const listener = (task: TaskView) => {
          if (task.subject !== 'Seventh question') return;
          a4.off('task:updated', listener);
          resolve(task);
        };
        a4.on('task:updated', listener);
      });
      const task = await create('Seventh question');
      expect(task).toMatchObject({ status: 'assigned', assignedTo: ids.a4 });
      expect(await assigned).toMatchObject({ id: task.id, status: 'assigned' });
      expect(await eventKinds(task.id)).toEqual(['created', `offered:${ids.a4}`, `assigned:${ids.a4}`]);
    });

    it('refuses an unknown queue in a profile, and a profile for nobody', async () => {
      const admin = await t.desktop('admin');
      const profile = expectOk(await admin.emitWithAck('admin:agent:list', {})).find((p) => p.userId === ids.a4);
      if (!profile) throw new Error('agent4 has no profile');
      const unknownQueue = expectError(await admin.emitWithAck('admin:agent:upsert', { ...profile, queueIds: [NOBODY] }));
      expect(unknownQueue.code).toBe('invalid-payload');
      const nobody = expectError(await admin.emitWithAck('admin:agent:upsert', { ...profile, userId: NOBODY }));
      expect(nobody.code).toBe('not-found');
      admin.disconnect();
    });

    it('withdraws offers when the agent’s last desktop disconnects', async () => {
      const taskId = tasks.t5 as string;
      a2.disconnect();
      for (let i = 0; i < 50; i += 1) {
        const row = await t.hub.db.selectFrom('tasks').select(['status', 'offered_to']).where('id', '=', taskId).executeTakeFirstOrThrow();
        if (row.offered_to !== ids.a2) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const row = await t.hub.db.selectFrom('tasks').select(['offered_to']).where('id', '=', taskId).executeTakeFirstOrThrow();
      expect(row.offered_to).not.toBe(ids.a2);
      expect(await eventKinds(taskId)).toContain(`declined:${ids.a2}`);
      // The state survives a short absence, then goes offline after the grace period.
      const stateOf = async () =>
        JSON.parse((await t.hub.db.selectFrom('agent_states').select('data').where('user_id', '=', ids.a2 as string).executeTakeFirstOrThrow()).data)
          .state.status;
      await moveClock(10_000);
      expect(await stateOf()).toBe('available');
      await moveClock(25_000);
      expect(await stateOf()).toBe('offline');
    });

    it('lets an admin add an away reason, which the desk then lists and an agent can pick', async () => {
      const admin = await t.desktop('admin');
      const before = expectOk(await admin.emitWithAck('admin:settings:get', {}));
      expect(before.awayReasons.map((reason) => reason.code)).not.toContain('coaching');
      const unknown = expectError(await a1.emitWithAck('agent:state:set', { status: 'away', reasonCode: 'coaching' }));
      expect(unknown.code).toBe('invalid-payload');
      const next = { ...before, awayReasons: [...before.awayReasons, { code: 'coaching', label: 'Coaching / 辅导' }] };
      expect(expectOk(await admin.emitWithAck('admin:settings:set', next))).toEqual(next);
      expect(expectOk(await admin.emitWithAck('admin:settings:get', {}))).toEqual(next);
      admin.disconnect();
      const desk = expectOk(await a1.emitWithAck('agent:desk', {}));
      expect(desk.awayReasons).toContainEqual({ code: 'coaching', label: 'Coaching / 辅导' });
      expect(expectOk(await a1.emitWithAck('agent:state:set', { status: 'away', reasonCode: 'coaching' }))).toMatchObject({
        status: 'away',
        reasonCode: 'coaching',
      });
    });

    it('refuses routing settings from an agent, and invalid ones from an admin', async () => {
      const admin = await t.desktop('admin');
      const settings = expectOk(await admin.emitWithAck('admin:settings:get', {}));
      expect(expectError(await a1.emitWithAck('admin:settings:set', settings)).code).toBe('forbidden');
      const duplicate = expectError(
        await admin.emitWithAck('admin:settings:set', { ...settings, awayReasons: [...settings.awayReasons, { code: 'break', label: 'Another break' }] }),
      );
      expect(duplicate.code).toBe('invalid-payload');
      expect(duplicate.issues?.map((issue) => issue.path)).toContain('awayReasons');
      const reserved = expectError(
        await admin.emitWithAck('admin:settings:set', { ...settings, awayReasons: [...settings.awayReasons, { code: 'missed-offers', label: 'Missed' }] }),
      );
      expect(reserved.code).toBe('invalid-payload');
      expect(reserved.issues?.map((issue) => issue.path)).toContain('awayReasons');
      expect(expectOk(await admin.emitWithAck('admin:settings:get', {}))).toEqual(settings);
      admin.disconnect();
    });

    it('counts declined offers as misses only while the admin says so', async () => {
      const admin = await t.desktop('admin');
      // A queue of its own for agent5, so every task made here rings on agent5 and on nobody else.
      const solo: Queue = { ...general, id: ulid(), name: 'Decline test', channels: ['chat'], overflowQueueId: null };
      expectOk(await admin.emitWithAck('admin:queue:upsert', solo));
      const a5 = await t.desktop('agent5');
      const a5Id = expectOk(await a5.emitWithAck('session:whoami', {})).id;
      const profile = expectOk(await admin.emitWithAck('admin:agent:list', {})).find((p) => p.userId === a5Id);
      if (!profile) throw new Error('agent5 has no profile');
      expectOk(await admin.emitWithAck('admin:agent:upsert', { ...profile, queueIds: [solo.id], maxMissedBeforeAway: 2 }));
      const settings = expectOk(await admin.emitWithAck('admin:settings:get', {}));
      expect(settings.declineCountsAsMiss).toBe(false);
      await setState(a5, 'available');
      const declineOne = async (subject: string) => {
        const offered = nextOffer(a5);
        const task = await create(subject, { queueId: solo.id });
        expect((await offered).task.id).toBe(task.id);
        expectOk(await a5.emitWithAck('task:decline', { taskId: task.id }));
      };
      const stateOfA5 = async () => expectOk(await a5.emitWithAck('agent:desk', {})).state;

      await declineOne('Declined while off 1');
      await declineOne('Declined while off 2');
      expect((await stateOfA5()).status).toBe('available');

      expectOk(await admin.emitWithAck('admin:settings:set', { ...settings, declineCountsAsMiss: true }));
      await declineOne('Declined while on 1');
      expect((await stateOfA5()).status).toBe('available');
      const sentAway = nextState(a5);
      await declineOne('Declined while on 2');
      expect(await sentAway).toMatchObject({ status: 'away', reasonCode: 'missed-offers' });
      expect(await stateOfA5()).toMatchObject({ status: 'away', reasonCode: 'missed-offers' });
      admin.disconnect();
    });
  });
}

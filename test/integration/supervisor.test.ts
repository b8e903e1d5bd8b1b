import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from '../../shared/domain/routing';
import { CLIENT_EVENTS, type ClientToHubEvents } from '../../shared/protocol/events';
import type { SupervisorBoard, SupervisorMessage } from '../../shared/protocol/supervisor';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import { postgresTestStore, sqliteTestStore, type TestStore } from './helpers/test-stores';

/** A well-formed id that names no task, queue or user. */
const NOBODY = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** The next pushed board that satisfies `wanted`. */
function nextBoard(desktop: Desktop, wanted: (board: SupervisorBoard) => boolean, timeoutMs = 3_000): Promise<SupervisorBoard> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      desktop.off('supervisor:board', listener);
      reject(new Error('no such supervisor:board'));
    }, timeoutMs);
    const listener = (board: SupervisorBoard) => {
      if (!wanted(board)) return;
      clearTimeout(timer);
      desktop.off('supervisor:board', listener);
      resolve(board);
    };
    desktop.on('supervisor:board', listener);
  });
}

function nextMessage(desktop: Desktop, timeoutMs = 3_000): Promise<SupervisorMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no supervisor:message')), timeoutMs);
    desktop.once('supervisor:message', (message) => {
      clearTimeout(timer);
      resolve(message);
    });
  });
}

for (const [label, makeStore] of [
  ['sqlite', sqliteTestStore],
  ['postgres', postgresTestStore],
] as const) {
  describe(`supervisor live view and actions on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let sup: Desktop;
    let admin: Desktop;
    let a1: Desktop;
    let a2: Desktop;
    let a4: Desktop;
    const ids: Record<string, string> = {};
    let general: Queue;
    let billing: Queue;
    let taskId = '';

    const create = async (subject: string, queueId = general.id) =>
      expectOk(await sup.emitWithAck('task:create', { channel: 'chat', queueId, customerId: null, subject })).id;

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
      [sup, admin, a1, a2, a4] = await Promise.all([t.desktop('supervisor'), t.desktop('admin'), t.desktop('agent1'), t.desktop('agent2'), t.desktop('agent4')]);
      for (const [name, desktop] of [['a1', a1], ['a2', a2], ['a4', a4]] as const) ids[name] = expectOk(await desktop.emitWithAck('session:whoami', {})).id;
      const queues = expectOk(await sup.emitWithAck('admin:queue:list', {}));
      const find = (prefix: string): Queue => {
        const queue = queues.find((q) => q.name.startsWith(prefix));
        if (!queue) throw new Error(`no queue ${prefix}`);
        return queue;
      };
      general = find('General');
      billing = find('Billing');
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('refuses every supervisor event to an agent, with the typed error', async () => {
      const payloads: { [E in keyof ClientToHubEvents as E extends `supervisor:${string}` ? E : never]: Parameters<ClientToHubEvents[E]>[0] } = {
        'supervisor:watch': {},
        'supervisor:unwatch': {},
        'supervisor:task:move': { taskId: NOBODY, queueId: general.id },
        'supervisor:task:assign': { taskId: NOBODY, agentId: ids.a1 ?? NOBODY },
        'supervisor:agent:state': { agentId: ids.a2 ?? NOBODY, state: { status: 'offline' } },
        'supervisor:message': { to: { kind: 'queue', queueId: general.id }, text: 'hello' },
        'supervisor:agent:edit': { agentId: ids.a1 ?? NOBODY, skills: {}, queueIds: [] },
        'supervisor:settings:set': { thresholds: {}, supervisorsEditAgents: true },
      };
      const names = Object.keys(CLIENT_EVENTS).filter((name) => name.startsWith('supervisor:'));
      expect(names.sort()).toEqual(Object.keys(payloads).sort());
      let boards = 0;
      a1.on('supervisor:board', () => boards++);
      for (const name of names) {
        // Each event is sent untyped here, as a tampered desktop would.
        const raw = a1 as unknown as { emitWithAck(event: string, payload: unknown): Promise<Parameters<Parameters<ClientToHubEvents['supervisor:watch']>[1]>[0]> };
        const error = expectError(await raw.emitWithAck(name, payloads[name as keyof typeof payloads]));
        expect([name, error.code]).toEqual([name, 'forbidden']);
      }
      await create('Pushed only to watchers');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(boards).toBe(0);
    });

    it('answers watch with the board, then pushes a fresh one after a task is created', async () => {
      const board = expectOk(await sup.emitWithAck('supervisor:watch', {}));
      const before = board.queues.find((q) => q.queueId === general.id);
      expect(before?.offered).toBe(1); // the task of the test before, counted from the stored events
      expect(board.agents.map((a) => a.username).sort()).toEqual(['agent1', 'agent2', 'agent3', 'agent4', 'agent5']);
      expect(board.agents.find((a) => a.agentId === ids.a1)).toMatchObject({ connected: true, state: { status: 'offline' } });
      const pushed = nextBoard(sup, (b) => b.waiting.some((w) => w.subject === 'Moved by a supervisor'));
      taskId = await create('Moved by a supervisor');
      const fresh = await pushed;
      expect(fresh.at).toBeGreaterThanOrEqual(board.at);
      const after = fresh.queues.find((q) => q.queueId === general.id);
      expect([after?.offered, after?.waiting]).toEqual([2, 2]);
      expect(fresh.intervals.reduce((sum, i) => sum + (i.queueId === general.id ? i.offered : 0), 0)).toBe(2);
    });

    it('moves a waiting task to another queue; refuses unknown ids and the same queue', async () => {
      const pushed = nextBoard(sup, (b) => b.waiting.some((w) => w.taskId === taskId && w.queueId === billing.id));
      expect(expectOk(await sup.emitWithAck('supervisor:task:move', { taskId, queueId: billing.id }))).toBeNull();
      const board = await pushed;
      expect(board.queues.find((q) => q.queueId === billing.id)).toMatchObject({ offered: 1, waiting: 1 });
      expect(board.queues.find((q) => q.queueId === general.id)).toMatchObject({ offered: 2, waiting: 1 });
      expect(expectError(await sup.emitWithAck('supervisor:task:move', { taskId, queueId: billing.id })).code).toBe('conflict');
      expect(expectError(await sup.emitWithAck('supervisor:task:move', { taskId: NOBODY, queueId: general.id })).code).toBe('not-found');
      expect(expectError(await sup.emitWithAck('supervisor:task:move', { taskId, queueId: NOBODY })).code).toBe('not-found');
      expect(expectError(await sup.emitWithAck('supervisor:task:move', { taskId: 'nope', queueId: general.id })).code).toBe('invalid-payload');
    });

    it('changes another agent’s state; refuses an unknown agent or reason', async () => {
      const told = new Promise((resolve) => a2.once('agent:state', resolve));
      const state = expectOk(await sup.emitWithAck('supervisor:agent:state', { agentId: ids.a2 ?? NOBODY, state: { status: 'away', reasonCode: 'break' } }));
      expect(state).toMatchObject({ status: 'away', reasonCode: 'break' });
      expect(await told).toMatchObject({ status: 'away' });
      expect(expectError(await sup.emitWithAck('supervisor:agent:state', { agentId: NOBODY, state: { status: 'offline' } })).code).toBe('not-found');
      const bad = expectError(await sup.emitWithAck('supervisor:agent:state', { agentId: ids.a2 ?? NOBODY, state: { status: 'away', reasonCode: 'nap' } }));
      expect(bad.code).toBe('invalid-payload');
    });

    it('assigns a waiting task to a named member; refuses non-members, signed-out agents and tasks no longer waiting', async () => {
      // agent4 is in General only; agent1 is signed out.
      expect(expectError(await sup.emitWithAck('supervisor:task:assign', { taskId, agentId: ids.a4 ?? NOBODY })).code).toBe('conflict');
      expect(expectError(await sup.emitWithAck('supervisor:task:assign', { taskId, agentId: ids.a1 ?? NOBODY })).code).toBe('conflict');
      expect(expectError(await sup.emitWithAck('supervisor:task:assign', { taskId, agentId: NOBODY })).code).toBe('not-found');
      expect(expectError(await sup.emitWithAck('supervisor:task:assign', { taskId: NOBODY, agentId: ids.a2 ?? NOBODY })).code).toBe('not-found');
      const updated = new Promise<{ assignedTo: string | null }>((resolve) => a2.once('task:updated', resolve));
      const pushed = nextBoard(sup, (b) => b.agents.some((a) => a.agentId === ids.a2 && a.tasks.some((task) => task.taskId === taskId)));
      // agent2 is away, but a supervisor's hand is not an offer: away agents can be given work.
      expect(expectOk(await sup.emitWithAck('supervisor:task:assign', { taskId, agentId: ids.a2 ?? NOBODY }))).toBeNull();
      expect((await updated).assignedTo).toBe(ids.a2);
      const board = await pushed;
      expect(board.queues.find((q) => q.queueId === billing.id)).toMatchObject({ answered: 1, answeredInTime: 1, waiting: 0 });
      const events = await t.hub.db.selectFrom('task_events').select(['kind', 'data']).where('task_id', '=', taskId).orderBy('id').execute();
      expect(events.map((e) => e.kind)).toEqual(['created', 'overflowed', 'assigned']);
      expect(JSON.parse(events[2]?.data ?? '{}')).toMatchObject({ reason: 'supervisor', agentId: ids.a2 });
      expect(expectError(await sup.emitWithAck('supervisor:task:assign', { taskId, agentId: ids.a2 ?? NOBODY })).code).toBe('conflict');
      expect(expectError(await sup.emitWithAck('supervisor:task:move', { taskId, queueId: general.id })).code).toBe('conflict');

      // A call rings the agent's softphone: not handed to an agent whose phone is not registered.
      const call = expectOk(await sup.emitWithAck('task:create', { channel: 'call', queueId: billing.id, customerId: null, subject: 'Call for agent2' })).id;
      const unregistered = expectError(await sup.emitWithAck('supervisor:task:assign', { taskId: call, agentId: ids.a2 ?? NOBODY }));
      expect([unregistered.code, unregistered.message]).toEqual(['conflict', expect.stringContaining('phone')]);
      expectOk(await a2.emitWithAck('agent:phone', { registered: true }));
      expect(expectOk(await sup.emitWithAck('supervisor:task:assign', { taskId: call, agentId: ids.a2 ?? NOBODY }))).toBeNull();
    });

    it('logging an agent out withdraws the offer ringing on their desktop', async () => {
      expectOk(await a4.emitWithAck('agent:state:set', { status: 'available' }));
      const offered = await new Promise<string>((resolve) => {
        a4.once('task:offer', (offer) => resolve(offer.task.id));
        void create('Rings agent4');
      });
      const pushed = nextBoard(sup, (b) => b.agents.some((a) => a.agentId === ids.a4 && a.state.status === 'offline' && a.tasks.length === 0));
      expect(expectOk(await sup.emitWithAck('supervisor:agent:state', { agentId: ids.a4 ?? NOBODY, state: { status: 'offline' } })).status).toBe('offline');
      const board = await pushed;
      expect(board.waiting.find((w) => w.taskId === offered)).toMatchObject({ status: 'queued', offeredTo: null });
    });

    it('moving a task that rings an agent ends the offer first', async () => {
      expectOk(await a4.emitWithAck('agent:state:set', { status: 'available' }));
      const ringing = await new Promise<string>((resolve) => {
        a4.once('task:offer', (offer) => resolve(offer.task.id));
        void create('Rings agent4, then moves');
      });
      const withdrawn = new Promise<{ status: string; offeredTo: string | null }>((resolve) => a4.once('task:updated', resolve));
      expectOk(await sup.emitWithAck('supervisor:task:move', { taskId: ringing, queueId: billing.id }));
      // agent4 is not in Billing, and nobody there is available: it waits.
      expect(await withdrawn).toMatchObject({ status: 'queued', offeredTo: null });
      const kinds = await t.hub.db.selectFrom('task_events').select('kind').where('task_id', '=', ringing).orderBy('id').execute();
      expect(kinds.map((row) => row.kind)).toEqual(['created', 'offered', 'declined', 'overflowed']);
      expectOk(await a4.emitWithAck('agent:state:set', { status: 'offline' }));
    });

    it('sends a message to one agent or to a queue’s members, counting who saw it', async () => {
      const toA1 = nextMessage(a1);
      expect(expectOk(await sup.emitWithAck('supervisor:message', { to: { kind: 'agent', agentId: ids.a1 ?? NOBODY }, text: '请接听 VIP 来电' }))).toEqual({ delivered: 1 });
      expect(await toA1).toMatchObject({ text: '请接听 VIP 来电', to: 'you', fromName: '赵敏 Zhao Min (主管)' });
      const [m1, m2] = [nextMessage(a1), nextMessage(a2)];
      // Billing: agent1, agent2 (connected) and agent5 (not).
      expect(expectOk(await sup.emitWithAck('supervisor:message', { to: { kind: 'queue', queueId: billing.id }, text: 'Team huddle at 3' }))).toEqual({ delivered: 2 });
      expect((await m1).to).toEqual({ queueName: billing.name });
      expect((await m2).text).toBe('Team huddle at 3');
      expect(expectError(await sup.emitWithAck('supervisor:message', { to: { kind: 'agent', agentId: NOBODY }, text: 'hi' })).code).toBe('not-found');
      expect(expectError(await sup.emitWithAck('supervisor:message', { to: { kind: 'queue', queueId: NOBODY }, text: 'hi' })).code).toBe('not-found');
      expect(expectError(await sup.emitWithAck('supervisor:message', { to: { kind: 'agent', agentId: ids.a1 ?? NOBODY }, text: '   ' })).code).toBe('invalid-payload');
    });

    it('edits an agent’s skills and queues, as the settings allow', async () => {
      const edit = { agentId: ids.a4 ?? NOBODY, skills: { billing: 3, 粤语: 2 }, queueIds: [general.id, billing.id] };
      const pushed = nextBoard(sup, (b) => b.agents.some((a) => a.agentId === ids.a4 && a.queueIds.includes(billing.id)));
      expect(expectOk(await sup.emitWithAck('supervisor:agent:edit', edit))).toMatchObject({ skills: edit.skills, queueIds: edit.queueIds, capacity: { chat: 3 } });
      expect((await pushed).agents.find((a) => a.agentId === ids.a4)?.skills).toEqual(edit.skills);
      expect(expectError(await sup.emitWithAck('supervisor:agent:edit', { ...edit, queueIds: [NOBODY] })).code).toBe('not-found');
      expect(expectError(await sup.emitWithAck('supervisor:agent:edit', { ...edit, agentId: NOBODY })).code).toBe('not-found');
      // Only an administrator decides who edits; once off, supervisors are refused and admins are not.
      expect(expectError(await sup.emitWithAck('supervisor:settings:set', { thresholds: {}, supervisorsEditAgents: false })).code).toBe('forbidden');
      expectOk(await admin.emitWithAck('supervisor:settings:set', { thresholds: {}, supervisorsEditAgents: false }));
      expect(expectError(await sup.emitWithAck('supervisor:agent:edit', edit)).code).toBe('forbidden');
      expect(expectOk(await admin.emitWithAck('supervisor:agent:edit', { ...edit, queueIds: [general.id] })).queueIds).toEqual([general.id]);
    });

    it('saves alert thresholds per queue; refuses unknown queues', async () => {
      const thresholds = { [general.id]: { serviceLevelBelow: 90, waitAboveSec: 1, agentStateAboveSec: 600 } };
      const pushed = nextBoard(sup, (b) => b.settings.thresholds[general.id]?.waitAboveSec === 1);
      expect(expectOk(await sup.emitWithAck('supervisor:settings:set', { thresholds, supervisorsEditAgents: false })).thresholds).toEqual(thresholds);
      await pushed;
      // Two tasks wait in General; past 1 s the next board (the periodic one, or a change) carries the alert.
      t.clock.offsetMs += 2_000;
      const alerted = nextBoard(sup, (b) => b.alerts.some((a) => a.id === `long-wait:${general.id}`));
      await create('Makes a change');
      expect((await alerted).alerts.find((a) => a.kind === 'long-wait')).toMatchObject({ queueId: general.id, threshold: 1 });
      const unknown = expectError(await sup.emitWithAck('supervisor:settings:set', { thresholds: { [NOBODY]: thresholds[general.id] ?? { serviceLevelBelow: null, waitAboveSec: 1, agentStateAboveSec: 1 } }, supervisorsEditAgents: false }));
      expect(unknown.code).toBe('not-found');
      expect(expectError(await sup.emitWithAck('supervisor:settings:set', { thresholds: {}, supervisorsEditAgents: 'yes' } as never)).code).toBe('invalid-payload');
    });

    it('coalesces a burst of steps into a few boards, the last one complete', async () => {
      const boards: SupervisorBoard[] = [];
      const listener = (board: SupervisorBoard) => boards.push(board);
      sup.on('supervisor:board', listener);
      const started = performance.now();
      const all = nextBoard(sup, (b) => b.waiting.filter((w) => w.subject.startsWith('Burst')).length === 30, 10_000);
      await Promise.all(Array.from({ length: 30 }, (_, n) => create(`Burst ${n}`)));
      await all;
      const elapsed = performance.now() - started;
      sup.off('supervisor:board', listener);
      // One at once, then at most one per 200 ms gap (and the periodic one): far fewer than 30.
      expect(boards.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
      expect(boards.length).toBeLessThan(30);
    });

    it('stops pushing to the window that unwatched, and only to it', async () => {
      // The same supervisor with the wallboard open in a second window.
      const wall = await t.desktop('supervisor');
      expectOk(await wall.emitWithAck('supervisor:watch', {}));
      expect(expectOk(await sup.emitWithAck('supervisor:unwatch', {}))).toBeNull();
      let boards = 0;
      let wallBoards = 0;
      sup.on('supervisor:board', () => boards++);
      wall.on('supervisor:board', () => wallBoards++);
      await create('Only the wall watches');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(boards).toBe(0);
      expect(wallBoards).toBeGreaterThan(0);
      wall.disconnect();
    });
  });
}

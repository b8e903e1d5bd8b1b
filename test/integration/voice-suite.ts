import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction } from '../../shared/domain/interaction';
import type { Queue } from '../../shared/domain/routing';
import type { Change } from '../../shared/protocol/changes';
import type { Response } from '../../shared/protocol/errors';
import type { TaskView } from '../../shared/protocol/routing';
import { VOICE_KEY_HEADER, VOICE_PATHS, type VoiceCallEvent, type VoiceRouteAnswer, type VoiceRouteRequest } from '../../shared/protocol/voice';
import type { VoiceCall } from '../../hub/db/voice-queries';
import { userRoom } from '../../hub/socket/hub-socket';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const VOICE_KEY = 'voice-key-for-tests-0123456789abcdefghij';
/** The company's line customers see when an agent calls them (SIP_CALLER_ID). */
const LINE = '+862088886666';

/**
 * Collects `sync:changes` until one carries this call's interaction. Keyed by
 * call: changes reach desktops in short batches, so the previous step's call
 * may still be on its way when the next one starts listening.
 */
function nextCallInteraction(desktop: Desktop, callId: string, timeoutMs = 5_000): Promise<Interaction> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      desktop.off('sync:changes', listener);
      reject(new Error(`no interaction for call ${callId} was broadcast`));
    }, timeoutMs);
    const listener = (changes: Change[]) => {
      for (const change of changes) {
        if (change.entity === 'interaction' && change.op === 'put' && change.data.channel === 'call' && change.data.callId === callId) {
          clearTimeout(timer);
          desktop.off('sync:changes', listener);
          resolve(change.data);
          return;
        }
      }
    };
    desktop.on('sync:changes', listener);
  });
}

/**
 * The voice channel as Kamailio drives it: HTTP asks and events with the
 * shared key, real desktops whose softphones say whether they are
 * registered, the hub's clock moved by the test and `routing.tick()` instead
 * of the sweep. Steps build on each other, in order.
 */
export function defineVoiceSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`voice on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let sup: Desktop;
    let a1: Desktop;
    let a2: Desktop;
    let a4: Desktop;
    let general: Queue;
    const ids: Record<string, string> = {};
    /** A demo customer's mobile, E.164 and as dialled nationally. */
    let known: { customerId: string; e164: string; national: string };
    let callSeq = 0;
    /** Kamailio's wake endpoint stood in for: the Call-IDs the hub woke, in order. */
    let wakeListener: Server;
    const woken: string[] = [];
    const callId = () => `call-${label}-${++callSeq}@sipp.example`;

    const voicePost = async (path: string, body: unknown, key: string | null = VOICE_KEY) => {
      const response = await fetch(`${t.hub.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key === null ? {} : { [VOICE_KEY_HEADER]: key }) },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Response<unknown> };
    };
    const ask = async (request: Partial<VoiceRouteRequest> & { callId: string }): Promise<VoiceRouteAnswer> => {
      const { status, json } = await voicePost(VOICE_PATHS.route, { dialled: 'support', fromUser: '', fromDisplay: '', attempt: 1, ...request });
      expect(status).toBe(200);
      return expectOk(json) as VoiceRouteAnswer;
    };
    const tell = async (event: VoiceCallEvent) => {
      const { status, json } = await voicePost(VOICE_PATHS.event, event);
      expect(status, JSON.stringify(json)).toBe(200);
    };
    const callRecord = async (id: string): Promise<VoiceCall> => {
      const row = await t.hub.db.selectFrom('voice_calls').select('data').where('call_id', '=', id).executeTakeFirstOrThrow();
      return JSON.parse(row.data) as VoiceCall;
    };
    const task = async (taskId: string): Promise<TaskView> => {
      const row = await t.hub.db.selectFrom('tasks').select('data').where('id', '=', taskId).executeTakeFirstOrThrow();
      return JSON.parse(row.data) as TaskView;
    };
    const timelineOf = async (customerId: string, channel: Interaction['channel']): Promise<Interaction[]> =>
      (await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', customerId).where('channel', '=', channel).orderBy('id').execute()).map(
        (row) => JSON.parse(row.data) as Interaction,
      );
    const customerRow = async (customerId: string) => {
      const row = await t.hub.db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirstOrThrow();
      return { ...row, tags: JSON.parse(row.tags) as string[] };
    };
    const eventKinds = async (taskId: string) =>
      (await t.hub.db.selectFrom('task_events').select(['kind', 'agent_id']).where('task_id', '=', taskId).orderBy('id').execute()).map(
        (row) => (row.agent_id ? `${row.kind}:${row.agent_id}` : row.kind),
      );
    const missedCount = async (userId: string): Promise<number> => {
      const row = await t.hub.db.selectFrom('agent_states').select('data').where('user_id', '=', userId).executeTakeFirstOrThrow();
      return (JSON.parse(row.data) as { missedCount: number }).missedCount;
    };
    const setState = async (desktop: Desktop, status: 'available' | 'offline') => expectOk(await desktop.emitWithAck('agent:state:set', { status }));
    const away = async (desktop: Desktop) => expectOk(await desktop.emitWithAck('agent:state:set', { status: 'away', reasonCode: 'break' }));
    const phone = async (desktop: Desktop, registered: boolean) => expectOk(await desktop.emitWithAck('agent:phone', { registered }));

    beforeAll(async () => {
      store = await makeStore();
      wakeListener = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        request.on('end', () => {
          woken.push((JSON.parse(body) as { callId: string }).callId);
          response.writeHead(202).end();
        });
      });
      await new Promise<void>((resolve) => wakeListener.listen(0, '127.0.0.1', resolve));
      // Sessions outlive the queue's max wait, which the test jumps over.
      t = await startTestHub(store, {
        SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`,
        VOICE_KEY,
        ACCESS_TTL_SEC: '86400',
        // An outbound line whose gateway is never reached: the hub only decides, Kamailio dials.
        SIP_TRUNK: 'sip:203.0.113.9:5060',
        SIP_CALLER_ID: LINE,
        SIP_OUTBOUND_ALLOW: 'HK',
        KAMAILIO_WAKE_URL: `http://127.0.0.1:${(wakeListener.address() as AddressInfo).port}/switchboard/wake`,
      });
      sup = await t.desktop('supervisor');
      [a1, a2, a4] = await Promise.all([t.desktop('agent1'), t.desktop('agent2'), t.desktop('agent4')]);
      for (const [name, desktop] of [['a1', a1], ['a2', a2], ['a4', a4]] as const) {
        ids[name] = expectOk(await desktop.emitWithAck('session:whoami', {})).id;
      }
      const queues = expectOk(await sup.emitWithAck('admin:queue:list', {}));
      const found = queues.find((queue) => queue.name.startsWith('General'));
      if (!found) throw new Error('no General queue');
      general = found;
      const identity = await t.hub.db
        .selectFrom('identities')
        .select(['customer_id', 'value'])
        .where('kind', '=', 'phone')
        .where('value', 'like', '+861%')
        .orderBy('value')
        .executeTakeFirstOrThrow();
      known = { customerId: identity.customer_id, e164: identity.value, national: identity.value.slice(3) };
      // Longest idle first: agent4 (no softphone), then agent1, then agent2.
      for (const desktop of [a4, a1, a2]) {
        await setState(desktop, 'available');
        t.clock.offsetMs += 1_000;
      }
      await phone(a1, true);
      await phone(a2, true);
    });

    afterAll(async () => {
      await t?.close();
      await new Promise((resolve) => wakeListener?.close(resolve));
      await store?.cleanup();
    });

    it('refuses a wrong or missing key with 403 forbidden', async () => {
      const body = { callId: callId(), dialled: 'support', fromUser: '', fromDisplay: '', attempt: 1 };
      for (const key of ['not-the-key', null]) {
        const { status, json } = await voicePost(VOICE_PATHS.route, body, key);
        expect(status).toBe(403);
        expect(expectError(json).code).toBe('forbidden');
      }
      expect((await voicePost(VOICE_PATHS.event, { callId: 'x', kind: 'ended' }, 'not-the-key')).status).toBe(403);
    });

    it('refuses a malformed ask with invalid-payload, and an event for an unknown call with not-found', async () => {
      const bad = await voicePost(VOICE_PATHS.route, { callId: callId(), dialled: 'support queue', fromUser: '', fromDisplay: '', attempt: 1 });
      expect(bad.status).toBe(400);
      expect(expectError(bad.json).code).toBe('invalid-payload');
      const unknown = await voicePost(VOICE_PATHS.event, { callId: 'never-asked@example', kind: 'ended' });
      expect(unknown.status).toBe(404);
      expect(expectError(unknown.json).code).toBe('not-found');
    });

    it('rejects an unknown number with 404', async () => {
      expect(await ask({ callId: callId(), dialled: 'nosuchqueue' })).toMatchObject({ action: 'reject', status: 404 });
    });

    it('rings the longest-idle agent whose phone is registered, skipping one that is not', async () => {
      const id = callId();
      const answer = await ask({ callId: id, fromUser: known.national, fromDisplay: '"Known Caller"' });
      expect(answer).toMatchObject({ action: 'ring', user: 'agent1', agentId: ids.a1, timeoutSec: 20 });
      if (answer.action !== 'ring' || !answer.taskId) throw new Error('expected a queue ring');
      const offered = await task(answer.taskId);
      expect(offered).toMatchObject({ channel: 'call', queueId: general.id, customerId: known.customerId, status: 'offered', offeredTo: ids.a1 });
      expect(offered.subject).toBe(`Call from ${known.e164} (Known Caller)`);
      expect(await callRecord(id)).toMatchObject({ taskId: answer.taskId, caller: known.e164, customerId: known.customerId, dialled: 'support' });
      // Asked again, the call's situation is unchanged.
      expect(await ask({ callId: id, attempt: 2 })).toMatchObject({ action: 'ring', user: 'agent1', taskId: answer.taskId });
    });

    it('after a no-answer counts a miss and rings the next agent; answered assigns the task; ended wraps up and writes the call', async () => {
      const id = `call-${label}-${callSeq}@sipp.example`;
      const { taskId } = await callRecord(id);
      if (!taskId) throw new Error('expected a task');
      // Kamailio rang agent1 for the whole ring time.
      t.clock.offsetMs += 20_000;
      await tell({ callId: id, kind: 'no-answer', agentId: ids.a1 });
      expect(await missedCount(ids.a1 as string)).toBe(1);
      expect(await ask({ callId: id, attempt: 2 })).toMatchObject({ action: 'ring', user: 'agent2', agentId: ids.a2 });

      await tell({ callId: id, kind: 'answered', agentId: ids.a2 });
      expect(await task(taskId)).toMatchObject({ status: 'assigned', assignedTo: ids.a2 });

      // Two holds (15 s and 5 s, the first one said twice) in 65 s on the line.
      const hold = async (held: boolean, afterMs: number) => {
        t.clock.offsetMs += afterMs;
        return expectOk(await a2.emitWithAck('call:hold', { callId: id, held }));
      };
      expect(await hold(true, 10_000)).toEqual({ held: true, holds: 1 });
      expect(await hold(true, 1_000)).toEqual({ held: true, holds: 1 });
      expect(await hold(false, 14_000)).toEqual({ held: false, holds: 1 });
      expect(await hold(true, 15_000)).toEqual({ held: true, holds: 2 });
      expect(await hold(false, 5_000)).toEqual({ held: false, holds: 2 });
      t.clock.offsetMs += 20_000;
      await tell({ callId: id, kind: 'ended' });
      expect((await task(taskId)).status).toBe('wrap-up');
      const desk = expectOk(await a2.emitWithAck('agent:desk', {}));
      expect(desk.state.status).toBe('wrap-up');
      // The call waits for its wrap-up: the hub wrote nothing for it yet.
      expect(await callRecord(id)).toMatchObject({ outcome: 'talked', interactionId: null });
      expect(expectError(await a2.emitWithAck('call:hold', { callId: id, held: true })).code).toBe('conflict');

      const notesBefore = await timelineOf(known.customerId, 'note');
      const written = nextCallInteraction(sup, id);
      t.clock.offsetMs += 30_000;
      expect(expectOk(await a2.emitWithAck('task:wrapup', { taskId, disposition: 'Resolved / 已解决', note: 'Reset the router.' })).status).toBe('done');
      expect(await written).toMatchObject({
        channel: 'call',
        customerId: known.customerId,
        agentId: ids.a2,
        agentName: expect.any(String),
        direction: 'inbound',
        from: known.e164,
        to: 'support',
        queue: { id: general.id, name: general.name },
        callId: id,
        outcome: 'answered',
        waitSec: 20,
        durationSec: 45,
        holdSec: 20,
        disposition: 'Resolved / 已解决',
        notes: 'Reset the router.',
      });
      // One item carries the wrap-up: no separate note, and a late or repeated BYE writes nothing more.
      expect(await timelineOf(known.customerId, 'note')).toEqual(notesBefore);
      await tell({ callId: id, kind: 'ended' });
      expect((await timelineOf(known.customerId, 'call')).filter((call) => call.channel === 'call' && call.callId === id)).toHaveLength(1);
      expect(expectError(await a2.emitWithAck('task:wrapup', { taskId, disposition: 'Resolved / 已解决' })).code).toBe('conflict');
      expect(await eventKinds(taskId)).toEqual([
        'created',
        `offered:${ids.a1}`,
        `offer-timed-out:${ids.a1}`,
        `offered:${ids.a2}`,
        `accepted:${ids.a2}`,
        `wrap-up:${ids.a2}`,
        `done:${ids.a2}`,
      ]);
      expect(await callRecord(id)).toMatchObject({ outcome: 'talked', agentId: ids.a2 });
    });

    it('lets only the agent on the call hold it, and refuses bad holds with a typed error', async () => {
      const id = callId();
      const answer = await ask({ callId: id, fromUser: known.e164 });
      if (answer.action !== 'ring' || !answer.taskId) throw new Error('expected a queue ring');
      expect(expectError(await a1.emitWithAck('call:hold', { callId: id, held: true })).code).toBe('conflict');
      await tell({ callId: id, kind: 'answered', agentId: answer.agentId });
      const other = answer.agentId === ids.a1 ? a2 : a1;
      const mine = answer.agentId === ids.a1 ? a1 : a2;
      expect(expectError(await other.emitWithAck('call:hold', { callId: id, held: true })).code).toBe('forbidden');
      expect(expectError(await sup.emitWithAck('call:hold', { callId: id, held: true })).code).toBe('forbidden');
      expect(expectError(await mine.emitWithAck('call:hold', { callId: 'no-such-call@x', held: true })).code).toBe('not-found');
      // @ts-expect-error a hold without its state is refused before any handler
      expect(expectError(await mine.emitWithAck('call:hold', { callId: id })).code).toBe('invalid-payload');
      const admin = await t.desktop('admin');
      expect(expectError(await admin.emitWithAck('call:hold', { callId: id, held: true })).code).toBe('forbidden');
      admin.disconnect();
      // Hung up while on hold: the hold counts to the end of the talk.
      expect(expectOk(await mine.emitWithAck('call:hold', { callId: id, held: true }))).toEqual({ held: true, holds: 1 });
      t.clock.offsetMs += 12_000;
      await tell({ callId: id, kind: 'ended' });
      const written = nextCallInteraction(sup, id);
      expect(expectOk(await mine.emitWithAck('task:wrapup', { taskId: answer.taskId, disposition: 'Resolved / 已解决' })).status).toBe('done');
      expect(await written).toMatchObject({ callId: id, holdSec: 12, durationSec: 0, disposition: 'Resolved / 已解决', notes: '' });
    });

    it('normalises every caller ID form and keeps hostile display names as plain text', async () => {
      await away(a1);
      await away(a2);
      const forms = [
        { fromUser: known.national, expect: known.e164, customerId: known.customerId },
        { fromUser: known.e164, expect: known.e164, customerId: known.customerId },
        { fromUser: '13900000001', assertedIdentity: `"Carrier" <sip:${known.e164}@trunk.example;user=phone>`, expect: known.e164, customerId: known.customerId },
        { fromUser: 'anonymous', fromDisplay: 'Anonymous', expect: null, customerId: null },
        // A number nobody owns: a provisional customer (checked below).
        { fromUser: '13900000002', fromDisplay: `"<script>alert(1)</script>\u0007${'x'.repeat(200)}"`, expect: '+8613900000002', customerId: expect.any(String) },
      ];
      for (const form of forms) {
        const id = callId();
        const { expect: number, customerId, ...headers } = form;
        const answer = await ask({ callId: id, ...headers });
        expect(answer).toMatchObject({ action: 'wait', retryAfterSec: 3 });
        const record = await callRecord(id);
        expect(record).toMatchObject({ caller: number, customerId });
        if (answer.action !== 'wait') throw new Error('expected a wait');
        const { subject } = await task(answer.taskId);
        expect(subject.startsWith(`Call from ${number ?? 'an anonymous caller'}`)).toBe(true);
        if (form.fromDisplay?.includes('script')) {
          expect(record.callerName.startsWith('<script>alert(1)</script>x')).toBe(true);
          expect(record.callerName).not.toContain('\u0007');
          expect(record.callerName).toHaveLength(64);
          const customer = await customerRow(record.customerId as string);
          expect(customer).toMatchObject({ name: record.callerName, tags: ['provisional'] });
          expect(customer.number).toMatch(/^P\d{7}$/);
        }
        await tell({ callId: id, kind: 'abandoned' });
        expect((await task(answer.taskId)).status).toBe('abandoned');
      }
    });

    it('keeps callers waiting while all are busy, then releases them with a callback task (none for the anonymous)', async () => {
      const numbered = callId();
      const anonymous = callId();
      expect(await ask({ callId: numbered, fromUser: '+8613900000003' })).toMatchObject({ action: 'wait', retryAfterSec: 3 });
      expect(await ask({ callId: anonymous, fromUser: 'anonymous' })).toMatchObject({ action: 'wait' });
      expect(await ask({ callId: numbered, attempt: 2 })).toMatchObject({ action: 'wait' });
      t.clock.offsetMs += (general.maxWaitSec + 1) * 1000;
      await t.hub.routing.tick();
      expect(await ask({ callId: numbered, attempt: 3 })).toMatchObject({ action: 'release', reason: expect.stringContaining('callback') });
      expect(await ask({ callId: anonymous, attempt: 3 })).toMatchObject({ action: 'release', reason: expect.stringContaining('no number') });

      const released = await callRecord(numbered);
      expect(released).toMatchObject({ outcome: 'released' });
      if (!released.callbackTaskId) throw new Error('expected a callback task');
      expect(await task(released.callbackTaskId)).toMatchObject({
        channel: 'call',
        queueId: general.id,
        status: 'queued',
        subject: 'Callback: +8613900000003',
        customerId: released.customerId,
      });
      expect(released.customerId).not.toBeNull();
      // Both are on a timeline or in voice_calls: the unknown caller's provisional customer has the released call.
      expect((await timelineOf(released.customerId as string, 'call')).map((call) => call.channel === 'call' && call.outcome)).toEqual(['released']);
      expect(await callRecord(anonymous)).toMatchObject({ outcome: 'released', callbackTaskId: null });
      // The callback is also a follow-up (virtual hold), due now, worked through its task, and a line on the timeline.
      const followUps = await t.hub.db.selectFrom('follow_ups').select('data').where('customer_id', '=', released.customerId as string).execute();
      expect(followUps.map((row) => JSON.parse(row.data))).toEqual([
        expect.objectContaining({ kind: 'callback', origin: 'virtual-hold', status: 'due', taskId: released.callbackTaskId, queueId: general.id, priority: 'high' }),
      ]);
      expect((await timelineOf(released.customerId as string, 'follow-up')).map((line) => line.channel === 'follow-up' && [line.kind, line.outcome])).toEqual([['callback', 'scheduled']]);
      // The callback is work for later, not a caller on the line: it is abandoned so the next steps start clean.
      await t.hub.routing.act(async (ctx) => {
        const callback = await ctx.task(released.callbackTaskId as string);
        if (callback) ctx.apply(callback, { at: ctx.now, taskId: callback.id, queueId: callback.queueId, kind: 'abandoned', reason: 'test' });
      });
    });

    it('records an abandon while ringing, and a known caller\'s missed call on the timeline', async () => {
      await setState(a1, 'available');
      const id = callId();
      const answer = await ask({ callId: id, fromUser: known.e164 });
      expect(answer).toMatchObject({ action: 'ring', user: 'agent1' });
      if (answer.action !== 'ring' || !answer.taskId) throw new Error('expected a queue ring');
      const written = nextCallInteraction(sup, id);
      await tell({ callId: id, kind: 'abandoned' });
      expect((await eventKinds(answer.taskId)).at(-1)).toBe('abandoned');
      expect(await written).toMatchObject({ customerId: known.customerId, durationSec: 0, agentId: null, from: known.e164 });
      expect(await callRecord(id)).toMatchObject({ outcome: 'abandoned' });
      expect(await ask({ callId: id, attempt: 2 })).toMatchObject({ action: 'reject', status: 480 });
    });

    it('records a decline and does not ring the declining agent again', async () => {
      const id = callId();
      const answer = await ask({ callId: id, fromUser: known.e164 });
      expect(answer).toMatchObject({ action: 'ring', user: 'agent1' });
      if (answer.action !== 'ring' || !answer.taskId) throw new Error('expected a queue ring');
      await tell({ callId: id, kind: 'declined', agentId: ids.a1 });
      expect((await eventKinds(answer.taskId)).at(-1)).toBe(`declined:${ids.a1}`);
      // agent2 is away and agent4 has no softphone: the caller waits.
      expect(await ask({ callId: id, attempt: 2 })).toMatchObject({ action: 'wait' });
      await tell({ callId: id, kind: 'abandoned' });
      expect((await task(answer.taskId)).status).toBe('abandoned');
    });

    it('gives an unknown caller a provisional customer at arrival, once, with even an abandoned call on its timeline, that links into an existing customer; a withheld number stays in voice_calls', async () => {
      await away(a1);
      const number = '+8613900000077';
      const first = callId();
      expect(await ask({ callId: first, fromUser: number.slice(3) })).toMatchObject({ action: 'wait' });
      const { customerId } = await callRecord(first);
      if (!customerId) throw new Error('expected a provisional customer');
      expect(await customerRow(customerId)).toMatchObject({ name: '+86 139 0000 0077', tags: ['provisional'], tier: 'small' });
      const identity = await t.hub.db.selectFrom('identities').select('customer_id').where('kind', '=', 'phone').where('value', '=', number).executeTakeFirstOrThrow();
      expect(identity.customer_id).toBe(customerId);
      // Desktops learn of the customer and their number through the change log, for screen pop.
      const logged = await t.hub.db.selectFrom('changes').select('entity').where('customer_id', '=', customerId).orderBy('seq').execute();
      expect(logged.map((change) => change.entity).slice(0, 2)).toEqual(['customer', 'identity']);
      t.clock.offsetMs += 7_000;
      await tell({ callId: first, kind: 'abandoned' });

      const second = callId();
      expect(await ask({ callId: second, fromUser: number })).toMatchObject({ action: 'wait' });
      expect((await callRecord(second)).customerId).toBe(customerId);
      await tell({ callId: second, kind: 'abandoned' });
      const calls = await timelineOf(customerId, 'call');
      expect(calls.map((call) => call.channel === 'call' && [call.callId, call.outcome, call.waitSec, call.agentId])).toEqual([
        [first, 'abandoned', 7, null],
        [second, 'abandoned', 0, null],
      ]);

      // "Link to existing customer" from the screen pop, while a third call from the number still waits.
      const third = callId();
      const waiting = await ask({ callId: third, fromUser: number });
      if (waiting.action !== 'wait') throw new Error('expected the caller to wait');
      expect((await task(waiting.taskId)).customerId).toBe(customerId);
      expect(expectError(await a4.emitWithAck('customer:link', { customerId: known.customerId, intoId: customerId })).code).toBe('conflict');
      expect(expectError(await a4.emitWithAck('customer:link', { customerId, intoId: customerId })).code).toBe('invalid-payload');
      const admin = await t.desktop('admin');
      expect(expectError(await admin.emitWithAck('customer:link', { customerId, intoId: known.customerId })).code).toBe('forbidden');
      admin.disconnect();
      const knownCallsBefore = (await timelineOf(known.customerId, 'call')).length;
      expect(expectOk(await a4.emitWithAck('customer:link', { customerId, intoId: known.customerId }))).toEqual({ customerId: known.customerId, identities: 1, interactions: 2 });
      expect(await t.hub.db.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst()).toBeUndefined();
      const moved = await t.hub.db.selectFrom('identities').select('customer_id').where('kind', '=', 'phone').where('value', '=', number).executeTakeFirstOrThrow();
      expect(moved.customer_id).toBe(known.customerId);
      expect(await timelineOf(customerId, 'call')).toEqual([]);
      const lastChanges = await t.hub.db.selectFrom('changes').select(['entity', 'op', 'entity_id']).orderBy('seq', 'desc').limit(1).execute();
      expect(lastChanges).toEqual([{ entity: 'customer', op: 'delete', entity_id: customerId }]);
      expect(expectError(await a4.emitWithAck('customer:link', { customerId, intoId: known.customerId })).code).toBe('not-found');
      // The waiting call and its task follow: its end lands on the real customer's timeline, and so does the next call.
      expect((await task(waiting.taskId)).customerId).toBe(known.customerId);
      await tell({ callId: third, kind: 'abandoned' });
      const knownCalls = (await timelineOf(known.customerId, 'call')).filter((call) => call.channel === 'call' && [first, second, third].includes(call.callId ?? ''));
      expect(knownCalls.map((call) => call.customerId === known.customerId && call.channel === 'call' && call.callId)).toEqual([first, second, third]);
      expect((await timelineOf(known.customerId, 'call')).length).toBe(knownCallsBefore + 3);
      const fourth = callId();
      await ask({ callId: fourth, fromUser: number });
      expect((await callRecord(fourth)).customerId).toBe(known.customerId);
      await tell({ callId: fourth, kind: 'abandoned' });

      const withheld = callId();
      const customersBefore = await t.hub.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(await ask({ callId: withheld, fromUser: 'anonymous', fromDisplay: 'Anonymous' })).toMatchObject({ action: 'wait' });
      await tell({ callId: withheld, kind: 'abandoned' });
      expect(await callRecord(withheld)).toMatchObject({ caller: null, customerId: null, outcome: 'abandoned', interactionId: null });
      const customersAfter = await t.hub.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(customersAfter.n)).toBe(Number(customersBefore.n));
    });

    it('rings a direct extension with no task while the phone is registered; 480 otherwise', async () => {
      const id = callId();
      expect(await ask({ callId: id, dialled: 'agent1', fromUser: known.national })).toEqual({
        action: 'ring',
        user: 'agent1',
        agentId: ids.a1,
        taskId: null,
        timeoutSec: 20,
      });
      expect(await ask({ callId: callId(), dialled: 'agent4' })).toMatchObject({ action: 'reject', status: 480 });
      await tell({ callId: id, kind: 'answered', agentId: ids.a1 });
      t.clock.offsetMs += 30_000;
      const written = nextCallInteraction(sup, id);
      await tell({ callId: id, kind: 'ended' });
      expect(await written).toMatchObject({ customerId: known.customerId, agentId: ids.a1, to: 'agent1', durationSec: 30 });
      expect(await callRecord(id)).toMatchObject({ taskId: null, outcome: 'talked' });
    });

    it('forgets a phone when its last desktop leaves', async () => {
      const a5 = await t.desktop('agent5');
      await phone(a5, true);
      expect(await ask({ callId: callId(), dialled: 'agent5' })).toMatchObject({ action: 'ring', user: 'agent5' });
      const a5Id = expectOk(await a5.emitWithAck('session:whoami', {})).id;
      // Closed from the hub's side, so the hub has run its disconnect handlers before the next ask.
      t.hub.io.in(userRoom(a5Id)).disconnectSockets(true);
      expect(await ask({ callId: callId(), dialled: 'agent5' })).toMatchObject({ action: 'reject', status: 480 });
    });

    it('serves voice settings to every signed-in role and lets only an admin change them, checked', async () => {
      const settings = expectOk(await a4.emitWithAck('voice:settings', {}));
      expect(settings).toMatchObject({ domain: 'switchboard.local', ringSec: 20, waitRetrySec: 3 });
      expect(settings.numbers.map((number) => number.dialled)).toEqual(['support', 'vip', 'billing']);
      expect(expectError(await a4.emitWithAck('admin:voice:set', settings)).code).toBe('forbidden');
      const admin = await t.desktop('admin');
      const clash = expectError(await admin.emitWithAck('admin:voice:set', { ...settings, numbers: [...settings.numbers, { dialled: 'agent1', queueId: general.id }] }));
      expect(clash.code).toBe('invalid-payload');
      expect(clash.issues?.[0]?.path).toBe('numbers.3.dialled');
      // The hub keeps the settings in memory for its calls: a direct call rings for the saved ring time, not the one it knew.
      const a5 = await t.desktop('agent5');
      await phone(a5, true);
      expect(await ask({ callId: callId(), dialled: 'agent5' })).toMatchObject({ action: 'ring', user: 'agent5', timeoutSec: 20 });
      const saved = expectOk(await admin.emitWithAck('admin:voice:set', { ...settings, ringSec: 15 }));
      expect(saved.ringSec).toBe(15);
      expect(expectOk(await a4.emitWithAck('voice:settings', {})).ringSec).toBe(15);
      expect(await ask({ callId: callId(), dialled: 'agent5' })).toMatchObject({ action: 'ring', user: 'agent5', timeoutSec: 15 });
      t.hub.io.in(userRoom(expectOk(await a5.emitWithAck('session:whoami', {})).id)).disconnectSockets(true);
      admin.disconnect();
    });

    it('dials a known customer for an agent through the trunk with the line’s caller ID, and writes the outbound call on their timeline once, with its talk time', async () => {
      const id = callId();
      const dialled = { callId: id, dialled: known.national, fromUser: 'agent1', agent: 'agent1' };
      const answer = await ask(dialled);
      expect(answer).toEqual({ action: 'outbound', number: known.e164, callerId: LINE, agentId: ids.a1, timeoutSec: 60 });
      expect(await callRecord(id)).toMatchObject({ direction: 'outbound', taskId: null, dialled: known.e164, caller: null, agentId: ids.a1, customerId: known.customerId });
      // A retransmitted INVITE asks again: the same answer from the same record.
      expect(await ask(dialled)).toEqual(answer);
      t.clock.offsetMs += 6_000;
      await tell({ callId: id, kind: 'answered', agentId: ids.a1 });
      t.clock.offsetMs += 42_000;
      const written = nextCallInteraction(sup, id);
      await tell({ callId: id, kind: 'ended' });
      expect(await written).toMatchObject({
        customerId: known.customerId,
        channel: 'call',
        direction: 'outbound',
        from: 'agent1',
        to: known.e164,
        agentId: ids.a1,
        outcome: 'answered',
        waitSec: 6,
        durationSec: 42,
        callId: id,
        queue: null,
      });
      await tell({ callId: id, kind: 'ended' });
      expect((await timelineOf(known.customerId, 'call')).filter((item) => item.channel === 'call' && item.callId === id)).toHaveLength(1);
      expect(await callRecord(id)).toMatchObject({ outcome: 'talked', interactionId: expect.any(String) });
    });

    it('records a busy line and an unanswered number with their outcomes; a number nobody owns gets a provisional customer', async () => {
      const busy = callId();
      await ask({ callId: busy, dialled: known.e164, fromUser: 'agent2', agent: 'agent2' });
      const busyWritten = nextCallInteraction(sup, busy);
      await tell({ callId: busy, kind: 'declined', agentId: ids.a2 });
      expect(await busyWritten).toMatchObject({ customerId: known.customerId, direction: 'outbound', outcome: 'declined', durationSec: 0, agentId: ids.a2, callId: busy });

      const number = '+8613977776666';
      expect(await t.hub.db.selectFrom('identities').select('customer_id').where('value', '=', number).executeTakeFirst()).toBeUndefined();
      const unanswered = callId();
      expect(await ask({ callId: unanswered, dialled: number, fromUser: 'agent1', agent: 'agent1' })).toMatchObject({ action: 'outbound', number });
      const { customerId } = await callRecord(unanswered);
      if (!customerId) throw new Error('expected a provisional customer');
      expect(await customerRow(customerId)).toMatchObject({ tags: ['provisional'] });
      t.clock.offsetMs += 60_000;
      const missedWritten = nextCallInteraction(sup, unanswered);
      await tell({ callId: unanswered, kind: 'no-answer', agentId: ids.a1 });
      expect(await missedWritten).toMatchObject({ customerId, direction: 'outbound', outcome: 'missed', waitSec: 60, durationSec: 0, to: number });
    });

    it('refuses to dial out for a trunk’s caller or anyone but an agent, without a line to an allowed destination, or to what is not a number; nothing is recorded', async () => {
      const refusals: [Partial<VoiceRouteRequest>, Partial<VoiceRouteAnswer>][] = [
        // A trunk's caller whose From names an agent: only Kamailio's word (the request's `agent`) counts.
        [{ fromUser: 'agent1' }, { status: 403, refusal: 'agents-only' }],
        [{ agent: 'admin' }, { status: 403, refusal: 'agents-only' }],
        [{ agent: 'nobody-here' }, { status: 403, refusal: 'agents-only' }],
        [{ agent: 'agent1', dialled: '+442079460018' }, { status: 403, refusal: 'destination-not-allowed' }],
        [{ agent: 'agent1', dialled: '+19005550123' }, { status: 403, refusal: 'destination-not-allowed' }],
        [{ agent: 'agent1', dialled: '110' }, { status: 484, refusal: 'not-a-number' }],
        [{ agent: 'agent1', dialled: 'nosuchqueue' }, { status: 404 }],
      ];
      for (const [request, refused] of refusals) {
        const id = callId();
        expect(await ask({ callId: id, dialled: known.e164, fromUser: request.agent ?? '', ...request }), JSON.stringify(request)).toMatchObject({ action: 'reject', ...refused });
        expect(await t.hub.db.selectFrom('voice_calls').select('call_id').where('call_id', '=', id).executeTakeFirst()).toBeUndefined();
      }
      // SIP_OUTBOUND_ALLOW=HK: Hong Kong is allowed, other countries are not.
      const hongKong = callId();
      expect(await ask({ callId: hongKong, dialled: '+85221234567', fromUser: 'agent1', agent: 'agent1' })).toMatchObject({ action: 'outbound', number: '+85221234567' });
      await tell({ callId: hongKong, kind: 'abandoned' });
      expect(await callRecord(hongKong)).toMatchObject({ outcome: 'abandoned', direction: 'outbound' });
    });

    it('rings a waiting call’s agent at once when it is assigned without an offer (auto-accept): answered only when picked up, back to the queue when not', async () => {
      const admin = await t.desktop('admin');
      const a3 = await t.desktop('agent3');
      const a3Id = expectOk(await a3.emitWithAck('session:whoami', {})).id;
      const profile = expectOk(await admin.emitWithAck('admin:agent:list', {})).find((candidate) => candidate.userId === a3Id);
      if (!profile) throw new Error('no profile for agent3');
      expectOk(await admin.emitWithAck('admin:agent:upsert', { ...profile, autoAccept: { call: true } }));
      admin.disconnect();
      // Only agent3 may take the call: everyone else steps away.
      await away(a1);
      await away(a2);
      await setState(a4, 'offline');
      const waiting = callId();
      expect(await ask({ callId: waiting, fromUser: known.national })).toMatchObject({ action: 'wait' });
      const { taskId } = await callRecord(waiting);
      if (!taskId) throw new Error('expected a queue call');
      await setState(a3, 'available');
      const wakesBefore = woken.filter((id) => id === waiting).length;
      await phone(a3, true);
      expect(await task(taskId)).toMatchObject({ status: 'assigned', assignedTo: a3Id });
      // Assigned is not answered: the caller is woken and rung at agent3's phone.
      expect(await callRecord(waiting)).toMatchObject({ answeredAt: null, agentId: null });
      await expect.poll(() => woken.filter((id) => id === waiting).length).toBeGreaterThan(wakesBefore);
      const ring = { action: 'ring', user: 'agent3', agentId: a3Id, taskId, timeoutSec: 15 };
      expect(await ask({ callId: waiting, attempt: 2 })).toEqual(ring);
      // Not picked up: agent3 hands it back to the queue and is not rung for it again.
      await tell({ callId: waiting, kind: 'no-answer', agentId: a3Id });
      expect(await task(taskId)).toMatchObject({ status: 'queued', assignedTo: null, declinedBy: [a3Id] });
      expect(await ask({ callId: waiting, attempt: 3 })).toMatchObject({ action: 'wait' });
      await tell({ callId: waiting, kind: 'abandoned' });
      expect(await callRecord(waiting)).toMatchObject({ outcome: 'abandoned', answeredAt: null });

      // The next caller: picked up, the call is agent3's, answered then; the caller hanging up ends the talk.
      const next = callId();
      expect(await ask({ callId: next, fromUser: known.national })).toMatchObject({ action: 'ring', user: 'agent3', agentId: a3Id });
      const nextTask = (await callRecord(next)).taskId;
      if (!nextTask) throw new Error('expected a queue call');
      expect(await task(nextTask)).toMatchObject({ status: 'assigned', assignedTo: a3Id });
      t.clock.offsetMs += 4_000;
      await tell({ callId: next, kind: 'answered', agentId: a3Id });
      expect(await callRecord(next)).toMatchObject({ agentId: a3Id, answeredAt: expect.any(Number), endedAt: null });
      await tell({ callId: next, kind: 'ended' });
      expect(await task(nextTask)).toMatchObject({ status: 'wrap-up' });
      expect(await callRecord(next)).toMatchObject({ outcome: 'talked' });

      // A third, assigned and rung, whose caller hangs up before agent3 picks up: abandoned, not talked.
      expectOk(await a3.emitWithAck('task:wrapup', { taskId: nextTask, disposition: 'Resolved / 已解决', note: '' }));
      await setState(a3, 'available');
      const third = callId();
      expect(await ask({ callId: third, fromUser: known.national })).toMatchObject({ action: 'ring', user: 'agent3' });
      const thirdTask = (await callRecord(third)).taskId;
      if (!thirdTask) throw new Error('expected a queue call');
      await tell({ callId: third, kind: 'abandoned' });
      expect(await task(thirdTask)).toMatchObject({ status: 'abandoned' });
      expect(await callRecord(third)).toMatchObject({ outcome: 'abandoned', answeredAt: null });
    });
  });
}

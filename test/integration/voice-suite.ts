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

/** Collects `sync:changes` until one carries a call interaction. */
function nextCallInteraction(desktop: Desktop, timeoutMs = 5_000): Promise<Interaction> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      desktop.off('sync:changes', listener);
      reject(new Error('no call interaction was broadcast'));
    }, timeoutMs);
    const listener = (changes: Change[]) => {
      for (const change of changes) {
        if (change.entity === 'interaction' && change.op === 'put' && change.data.channel === 'call') {
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
      // Sessions outlive the queue's max wait, which the test jumps over.
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, VOICE_KEY, ACCESS_TTL_SEC: '86400' });
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

      t.clock.offsetMs += 65_000;
      const written = nextCallInteraction(sup);
      await tell({ callId: id, kind: 'ended' });
      expect((await task(taskId)).status).toBe('wrap-up');
      const desk = expectOk(await a2.emitWithAck('agent:desk', {}));
      expect(desk.state.status).toBe('wrap-up');
      expect(await written).toMatchObject({
        channel: 'call',
        customerId: known.customerId,
        agentId: ids.a2,
        direction: 'inbound',
        from: known.e164,
        to: 'support',
        durationSec: 65,
        disposition: null,
      });
      expect(await eventKinds(taskId)).toEqual([
        'created',
        `offered:${ids.a1}`,
        `offer-timed-out:${ids.a1}`,
        `offered:${ids.a2}`,
        `accepted:${ids.a2}`,
        `wrap-up:${ids.a2}`,
      ]);
      expect(await callRecord(id)).toMatchObject({ outcome: 'talked', agentId: ids.a2 });
      expect(expectOk(await a2.emitWithAck('task:wrapup', { taskId, disposition: 'Resolved / 已解决' })).status).toBe('done');
    });

    it('normalises every caller ID form and keeps hostile display names as plain text', async () => {
      await away(a1);
      await away(a2);
      const forms = [
        { fromUser: known.national, expect: known.e164, customerId: known.customerId },
        { fromUser: known.e164, expect: known.e164, customerId: known.customerId },
        { fromUser: '13900000001', assertedIdentity: `"Carrier" <sip:${known.e164}@trunk.example;user=phone>`, expect: known.e164, customerId: known.customerId },
        { fromUser: 'anonymous', fromDisplay: 'Anonymous', expect: null, customerId: null },
        { fromUser: '13900000002', fromDisplay: `"<script>alert(1)</script>\u0007${'x'.repeat(200)}"`, expect: '+8613900000002', customerId: null },
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
      expect(await task(released.callbackTaskId)).toMatchObject({ channel: 'call', queueId: general.id, status: 'queued', subject: 'Callback: +8613900000003' });
      expect(await callRecord(anonymous)).toMatchObject({ outcome: 'released', callbackTaskId: null });
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
      const written = nextCallInteraction(sup);
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
      const written = nextCallInteraction(sup);
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
      const saved = expectOk(await admin.emitWithAck('admin:voice:set', { ...settings, ringSec: 15 }));
      expect(saved.ringSec).toBe(15);
      expect(expectOk(await a4.emitWithAck('voice:settings', {})).ringSec).toBe(15);
      admin.disconnect();
    });
  });
}

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceCall } from '../../hub/db/voice-queries';
import { demoQueues } from '../../hub/routing/demo-routing';
import { freeTcpPort, kamailioWakeUrl, type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { type Desktop, expectOk, startTestHub, type TestHub } from '../integration/helpers/test-hub';
import { sqliteTestStore, type TestStore } from '../integration/helpers/test-stores';
import { hangUpPhones, registerPhone } from './helpers/phones';
import { runSipp, startSipp } from './helpers/sipp';

/**
 * The whole path with the real hub: SIPp dials the support queue, Kamailio
 * asks the hub, the hub's routing engine picks the agent whose desktop is
 * connected and available and whose softphone is registered, their phone
 * answers. Then, with nobody free, callers with each form of caller ID wait
 * in the queue and hang up: the hub has their number as it understood it.
 */

const VOICE_KEY = 'interop-voice-key-0123456789abcdefghij';

let store: TestStore;
let t: TestHub;
let kamailio: RunningKamailio;
let agent1: Desktop;
let agent1Id: string;
let known: { customerId: string; e164: string; national: string };

beforeAll(async () => {
  store = await sqliteTestStore();
  // The hub wakes waiting callers on Kamailio's WebSocket port, so that port is chosen before either starts.
  const wsPort = await freeTcpPort('127.0.0.1', []);
  t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, VOICE_KEY, KAMAILIO_WAKE_URL: kamailioWakeUrl('127.0.0.1', wsPort) });
  kamailio = await startKamailio({ listenAddress: '127.0.0.1', domain: 'switchboard.local', hubUrl: t.hub.url, voiceKey: VOICE_KEY, wsPort });

  agent1 = await t.desktop('agent1');
  agent1Id = expectOk(await agent1.emitWithAck('session:whoami', {})).id;
  expectOk(await agent1.emitWithAck('agent:state:set', { status: 'available' }));
  expectOk(await agent1.emitWithAck('agent:phone', { registered: true }));

  const identity = await t.hub.db
    .selectFrom('identities')
    .select(['customer_id', 'value'])
    .where('kind', '=', 'phone')
    .where('value', 'like', '+861%')
    .orderBy('value')
    .executeTakeFirstOrThrow();
  known = { customerId: identity.customer_id, e164: identity.value, national: identity.value.slice(3) };
});

afterAll(async () => {
  await kamailio?.stop();
  await t?.close();
  await store?.cleanup();
});
afterEach(() => {
  hangUpPhones();
});


/** The hub's record of the call that arrived last. */
async function latestCall(): Promise<VoiceCall> {
  const rows = await t.hub.db.selectFrom('voice_calls').select('data').orderBy('arrived_at').execute();
  const calls = rows.map((row) => JSON.parse(row.data) as VoiceCall);
  const latest = calls.at(-1);
  if (!latest) throw new Error('the hub has recorded no call');
  return latest;
}

describe('a queue call through the real hub', () => {
  it('rings the available agent with a registered softphone; the caller is answered, and the hub records the talk', async () => {
    const phone = await registerPhone(kamailio, 'agent1', 'agent-answers');

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: known.national, fromName: '"Known Caller" ' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);

    const record = await latestCall();
    expect(record).toMatchObject({ dialled: 'support', caller: known.e164, callerName: 'Known Caller', customerId: known.customerId, agentId: agent1Id, outcome: 'talked' });
    expect(record.answeredAt).not.toBeNull();
    expect(record.endedAt).not.toBeNull();
  });

  it('rings an agent dialled by extension directly; the hub records the call without a routing task', async () => {
    const phone = await registerPhone(kamailio, 'agent1', 'agent-answers');

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'agent1', keys: { caller: '+8613912345670', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);

    const record = await latestCall();
    expect(record).toMatchObject({ dialled: 'agent1', taskId: null, caller: '+8613912345670', agentId: agent1Id, outcome: 'talked' });
  });

  it('answers 404 for a number that is neither a queue nor an agent; the hub records no call', async () => {
    const before = await t.hub.db.selectFrom('voice_calls').select('data').execute();
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'nosuchqueue', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, call.errors).toBe(0);
    expect(call.logged).toEqual(['FINAL 404']);
    expect(await t.hub.db.selectFrom('voice_calls').select('data').execute()).toHaveLength(before.length);
  });

  it('takes a call whose display name is longer than the hub accepts: placed on the number, without the name', async () => {
    const phone = await registerPhone(kamailio, 'agent1', 'agent-answers');
    // To the extension: agent1 may still be wrapping up the queue call above.
    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'agent1', keys: { caller: known.national, fromName: `"${'<b>'.repeat(200)}" ` } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);
    expect(await latestCall()).toMatchObject({ dialled: 'agent1', caller: known.e164, callerName: '', customerId: known.customerId, outcome: 'talked' });
  });

  describe('with no agent free, callers wait and hang up; each caller ID form reaches the hub', () => {
    beforeAll(() => {
      // A desktop that is gone is not routed: the queue has nobody to ring.
      agent1.disconnect();
    });

    const forms = [
      { name: 'national number', scenario: 'caller-hangs-up', keys: { caller: '13912345678', fromName: '' }, caller: '+8613912345678', callerName: '' },
      { name: '+86 international number with a display name', scenario: 'caller-hangs-up', keys: { caller: '+8613912345679', fromName: '"张伟" ' }, caller: '+8613912345679', callerName: '张伟' },
      {
        name: 'P-Asserted-Identity behind an anonymous From',
        scenario: 'caller-asserted-hangs-up',
        keys: { caller: 'anonymous', fromName: '"Anonymous" ', asserted: '<sip:+8613912345680@carrier.example>' },
        caller: '+8613912345680',
        callerName: '',
      },
      { name: 'anonymous caller', scenario: 'caller-hangs-up', keys: { caller: 'anonymous', fromName: '"Anonymous" ' }, caller: null, callerName: '' },
    ] as const;

    for (const form of forms) {
      it(form.name, async () => {
        const call = await runSipp({ scenario: form.scenario, remote: kamailio.sipAddress, service: 'support', keys: form.keys });
        expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
        expect(await latestCall()).toMatchObject({ dialled: 'support', caller: form.caller, callerName: form.callerName, outcome: 'abandoned' });
      });
    }
  });

  describe('with no agent free, a caller waits parked until the hub wakes them', () => {
    /** The queued call of this caller, once the hub has recorded it. */
    async function queuedCall(caller: string): Promise<VoiceCall> {
      await expect.poll(async () => (await latestCall()).caller, { timeout: 10_000 }).toBe(caller);
      const call = await latestCall();
      expect(call).toMatchObject({ dialled: 'support', endedAt: null });
      await expect.poll(() => kamailio.log(), { timeout: 10_000 }).toContain(`call ${call.callId}: waiting until the hub wakes it`);
      return call;
    }

    it('is rung as soon as an agent becomes free: the offer wakes the call', async () => {
      const phone = await registerPhone(kamailio, 'agent1', 'agent-answers');
      const caller = startSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '+8613912345681', fromName: '' } });
      const waiting = await queuedCall('+8613912345681');

      // The agent comes back and finishes the first call's wrap-up: now free, they are offered this call.
      agent1 = await t.desktop('agent1');
      const wrapping = await t.hub.db.selectFrom('tasks').select('id').where('status', '=', 'wrap-up').where('assigned_to', '=', agent1Id).execute();
      const [queue] = demoQueues().filter((candidate) => candidate.channels.includes('call'));
      for (const { id } of wrapping) expectOk(await agent1.emitWithAck('task:wrapup', { taskId: id, disposition: queue?.dispositions[0] }));
      expectOk(await agent1.emitWithAck('agent:state:set', { status: 'available' }));
      expectOk(await agent1.emitWithAck('agent:phone', { registered: true }));

      const call = await caller.done;
      expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
      expect((await phone.done).exitCode).toBe(0);
      expect(await latestCall()).toMatchObject({ callId: waiting.callId, agentId: agent1Id, outcome: 'talked' });
      expect(kamailio.log()).not.toContain(`call ${waiting.callId}: no wake from the hub`);
    });

    it('is released with 480 at the queue’s max wait, and a callback task is opened', async () => {
      // Nobody free again (the agent above is wrapping up, and now gone).
      agent1.disconnect();
      const caller = startSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'support', keys: { caller: known.national, fromName: '' } });
      const waiting = await queuedCall(known.e164);
      // Past the demo queues' longest max wait; the sweep releases the caller and the hub wakes them.
      t.clock.offsetMs += 901_000;
      await t.hub.routing.tick();
      const call = await caller.done;
      expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
      expect(call.logged).toEqual(['FINAL 480']);
      const record = await latestCall();
      expect(record).toMatchObject({ callId: waiting.callId, outcome: 'released' });
      expect(record.callbackTaskId).not.toBeNull();
      const callback = await t.hub.db.selectFrom('tasks').select('id').where('id', '=', record.callbackTaskId ?? '').executeTakeFirst();
      expect(callback).toBeDefined();
      // Released by the wake: Kamailio never fell back to asking on its own.
      expect(kamailio.log()).not.toContain(`call ${waiting.callId}: no wake from the hub`);
    });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceCall } from '../../hub/db/voice-queries';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { type Desktop, expectOk, startTestHub, type TestHub } from '../integration/helpers/test-hub';
import { sqliteTestStore, type TestStore } from '../integration/helpers/test-stores';
import { hangUpPhones, registerPhone } from './helpers/phones';
import { runSipp } from './helpers/sipp';

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
  t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, VOICE_KEY });
  kamailio = await startKamailio({ listenAddress: '127.0.0.1', domain: 'switchboard.local', hubUrl: t.hub.url, voiceKey: VOICE_KEY });

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
});

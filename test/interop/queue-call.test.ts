import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import type { VoiceRouteAnswer, VoiceRouteRequest } from '../../shared/protocol/voice';
import { hangUpPhones, registerPhone } from './helpers/phones';
import { type RouteScript, type ScriptedHub, startScriptedHub } from './helpers/scripted-hub';
import { runSipp } from './helpers/sipp';

/**
 * The config's call logic against a hub that answers from a script: who
 * rings, the next agent after a decline or a missing phone, ringback while
 * the caller waits, release, reject, direct calls, and the events the hub is told.
 */

const AGENT_A = '01HZX5V8Q2M3N4P5R6S7T8V9WA';
const AGENT_B = '01HZX5V8Q2M3N4P5R6S7T8V9WB';
const TASK = '01HZX5V8Q2M3N4P5R6S7T8V9WT';

let hub: ScriptedHub;
let kamailio: RunningKamailio;
let script: RouteScript;

const ring = (user: string, agentId: string): VoiceRouteAnswer => ({ action: 'ring', user, agentId, taskId: TASK, timeoutSec: 20 });

beforeAll(async () => {
  hub = await startScriptedHub((request) => script(request));
  // This scripted hub never wakes a waiting caller: they are re-asked on the fallback, shortened to the hub's 1 s.
  kamailio = await startKamailio({ listenAddress: '127.0.0.1', domain: 'switchboard.local', hubUrl: hub.url, voiceKey: hub.key, waitFallbackSec: 1 });
});

afterAll(async () => {
  await kamailio?.stop();
  await hub?.close();
});
afterEach(() => {
  hangUpPhones();
});


beforeEach(() => {
  hub.routeRequests.length = 0;
  hub.events.length = 0;
  hub.refused.length = 0;
});

/** The single call each test makes: its Call-ID as the hub saw it. */
function theCall(): string {
  const callIds = new Set(hub.routeRequests.map((request) => request.callId));
  expect(callIds.size).toBe(1);
  return [...callIds][0] ?? '';
}

function asked(): Omit<VoiceRouteRequest, 'callId'>[] {
  return hub.routeRequests.map(({ callId: _callId, ...rest }) => rest);
}

describe('a queue call', () => {
  it('rings the agent the hub names and tells the hub it was answered and ended', async () => {
    const phone = await registerPhone(kamailio, 'amy', 'agent-answers');
    script = () => ring('amy', AGENT_A);

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '"Li Wei" ' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);

    expect(asked()).toEqual([{ dialled: 'support', fromUser: '13800138000', fromDisplay: '"Li Wei"', assertedIdentity: '', attempt: 1, visitor: false, video: false }]);
    const callId = theCall();
    await hub.eventArrived(callId, 'ended');
    expect(hub.events).toEqual([
      { callId, kind: 'answered', agentId: AGENT_A },
      { callId, kind: 'ended' },
    ]);
    expect(hub.refused).toEqual([]);
  });

  it('asks again after a decline and rings the next agent', async () => {
    const declining = await registerPhone(kamailio, 'ben', 'agent-declines');
    const answering = await registerPhone(kamailio, 'cai', 'agent-answers');
    script = (request) => (request.attempt === 1 ? ring('ben', AGENT_B) : ring('cai', AGENT_A));

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'sales', keys: { caller: '02158889999', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await declining.done).exitCode).toBe(0);
    expect((await answering.done).exitCode).toBe(0);

    expect(asked().map((request) => request.attempt)).toEqual([1, 2]);
    expect(asked()[1]).toMatchObject({ dialled: 'sales', fromUser: '02158889999', fromDisplay: '' });
    const callId = theCall();
    await hub.eventArrived(callId, 'ended');
    expect(hub.events).toEqual([
      { callId, kind: 'declined', agentId: AGENT_B },
      { callId, kind: 'answered', agentId: AGENT_A },
      { callId, kind: 'ended' },
    ]);
  });

  it('gives up on an agent who does not answer within the ring time and rings the next', async () => {
    const away = await registerPhone(kamailio, 'fay', 'agent-ignores');
    const answering = await registerPhone(kamailio, 'gus', 'agent-answers');
    script = (request) => (request.attempt === 1 ? { ...ring('fay', AGENT_B), timeoutSec: 1 } : ring('gus', AGENT_A));

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await away.done).exitCode).toBe(0);
    expect((await answering.done).exitCode).toBe(0);

    const callId = theCall();
    await hub.eventArrived(callId, 'ended');
    expect(hub.events.map((event) => [event.kind, event.agentId])).toEqual([
      ['no-answer', AGENT_B],
      ['answered', AGENT_A],
      ['ended', undefined],
    ]);
  });

  it('counts an agent whose phone is not registered as a no-answer and moves on', async () => {
    const phone = await registerPhone(kamailio, 'dee', 'agent-answers');
    script = (request) => (request.attempt === 1 ? ring('nobody-here', AGENT_B) : ring('dee', AGENT_A));

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);

    const callId = theCall();
    await hub.eventArrived(callId, 'ended');
    expect(hub.events.map((event) => [event.kind, event.agentId])).toEqual([
      ['no-answer', AGENT_B],
      ['answered', AGENT_A],
      ['ended', undefined],
    ]);
  });

  it('keeps the caller hearing ringback while the hub says wait, then rings the agent', async () => {
    const phone = await registerPhone(kamailio, 'eve', 'agent-answers');
    script = (request) => (request.attempt < 3 ? { action: 'wait', retryAfterSec: 1, taskId: TASK } : ring('eve', AGENT_A));

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '+8613800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);
    expect(asked().map((request) => request.attempt)).toEqual([1, 2, 3]);
    expect(asked()[2]).toMatchObject({ fromUser: '+8613800138000' });
  });

  it('tells the hub when the caller hangs up while waiting in the queue', async () => {
    script = () => ({ action: 'wait', retryAfterSec: 1, taskId: TASK });

    const call = await runSipp({ scenario: 'caller-hangs-up', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    const callId = theCall();
    await hub.eventArrived(callId, 'abandoned');
    expect(hub.events).toEqual([{ callId, kind: 'abandoned' }]);
  });

  it('passes P-Asserted-Identity and odd display names to the hub exactly as sent', async () => {
    const phone = await registerPhone(kamailio, 'hal', 'agent-answers');
    script = () => ring('hal', AGENT_A);
    const display = '"<script>alert(1)</script> \\"王\\" 芳"';
    const call = await runSipp({
      scenario: 'caller-asserted',
      remote: kamailio.sipAddress,
      service: 'support',
      keys: { caller: 'anonymous', fromName: `${display} `, asserted: '"Carrier" <tel:+8613800138000>' },
    });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect(asked()).toEqual([
      { dialled: 'support', fromUser: 'anonymous', fromDisplay: display, assertedIdentity: '"Carrier" <tel:+8613800138000>', attempt: 1, visitor: false, video: false },
    ]);
    // The agent's phone gets the caller's headers untouched too.
    expect((await phone.done).logged).toEqual([expect.stringContaining('P-Asserted-Identity: "Carrier" <tel:+8613800138000>')]);
  });

  it('asks the hub about a direct call to an agent extension too, and rings only that agent', async () => {
    const phone = await registerPhone(kamailio, 'ivy', 'agent-declines');
    script = (request) => ({ action: 'ring', user: request.dialled, agentId: AGENT_A, taskId: null, timeoutSec: 20 });

    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'ivy', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);
    // The agent's "busy" reaches the caller; nobody else is tried.
    expect(call.logged).toEqual(['FINAL 486']);
    expect(asked()).toEqual([{ dialled: 'ivy', fromUser: '13800138000', fromDisplay: '', assertedIdentity: '', attempt: 1, visitor: false, video: false }]);
    expect(hub.events).toEqual([{ callId: theCall(), kind: 'declined', agentId: AGENT_A }]);
  });

  it('releases the caller with 480 once the hub gives up (the callback task is the hub’s)', async () => {
    script = () => ({ action: 'release', taskId: TASK, reason: 'max wait reached' });
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, call.errors).toBe(0);
    expect(call.logged).toEqual(['FINAL 480']);
  });

  it('answers the status the hub rejects with', async () => {
    script = () => ({ action: 'reject', status: 404, reason: 'no such number' });
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'nosuchqueue', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, call.errors).toBe(0);
    expect(call.logged).toEqual(['FINAL 404']);
  });
});

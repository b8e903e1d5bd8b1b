import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { kamailioRequest } from '../../hub/voice/kamailio-http';
import { postWake } from '../../hub/voice/sip-wake';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { VOICE_KEY_HEADER, type VoiceRouteAnswer } from '../../shared/protocol/voice';
import { hangUpPhones, registerPhone } from './helpers/phones';
import { type RouteScript, type ScriptedHub, startScriptedHub } from './helpers/scripted-hub';
import { runSipp, startSipp } from './helpers/sipp';

/**
 * Callers waiting in the queue: Kamailio parks the call once per wait and the
 * hub wakes it (POST /switchboard/wake) when an agent is offered the call or
 * max wait releases it. The hub here is scripted; the wakes go through the
 * hub's own client (hub/voice/sip-wake.ts). The fallback re-ask (no wake)
 * is the default minute, longer than any wait below, so every ask counted
 * here came from the first ask or a wake.
 */

const AGENT = '01HZX5V8Q2M3N4P5R6S7T8V9WA';
const TASK = '01HZX5V8Q2M3N4P5R6S7T8V9WT';
/** Longer than 30 re-asks at the hub's 1 s: under polling the call would have run out of branches. */
const LONG_WAIT_MS = 40_000;

let hub: ScriptedHub;
let kamailio: RunningKamailio;
let script: RouteScript;

const WAIT: VoiceRouteAnswer = { action: 'wait', retryAfterSec: 1, taskId: TASK };

beforeAll(async () => {
  hub = await startScriptedHub((request) => script(request));
  kamailio = await startKamailio({ listenAddress: '127.0.0.1', domain: 'switchboard.local', hubUrl: hub.url, voiceKey: hub.key });
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
  hub.setRouteDelay(0);
});

/** The Call-ID of the one call the hub has been asked about. */
async function askedCall(): Promise<string> {
  await expect.poll(() => hub.routeRequests.length, { timeout: 10_000 }).toBeGreaterThan(0);
  const callIds = new Set(hub.routeRequests.map((request) => request.callId));
  expect(callIds.size).toBe(1);
  return [...callIds][0] ?? '';
}

/** The call is parked: a wake now resumes it (200), where before the suspension it would only be noted (202). */
async function parked(callId: string): Promise<void> {
  await expect.poll(() => kamailio.log(), { timeout: 10_000 }).toContain(`call ${callId}: waiting`);
}

describe('a caller waiting in the queue', () => {
  it('waits longer than 30 re-asks would allow, the hub asked once; an agent offered the call is rung at the wake', async () => {
    const phone = await registerPhone(kamailio, 'amy', 'agent-answers');
    let agentFree = false;
    script = () => (agentFree ? { action: 'ring', user: 'amy', agentId: AGENT, taskId: TASK, timeoutSec: 20 } : WAIT);

    const caller = startSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    const callId = await askedCall();
    await parked(callId);
    await sleep(LONG_WAIT_MS);
    // Still waiting, still one ask: nothing re-asked on a timer, no branch was used per tick.
    expect(hub.routeRequests).toHaveLength(1);
    expect(hub.events).toEqual([]);

    agentFree = true;
    expect(await postWake(kamailio.wakeUrl, hub.key, callId)).toEqual({ ok: true, status: 200 });
    const call = await caller.done;
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);
    // The second ask is the wake's: the agent was rung without waiting for a re-ask.
    expect(hub.routeRequests.map((request) => request.attempt)).toEqual([1, 2]);
    await hub.eventArrived(callId, 'ended');
    expect(hub.events).toEqual([
      { callId, kind: 'answered', agentId: AGENT },
      { callId, kind: 'ended' },
    ]);
  }, 90_000);

  it('is released with 480 when woken at max wait (the hub has made the callback task)', async () => {
    let maxWaitReached = false;
    script = () => (maxWaitReached ? { action: 'release', taskId: TASK, reason: 'max wait reached: a callback task was opened' } : WAIT);

    const caller = startSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    const callId = await askedCall();
    await parked(callId);
    maxWaitReached = true;
    expect(await postWake(kamailio.wakeUrl, hub.key, callId)).toEqual({ ok: true, status: 200 });
    const call = await caller.done;
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect(call.logged).toEqual(['FINAL 480']);
    expect(hub.routeRequests).toHaveLength(2);
    // Released by the hub: it is not told the caller abandoned.
    expect(hub.events).toEqual([]);
  });

  it('keeps a wake that came while the hub’s "wait" was on its way, and asks again at once', async () => {
    const phone = await registerPhone(kamailio, 'ben', 'agent-answers');
    let agentFree = false;
    script = () => (agentFree ? { action: 'ring', user: 'ben', agentId: AGENT, taskId: TASK, timeoutSec: 20 } : WAIT);
    // The "wait" is decided at once but arrives later: the agent is offered the call meanwhile.
    hub.setRouteDelay(1_500);

    const caller = startSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    const callId = await askedCall();
    agentFree = true;
    expect(await postWake(kamailio.wakeUrl, hub.key, callId)).toEqual({ ok: true, status: 202 });
    const call = await caller.done;
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);
    expect(hub.routeRequests.map((request) => request.attempt)).toEqual([1, 2]);
  });

  it('ends at once (487) when the caller hangs up while parked, and the hub hears "abandoned"; a later wake changes nothing', async () => {
    script = () => WAIT;
    const call = await runSipp({ scenario: 'caller-hangs-up', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    const callId = await askedCall();
    await hub.eventArrived(callId, 'abandoned');
    expect(await postWake(kamailio.wakeUrl, hub.key, callId)).toEqual({ ok: true, status: 202 });
    expect(hub.routeRequests).toHaveLength(1);
    expect(hub.events).toEqual([{ callId, kind: 'abandoned' }]);
  });
});

describe('a caller whose hub goes away while they wait', () => {
  it('is re-asked on the fallback without a wake; with the hub gone, the call ends 503 instead of waiting for ever', async () => {
    const lonelyHub = await startScriptedHub(() => WAIT);
    const lonely = await startKamailio({ listenAddress: '127.0.0.1', domain: 'switchboard.local', hubUrl: lonelyHub.url, voiceKey: lonelyHub.key, waitFallbackSec: 2 });
    try {
      const caller = startSipp({ scenario: 'caller-refused', remote: lonely.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
      // Asked, parked, then asked again by the fallback alone (nobody wakes this call).
      await expect.poll(() => lonelyHub.routeRequests.length, { timeout: 15_000 }).toBeGreaterThan(1);
      await lonelyHub.close();
      const call = await caller.done;
      expect(call.exitCode, `${call.errors}\n${lonely.log()}`).toBe(0);
      expect(call.logged).toEqual(['FINAL 503']);
      expect(lonely.log()).toContain('no wake from the hub within the fallback; asking again');
    } finally {
      await lonely.stop();
      await lonelyHub.close();
    }
  });
});

describe('the wake endpoint', () => {
  const post = (init: { body: string; headers: Record<string, string> }) => kamailioRequest(kamailio.wakeUrl, { method: 'POST', timeoutMs: 3_000, ...init });

  it('refuses a wake without the voice key, or with another', async () => {
    const body = JSON.stringify({ callId: 'someone' });
    expect(await post({ body, headers: { 'content-type': 'application/json' } })).toBe(403);
    expect(await post({ body, headers: { 'content-type': 'application/json', [VOICE_KEY_HEADER]: `${hub.key}x` } })).toBe(403);
    expect(await postWake(kamailio.wakeUrl, 'interop-voice-key-wrong-0123456789abcd', 'someone')).toEqual({ ok: false, error: 'Kamailio answered 403' });
  });

  it('refuses anything but a POST with a Call-ID', async () => {
    const headers = { 'content-type': 'application/json', [VOICE_KEY_HEADER]: hub.key };
    expect(await kamailioRequest(kamailio.wakeUrl, { method: 'GET', headers, timeoutMs: 3_000 })).toBe(405);
    expect(await post({ body: 'not json', headers })).toBe(400);
    expect(await post({ body: JSON.stringify({ call: 'x' }), headers })).toBe(400);
    expect(await post({ body: JSON.stringify({ callId: '' }), headers })).toBe(400);
    expect(await post({ body: JSON.stringify({ callId: 'c'.repeat(257) }), headers })).toBe(400);
  });

  it('takes a wake for a call it does not know and does nothing with it', async () => {
    expect(await postWake(kamailio.wakeUrl, hub.key, 'no-such-call@example.com')).toEqual({ ok: true, status: 202 });
    expect(hub.routeRequests).toEqual([]);
  });

  it('answers 404 for other paths on the WebSocket port, as before', async () => {
    expect(await kamailioRequest(`${kamailio.wsUrl.replace('ws://', 'http://')}/other`, { method: 'GET', timeoutMs: 3_000 })).toBe(404);
  });
});

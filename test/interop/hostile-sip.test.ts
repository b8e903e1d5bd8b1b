import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import type { VoiceRouteAnswer } from '../../shared/protocol/voice';
import { hangUpPhones, registerPhone } from './helpers/phones';
import { answersOptions, openRawSip, optionsToServer } from './helpers/raw-sip';
import { type RouteScript, type ScriptedHub, startScriptedHub } from './helpers/scripted-hub';
import { runSipp } from './helpers/sipp';

/**
 * SIP that is odd, broken or hostile: Kamailio keeps answering, the hub only
 * ever gets what its contract accepts (the scripted hub parses every request
 * with the contract's schemas and records anything it refuses), and calls
 * that can still be placed are placed.
 */

const AGENT_A = '01HZX5V8Q2M3N4P5R6S7T8V9WA';
const TASK = '01HZX5V8Q2M3N4P5R6S7T8V9WT';

let hub: ScriptedHub;
let kamailio: RunningKamailio;
let script: RouteScript;
let target: { host: string; port: number };

const ring = (user: string): VoiceRouteAnswer => ({ action: 'ring', user, agentId: AGENT_A, taskId: TASK, timeoutSec: 20 });

beforeAll(async () => {
  hub = await startScriptedHub((request) => script(request));
  // This scripted hub never wakes a waiting caller: they are re-asked on the fallback, shortened to the hub's 1 s.
  kamailio = await startKamailio({ listenAddress: '127.0.0.1', domain: 'switchboard.local', hubUrl: hub.url, voiceKey: hub.key, waitFallbackSec: 1 });
  target = { host: '127.0.0.1', port: kamailio.sipPort };
});

afterAll(async () => {
  await kamailio?.stop();
  await hub?.close();
});
afterEach(async () => {
  hangUpPhones();
  hub.setRouteDelay(0);
  // Whatever the test sent, the server is still there.
  expect(await answersOptions(target), kamailio.log()).toBe(true);
  expect(hub.refused).toEqual([]);
});
beforeEach(() => {
  hub.routeRequests.length = 0;
  hub.events.length = 0;
  hub.refused.length = 0;
});

function theCall(): string {
  const callIds = new Set(hub.routeRequests.map((request) => request.callId));
  expect(callIds.size).toBe(1);
  return [...callIds][0] ?? '';
}

describe('caller ID', () => {
  it('passes a Chinese display name to the hub and the agent exactly as sent', async () => {
    const phone = await registerPhone(kamailio, 'amy', 'agent-answers');
    script = () => ring('amy');
    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '"王芳 (客户) 😀" ' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect(hub.routeRequests.map((request) => request.fromDisplay)).toEqual(['"王芳 (客户) 😀"']);
    expect((await phone.done).logged).toEqual([expect.stringContaining('From: "王芳 (客户) 😀" <sip:13800138000@')]);
  });

  it('drops a display name longer than the hub takes, and the call still rings the agent', async () => {
    const phone = await registerPhone(kamailio, 'ben', 'agent-answers');
    script = () => ring('ben');
    const long = `"${'客'.repeat(1_000)}" `;
    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: long } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect(hub.routeRequests.map((request) => [request.fromUser, request.fromDisplay])).toEqual([['13800138000', '']]);
    // The agent's phone still gets the caller's From as sent (SIPp's log keeps only its start).
    expect((await phone.done).logged).toEqual([expect.stringMatching(/^INVITE From: "客{100}/)]);
  });

  it('sends a display name that is not UTF-8 as empty, never as broken JSON', async () => {
    script = () => ({ action: 'reject', status: 404, reason: 'no such number' });
    const socket = await openRawSip(target);
    try {
      const head = [
        `INVITE sip:support@${target.host}:${target.port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${socket.localPort};branch=z9hG4bK-latin1`,
        'Max-Forwards: 70',
        'From: "',
      ].join('\r\n');
      const tail = [
        `" <sip:13800138000@127.0.0.1:${socket.localPort}>;tag=latin1`,
        `To: <sip:support@${target.host}:${target.port}>`,
        'Call-ID: not-utf8-display-name',
        'CSeq: 1 INVITE',
        `Contact: <sip:13800138000@127.0.0.1:${socket.localPort}>`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      // "Müller" in Latin-1: 0xFC is not UTF-8.
      socket.send(Buffer.concat([Buffer.from(head), Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), Buffer.from(tail)]));
      expect(await socket.reply((text) => text.startsWith('SIP/2.0 404'))).not.toBeNull();
    } finally {
      socket.close();
    }
    expect(hub.routeRequests).toEqual([expect.objectContaining({ callId: 'not-utf8-display-name', fromUser: '13800138000', fromDisplay: '' })]);
  });
});

describe('broken requests', () => {
  it('survives garbage, missing headers, lying lengths and huge headers without asking the hub', async () => {
    const socket = await openRawSip(target);
    try {
      socket.send(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a]));
      socket.send('HELLO sip:support@127.0.0.1 SIP/2.0\r\n\r\n');
      socket.send('INVITE sip:support@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK-x\r\nContent-Length: 0\r\n\r\n');
      const lying = optionsToServer(socket, target).text.replace('Content-Length: 0', 'Content-Length: 5000');
      socket.send(lying);
      const huge = optionsToServer(socket, target, [`X-Junk: ${'x'.repeat(30_000)}`]);
      socket.send(huge.text);
      const manyVias = optionsToServer(socket, target, Array.from({ length: 300 }, (_, i) => `Via: SIP/2.0/UDP 10.0.${i % 250}.1:5060;branch=z9hG4bK-${i}`));
      socket.send(manyVias.text);
    } finally {
      socket.close();
    }
    expect(hub.routeRequests).toEqual([]);
  });

  it('refuses a Call-ID longer than the hub keys calls by', async () => {
    script = () => ring('amy');
    const socket = await openRawSip(target);
    try {
      socket.send(
        [
          `INVITE sip:support@${target.host}:${target.port} SIP/2.0`,
          `Via: SIP/2.0/UDP 127.0.0.1:${socket.localPort};branch=z9hG4bK-longcallid`,
          'Max-Forwards: 70',
          `From: <sip:13800138000@127.0.0.1:${socket.localPort}>;tag=long`,
          `To: <sip:support@${target.host}:${target.port}>`,
          `Call-ID: ${'c'.repeat(300)}`,
          'CSeq: 1 INVITE',
          `Contact: <sip:13800138000@127.0.0.1:${socket.localPort}>`,
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
      expect(await socket.reply((text) => /^SIP\/2\.0 [1-6]\d\d /.test(text) && !text.startsWith('SIP/2.0 100'))).toMatch(/^SIP\/2\.0 400 Call-ID Too Long/);
    } finally {
      socket.close();
    }
    expect(hub.routeRequests).toEqual([]);
  });
});

describe('in-dialog storms and races', () => {
  it('relays a storm of 200 re-INVITEs on an established call without asking or telling the hub', async () => {
    const phone = await registerPhone(kamailio, 'cai', 'agent-answers-reinvites');
    script = () => ring('cai');
    const call = await runSipp({ scenario: 'caller-reinvites', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    // SIPp prints its counters as decimals.
    expect(call.logged).toEqual([expect.stringMatching(/^REINVITES 200(\.0+)?$/)]);
    expect((await phone.done).logged).toEqual([expect.stringMatching(/^REINVITES 200(\.0+)?$/)]);

    const callId = theCall();
    await hub.eventArrived(callId, 'ended');
    expect(hub.routeRequests).toHaveLength(1);
    expect(hub.events).toEqual([
      { callId, kind: 'answered', agentId: AGENT_A },
      { callId, kind: 'ended' },
    ]);
  });

  it('stops a call whose caller hangs up while the hub is still being asked: nobody rings, the hub hears "abandoned"', async () => {
    const phone = await registerPhone(kamailio, 'dee', 'agent-answers');
    script = () => ring('dee');
    hub.setRouteDelay(1_000);
    const call = await runSipp({ scenario: 'caller-cancels-at-once', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    const callId = theCall();
    await hub.eventArrived(callId, 'abandoned');
    // The caller has its 487 already; Kamailio says when the hub's late answer is in and dropped.
    await expect.poll(() => kamailio.log(), { timeout: 10_000 }).toContain(`call ${callId}: the caller left while the hub was asked; nobody rings`);
    expect(hub.routeRequests).toHaveLength(1);
    expect(hub.events).toEqual([{ callId, kind: 'abandoned' }]);
    phone.stop();
    expect((await phone.done).logged).toEqual([]);
  });

  it('lets a CANCEL that crosses the agent’s answer change nothing: the call is up and ends with BYE', async () => {
    const phone = await registerPhone(kamailio, 'eve', 'agent-answers');
    script = () => ring('eve');
    const call = await runSipp({ scenario: 'caller-cancels-late', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);
    const callId = theCall();
    await hub.eventArrived(callId, 'ended');
    expect(hub.events).toEqual([
      { callId, kind: 'answered', agentId: AGENT_A },
      { callId, kind: 'ended' },
    ]);
  });
});

describe('a caller whose hub never wakes them', () => {
  it('is released with 480 once the fallback re-asks have used up the call’s branches, and the hub hears "abandoned"', async () => {
    // Every wait suspends the transaction with a blind branch; 30 is Kamailio's most. A hub that
    // wakes its callers uses one per wait episode (queue-wait.test.ts); here each 1 s fallback uses one.
    script = () => ({ action: 'wait', retryAfterSec: 1, taskId: TASK });
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect(call.logged).toEqual(['FINAL 480']);
    const callId = theCall();
    await hub.eventArrived(callId, 'abandoned');
    expect(hub.events).toEqual([{ callId, kind: 'abandoned' }]);
    expect(hub.routeRequests.length).toBeGreaterThan(20);
  });
});

describe('a flood from one address', () => {
  let limited: RunningKamailio;
  let limitedTarget: { host: string; port: number };
  const TRUNK = '127.0.0.2';

  beforeAll(async () => {
    limited = await startKamailio({
      listenAddress: '127.0.0.1',
      domain: 'switchboard.local',
      hubUrl: hub.url,
      voiceKey: hub.key,
      trustedTrunks: [`${TRUNK}/32`],
      floodLimit: { requests: 10, perSeconds: 2 },
    });
    limitedTarget = { host: '127.0.0.1', port: limited.sipPort };
  });
  afterAll(async () => {
    await limited?.stop();
  });

  /** Sends `count` OPTIONS from `localIp` at once; how many were answered. */
  async function burst(localIp: string, count: number): Promise<number> {
    const socket = await openRawSip(limitedTarget, localIp);
    try {
      const probes = Array.from({ length: count }, () => optionsToServer(socket, limitedTarget));
      for (const probe of probes) socket.send(probe.text);
      const answers = await Promise.all(probes.map((probe) => socket.reply((text) => text.includes(probe.callId))));
      return answers.filter((answer) => answer !== null).length;
    } finally {
      socket.close();
    }
  }

  it('drops out-of-dialog requests from an untrusted address past the limit, while a trusted trunk is not limited', async () => {
    const answered = await burst('127.0.0.1', 100);
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(100);
    expect(await answersOptions(limitedTarget, '127.0.0.1')).toBe(false);

    expect(await burst(TRUNK, 100)).toBe(100);
    expect(await answersOptions(limitedTarget, '127.0.0.3')).toBe(true);
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintSipCredentials } from '../../hub/voice/sip-credentials';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import type { VoiceRouteAnswer } from '../../shared/protocol/voice';
import { hangUpPhones, registerPhone } from './helpers/phones';
import { type RouteScript, type ScriptedHub, startScriptedHub } from './helpers/scripted-hub';
import { runSipp } from './helpers/sipp';
import { connectWsAgent } from './helpers/ws-agent';

/**
 * Kamailio with authentication on: agents' phones prove who they are with the
 * hub's ephemeral credentials (auth_ephemeral), and only a trusted trunk's
 * address may call in without them. Here the trunk is 127.0.0.2 (SIPp sends
 * from it with -i); everything from 127.0.0.1 is an untrusted source.
 */

const SECRET = 'interop-sip-auth-secret-0123456789abcdef';
const TRUNK = '127.0.0.2';
const AGENT_A = '01HZX5V8Q2M3N4P5R6S7T8V9WA';
const TASK = '01HZX5V8Q2M3N4P5R6S7T8V9WT';

let hub: ScriptedHub;
let kamailio: RunningKamailio;
let script: RouteScript;

const credentialsOf = (user: string, ttlSec?: number) => {
  const minted = mintSipCredentials(SECRET, user, Date.now(), ttlSec);
  return { username: minted.authorizationUsername, password: minted.authorizationPassword };
};
const registerAs = (user: string, credentials?: { username: string; password: string }) =>
  runSipp({
    scenario: credentials ? 'register-auth' : 'register-unauthenticated',
    remote: kamailio.sipAddress,
    keys: { user, contactHost: '127.0.0.1', contactPort: '5999', expires: '300' },
    ...(credentials ? { credentials } : {}),
  });
const ring = (user: string): VoiceRouteAnswer => ({ action: 'ring', user, agentId: AGENT_A, taskId: TASK, timeoutSec: 20 });
/** Rings `user` first; when their phone is not registered, the hub is asked again and refuses. */
const ringThenNotFound =
  (user: string): RouteScript =>
  (request) =>
    request.attempt === 1 ? ring(user) : { action: 'reject', status: 404, reason: 'nobody' };

beforeAll(async () => {
  hub = await startScriptedHub((request) => script(request));
  kamailio = await startKamailio({
    listenAddress: '127.0.0.1',
    domain: 'switchboard.local',
    hubUrl: hub.url,
    voiceKey: hub.key,
    auth: { secret: SECRET },
    trustedTrunks: [`${TRUNK}/32`],
  });
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

describe('registering an agent’s phone', () => {
  it('challenges a REGISTER without credentials, and the phone is not registered', async () => {
    const registration = await registerAs('amy');
    expect(registration.logged).toEqual(['FINAL 401']);

    script = ringThenNotFound('amy');
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, localIp: TRUNK, service: 'amy', keys: { caller: '13800138000', fromName: '' } });
    expect(call.logged, kamailio.log()).toEqual(['FINAL 404']);
    expect(hub.events.map((event) => event.kind)).toEqual(['no-answer']);
  });

  it('challenges a browser’s REGISTER over WebSocket too', async () => {
    const browser = await connectWsAgent(kamailio.wsUrl, 'amy');
    try {
      expect((await browser.register(300)).startLine).toMatch(/^SIP\/2\.0 401 /);
    } finally {
      browser.close();
    }
  });

  it('registers with the hub’s credentials, and a trusted trunk’s queue call reaches the hub and rings the phone', async () => {
    const phone = await registerPhone(kamailio, 'bea', 'agent-answers', credentialsOf('bea'));
    script = () => ring('bea');

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, localIp: TRUNK, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await phone.done).exitCode).toBe(0);
    expect(hub.routeRequests.map((request) => [request.dialled, request.fromUser])).toEqual([['support', '13800138000']]);
  });

  it('refuses another agent’s credentials with 403, and the phone is not registered', async () => {
    const registration = await registerAs('cal', credentialsOf('bea'));
    expect(registration.logged).toEqual(['FINAL 403 Forbidden']);

    script = ringThenNotFound('cal');
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, localIp: TRUNK, service: 'cal', keys: { caller: '13800138000', fromName: '' } });
    expect(call.logged).toEqual(['FINAL 404']);
  });

  it('refuses expired credentials with 403', async () => {
    const registration = await registerAs('dan', credentialsOf('dan', -60));
    expect(registration.logged).toEqual(['FINAL 403 Credentials Expired']);
  });

  it('challenges again when the password was not signed with the shared secret', async () => {
    const forged = mintSipCredentials('another-secret-0123456789abcdefghijkl', 'dan', Date.now());
    const registration = await registerAs('dan', { username: forged.authorizationUsername, password: forged.authorizationPassword });
    expect(registration.logged).toEqual(['FINAL 401']);
  });
});

describe('placing a call', () => {
  it('challenges an INVITE from an untrusted address without credentials; the hub never hears of it', async () => {
    script = () => ring('bea');
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, call.errors).toBe(0);
    expect(call.logged).toEqual(['FINAL 407']);
    expect(hub.routeRequests).toEqual([]);
  });

  it('lets an agent with their own credentials call; the hub decides', async () => {
    script = () => ({ action: 'reject', status: 404, reason: 'no such number' });
    const call = await runSipp({
      scenario: 'caller-auth-refused',
      remote: kamailio.sipAddress,
      service: 'nosuchqueue',
      keys: { caller: 'amy', fromName: '' },
      credentials: credentialsOf('amy'),
    });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect(call.logged).toEqual(['FINAL 404']);
    expect(hub.routeRequests.map((request) => [request.dialled, request.fromUser])).toEqual([['nosuchqueue', 'amy']]);
  });

  it('refuses a call whose From is not the agent the credentials are for', async () => {
    script = () => ring('bea');
    const call = await runSipp({
      scenario: 'caller-auth-refused',
      remote: kamailio.sipAddress,
      service: 'support',
      keys: { caller: 'bea', fromName: '' },
      credentials: credentialsOf('amy'),
    });
    expect(call.exitCode, call.errors).toBe(0);
    expect(call.logged).toEqual(['FINAL 403']);
    expect(hub.routeRequests).toEqual([]);
  });

  it('refuses a call with expired credentials', async () => {
    script = () => ring('bea');
    const call = await runSipp({
      scenario: 'caller-auth-refused',
      remote: kamailio.sipAddress,
      service: 'support',
      keys: { caller: 'amy', fromName: '' },
      credentials: credentialsOf('amy', -60),
    });
    expect(call.logged).toEqual(['FINAL 403']);
    expect(hub.routeRequests).toEqual([]);
  });
});

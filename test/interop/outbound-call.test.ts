import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintSipCredentials } from '../../hub/voice/sip-credentials';
import { freeSipPort, type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import type { VoiceRouteAnswer } from '../../shared/protocol/voice';
import { type RouteScript, type ScriptedHub, startScriptedHub } from './helpers/scripted-hub';
import { type RunningSipp, runSipp, startSipp } from './helpers/sipp';

/**
 * Agents dialling customers' numbers through the carrier's trunk, with
 * authentication on. The carrier's gateway is SIPp on 127.0.0.3; a carrier
 * calling in (a trusted trunk) sends from 127.0.0.2; agents' desk phones
 * (SIPp with the hub's credentials) from 127.0.0.1. The hub is scripted, so
 * Kamailio's own part is what is tested: where the call goes, the caller ID
 * presented, the events, and that nobody but an agent can dial out.
 */

const SECRET = 'interop-sip-auth-secret-0123456789abcdef';
const INBOUND_TRUNK = '127.0.0.2';
const CARRIER = '127.0.0.3';
const AGENT_A = '01HZX5V8Q2M3N4P5R6S7T8V9WA';
const CUSTOMER = '+8613800138000';
const LINE = '+862088886666';

let hub: ScriptedHub;
let kamailio: RunningKamailio;
let noTrunk: RunningKamailio;
let carrierPort: number;
let script: RouteScript;
const carriers = new Set<RunningSipp>();

const outbound: VoiceRouteAnswer = { action: 'outbound', number: CUSTOMER, callerId: LINE, agentId: AGENT_A, timeoutSec: 30 };
const credentialsOf = (user: string) => {
  const minted = mintSipCredentials(SECRET, user, Date.now());
  return { username: minted.authorizationUsername, password: minted.authorizationPassword };
};
const dial = (target: RunningKamailio, number: string, user = 'amy') =>
  runSipp({ scenario: 'agent-dials-out', remote: target.sipAddress, service: number, keys: { caller: user, fromName: '"Amy Agent" ' }, credentials: credentialsOf(user) });
const carrier = (scenario: 'carrier-answers' | 'carrier-busy'): RunningSipp => {
  const running = startSipp({ scenario, localIp: CARRIER, localPort: carrierPort });
  carriers.add(running);
  void running.done.finally(() => carriers.delete(running));
  return running;
};

beforeAll(async () => {
  hub = await startScriptedHub((request) => script(request));
  carrierPort = await freeSipPort(CARRIER);
  const common = { listenAddress: '127.0.0.1', domain: 'switchboard.local', hubUrl: hub.url, voiceKey: hub.key, auth: { secret: SECRET }, trustedTrunks: [`${INBOUND_TRUNK}/32`] };
  kamailio = await startKamailio({ ...common, trunk: `sip:${CARRIER}:${carrierPort}` });
  noTrunk = await startKamailio(common);
});

afterAll(async () => {
  await Promise.all([kamailio?.stop(), noTrunk?.stop()]);
  await hub?.close();
});
afterEach(() => {
  for (const running of carriers) running.stop();
});
beforeEach(() => {
  hub.routeRequests.length = 0;
  hub.events.length = 0;
  hub.refused.length = 0;
});

describe('an agent dialling a customer', () => {
  it('goes to the number at the trunk, presenting the line’s number in From and P-Asserted-Identity; the hub hears who dialled, the answer and the end', async () => {
    script = () => outbound;
    const gateway = carrier('carrier-answers');
    const call = await dial(kamailio, '13800138000');
    if (call.logged.join() !== 'FINAL 200') gateway.stop();
    const trunkSide = await gateway.done;
    expect(call.logged, `${call.errors}\n${trunkSide.errors}\n${trunkSide.logged.join('\n')}`).toEqual(['FINAL 200']);
    expect(trunkSide.exitCode, trunkSide.errors).toBe(0);
    const [ruri, from, asserted, byeFrom] = trunkSide.logged;
    expect(ruri).toBe(`R-URI sip:${CUSTOMER}@${CARRIER}:${carrierPort}`);
    // The agent's name and username stay inside: the customer sees the company's line.
    expect(from).toMatch(new RegExp(`^From\\s+<sip:\\${LINE}@switchboard\\.local>;tag=`));
    expect(from).not.toContain('amy');
    expect(from).not.toContain('Amy');
    expect(asserted).toMatch(new RegExp(`^P-Asserted-Identity\\s+<sip:\\${LINE}@switchboard\\.local>$`));
    // In-dialog requests get the line's address back too (uac's auto restore); the display name is the agent's own (README, known limits).
    expect(byeFrom).toContain(`<sip:${LINE}@switchboard.local>;tag=`);
    expect(byeFrom).not.toContain('sip:amy');
    expect(hub.routeRequests.map((request) => [request.dialled, request.fromUser, request.agent])).toEqual([['13800138000', 'amy', 'amy']]);
    expect(hub.events.map((event) => [event.kind, event.agentId])).toEqual([
      ['answered', AGENT_A],
      ['ended', undefined],
    ]);
    expect(hub.refused).toEqual([]);
  });

  it('tells the hub a busy line as declined, and the agent hears the carrier’s 486', async () => {
    script = () => outbound;
    const gateway = carrier('carrier-busy');
    const call = await dial(kamailio, '13800138000');
    expect(call.logged, kamailio.log()).toEqual(['FINAL 486 Busy Here']);
    expect((await gateway.done).exitCode).toBe(0);
    expect(hub.events.map((event) => [event.kind, event.agentId])).toEqual([['declined', AGENT_A]]);
  });

  it('passes on the hub’s refusals with the reason phrases the desktop reads', async () => {
    const cases: [VoiceRouteAnswer, string][] = [
      [{ action: 'reject', status: 403, reason: 'GB', refusal: 'destination-not-allowed' }, 'FINAL 403 Destination Not Allowed'],
      [{ action: 'reject', status: 484, reason: '110', refusal: 'not-a-number' }, 'FINAL 484 Address Incomplete'],
      [{ action: 'reject', status: 503, reason: 'no trunk', refusal: 'no-outbound-line' }, 'FINAL 503 No Outbound Line'],
      [{ action: 'reject', status: 403, reason: 'trunk', refusal: 'agents-only' }, 'FINAL 403 Agents Only'],
    ];
    for (const [answer, logged] of cases) {
      script = () => answer;
      expect((await dial(kamailio, '13800138000')).logged).toEqual([logged]);
    }
  });

  it('answers 503 No Outbound Line where no trunk is configured, whatever the hub says', async () => {
    script = () => outbound;
    const call = await dial(noTrunk, '13800138000');
    expect(call.logged, noTrunk.log()).toEqual(['FINAL 503 No Outbound Line']);
  });
});

describe('toll fraud', () => {
  it('never sends a trusted trunk’s INVITE for a number back out, even when the hub says outbound', async () => {
    script = () => outbound;
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, localIp: INBOUND_TRUNK, service: '13800138000', keys: { caller: '13911112222', fromName: '' } });
    expect(call.logged, kamailio.log()).toEqual(['FINAL 403']);
    // The hub was told nobody authenticated: it refuses on its own too (test/integration/voice-suite.ts).
    expect(hub.routeRequests.map((request) => request.agent)).toEqual([undefined]);
    expect(hub.events).toEqual([]);
  });

  it('challenges an unauthenticated INVITE for a number from anywhere else; the hub never hears of it', async () => {
    script = () => outbound;
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: '13800138000', keys: { caller: 'amy', fromName: '' } });
    expect(call.logged).toEqual(['FINAL 407']);
    expect(hub.routeRequests).toEqual([]);
  });
});

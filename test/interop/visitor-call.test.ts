import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintSipCredentials, mintVisitorSipCredentials } from '../../hub/voice/sip-credentials';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { visitorSipUser } from '../../shared/protocol/visitor';
import { type RouteScript, type ScriptedHub, startScriptedHub } from './helpers/scripted-hub';
import { runSipp } from './helpers/sipp';

/**
 * Kamailio's side of "Call us" from the web chat widget, with authentication
 * on: a visitor proves who they are with the hub's visitor credentials
 * (`v~<visitorId>`), never registers, and every call they place reaches the
 * hub marked `visitor`, which alone decides where it may go.
 */

const SECRET = 'interop-sip-auth-secret-0123456789abcdef';
const VISITOR = '01HZX5V8Q2M3N4P5R6S7T8V9WA';
const refuseAll: RouteScript = () => ({ action: 'reject', status: 403, reason: 'a visitor may call only their chat’s queue' });

let hub: ScriptedHub;
let kamailio: RunningKamailio;

const pair = (minted: { authorizationUsername: string; authorizationPassword: string }) => ({
  username: minted.authorizationUsername,
  password: minted.authorizationPassword,
});

beforeAll(async () => {
  hub = await startScriptedHub((request) => refuseAll(request));
  kamailio = await startKamailio({
    listenAddress: '127.0.0.1',
    domain: 'switchboard.local',
    hubUrl: hub.url,
    voiceKey: hub.key,
    auth: { secret: SECRET },
    trustedTrunks: ['127.0.0.2/32'],
  });
});

afterAll(async () => {
  await kamailio?.stop();
  await hub?.close();
});

beforeEach(() => {
  hub.routeRequests.length = 0;
  hub.refused.length = 0;
});

describe('a web visitor’s SIP credentials', () => {
  it('never register a phone: a visitor’s REGISTER is refused before any challenge', async () => {
    const registration = await runSipp({
      scenario: 'register-visitor',
      remote: kamailio.sipAddress,
      keys: { user: visitorSipUser(VISITOR), contactHost: '127.0.0.1', contactPort: '5999', expires: '300' },
    });
    expect(registration.logged, kamailio.log()).toEqual(['FINAL 403 Visitors Do Not Register']);
  });

  it('place a call that reaches the hub marked as a visitor’s; the hub’s 403 goes back to the browser', async () => {
    const call = await runSipp({
      scenario: 'caller-auth-refused',
      remote: kamailio.sipAddress,
      service: 'agent1',
      keys: { caller: visitorSipUser(VISITOR), fromName: '' },
      credentials: pair(mintVisitorSipCredentials(SECRET, VISITOR, Date.now())),
    });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect(call.logged).toEqual(['FINAL 403']);
    expect(hub.refused).toEqual([]);
    expect(hub.routeRequests.map((request) => [request.dialled, request.fromUser, request.visitor, request.video])).toEqual([['agent1', visitorSipUser(VISITOR), true, false]]);
  });

  it('tell the hub when the call offers video (an m=video line with a port), so it is queued as a video task', async () => {
    const credentials = pair(mintVisitorSipCredentials(SECRET, VISITOR, Date.now()));
    for (const videoPort of ['40002', '0']) {
      const call = await runSipp({
        scenario: 'caller-auth-refused-video',
        remote: kamailio.sipAddress,
        service: 'support',
        keys: { caller: visitorSipUser(VISITOR), fromName: '', videoPort },
        credentials,
      });
      expect(call.logged, `${call.errors}\n${kamailio.log()}`).toEqual(['FINAL 403']);
    }
    // Voice only (above) and a video stream offered switched off (port 0) are calls.
    expect(hub.routeRequests.map((request) => [request.fromUser, request.visitor, request.video])).toEqual([
      [visitorSipUser(VISITOR), true, true],
      [visitorSipUser(VISITOR), true, false],
    ]);
  });

  it('are an agent’s no longer: an agent’s call is not marked as a visitor’s', async () => {
    const call = await runSipp({
      scenario: 'caller-auth-refused',
      remote: kamailio.sipAddress,
      service: 'support',
      keys: { caller: 'amy', fromName: '' },
      credentials: pair(mintSipCredentials(SECRET, 'amy', Date.now())),
    });
    expect(call.logged).toEqual(['FINAL 403']);
    expect(hub.routeRequests.map((request) => [request.fromUser, request.visitor])).toEqual([['amy', false]]);
  });

  it('cannot stand in for another visitor', async () => {
    const call = await runSipp({
      scenario: 'caller-auth-refused',
      remote: kamailio.sipAddress,
      service: 'support',
      keys: { caller: visitorSipUser('01HZX5V8Q2M3N4P5R6S7T8V9WB'), fromName: '' },
      credentials: pair(mintVisitorSipCredentials(SECRET, VISITOR, Date.now())),
    });
    expect(call.logged).toEqual(['FINAL 403']);
    expect(hub.routeRequests).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { runSipp } from './helpers/sipp';
import { connectWsAgent, header } from './helpers/ws-agent';

/** Agents' desktops register over WebSocket; calls reach them over that same connection. */

let kamailio: RunningKamailio;

beforeAll(async () => {
  kamailio = await startKamailio({
    listenAddress: '127.0.0.1',
    domain: 'switchboard.local',
    hubUrl: 'http://127.0.0.1:9',
    voiceKey: 'interop-voice-key-0123456789abcdefghij',
  });
});

afterAll(async () => {
  await kamailio?.stop();
});

describe('an agent registered over WebSocket', () => {
  it('is registered, and a caller reaches them: INVITE, ACK and BYE all arrive over the WebSocket', async () => {
    const agent = await connectWsAgent(kamailio.wsUrl, 'wsagent');
    const registered = await agent.register(300);
    expect(registered.startLine).toBe('SIP/2.0 200 OK');
    expect(header(registered, 'contact')).toMatch(/^<sip:wsagent@[0-9a-f]+\.invalid;transport=ws>;expires=\d+/);

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'wsagent', keys: { caller: '+8613800138000', fromName: '"王芳" ' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);

    const invite = await agent.request('INVITE');
    expect(header(invite, 'from')).toMatch(/^"王芳" <sip:\+8613800138000@127\.0\.0\.1:\d+>/);
    await agent.request('BYE');
    expect(agent.received.map((message) => message.startLine.split(' ')[0])).toEqual(['INVITE', 'ACK', 'BYE']);
    agent.close();
  });

  it('is no longer rung once unregistered: the call goes to the hub instead (here unreachable: 503)', async () => {
    const agent = await connectWsAgent(kamailio.wsUrl, 'leaver');
    expect((await agent.register(300)).startLine).toBe('SIP/2.0 200 OK');
    expect((await agent.register(0)).startLine).toBe('SIP/2.0 200 OK');

    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'leaver', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, call.errors).toBe(0);
    expect(call.logged).toEqual(['FINAL 503']);
    expect(agent.received).toEqual([]);
    agent.close();
  });

  it('refuses plain HTTP on the WebSocket port', async () => {
    const response = await fetch(`http://${kamailio.wsUrl.slice('ws://'.length)}/`);
    expect(response.status).toBe(404);
  });
});

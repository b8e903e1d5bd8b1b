import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { runSipp } from './helpers/sipp';
import { connectWsAgent } from './helpers/ws-agent';

/**
 * A caller from an ordinary SIP phone offers plain RTP/AVP, which Chromium
 * refuses: rtpengine turns the offer into DTLS-SRTP with ICE for the
 * browser, and the browser's answer back into plain RTP for the phone.
 */

let kamailio: RunningKamailio;

beforeAll(async () => {
  kamailio = await startKamailio({
    listenAddress: '127.0.0.1',
    domain: 'switchboard.local',
    hubUrl: 'http://127.0.0.1:9',
    voiceKey: 'interop-voice-key-0123456789abcdefghij',
    withRtpengine: true,
  });
});

afterAll(async () => {
  await kamailio?.stop();
});

describe('a plain-RTP caller and a browser agent', () => {
  it('are bridged by rtpengine: WebRTC media towards the browser, RTP/AVP back to the phone', async () => {
    const agent = await connectWsAgent(kamailio.wsUrl, 'webagent');
    expect((await agent.register(300)).startLine).toBe('SIP/2.0 200 OK');

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'webagent', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);

    const offer = (await agent.request('INVITE')).body;
    expect(offer).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0/m);
    expect(offer).toMatch(/^a=fingerprint:sha-256 /m);
    expect(offer).toMatch(/^a=ice-ufrag:/m);
    expect(offer).toMatch(/^a=candidate:/m);
    // The phone's own address is hidden behind rtpengine's.
    expect(offer).not.toMatch(/^m=audio 40000 /m);

    expect(call.logged).toEqual([expect.stringMatching(/^ANSWER m=audio \d+ RTP\/AVP\s*$/)]);
    await agent.request('BYE');
    agent.close();
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { hangUpPhones, registerPhone } from './helpers/phones';
import { runSipp } from './helpers/sipp';

/**
 * When the hub cannot be reached, an agent's extension still rings the agent;
 * a queue number cannot be placed and says so (503).
 */

let kamailio: RunningKamailio;

beforeAll(async () => {
  kamailio = await startKamailio({
    listenAddress: '127.0.0.1',
    domain: 'switchboard.local',
    // Nothing listens on the discard port: a direct call must not need the hub.
    hubUrl: 'http://127.0.0.1:9',
    voiceKey: 'interop-voice-key-0123456789abcdefghij',
  });
});

afterAll(async () => {
  await kamailio?.stop();
});
afterEach(() => {
  hangUpPhones();
});


describe('with the hub unreachable', () => {
  it('a direct call rings the registered desk phone with the caller ID as sent, and both sides hang up cleanly', async () => {
    const phone = await registerPhone(kamailio, 'agent1', 'agent-answers');

    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'agent1', keys: { caller: '13800138000', fromName: '"Li Wei" ' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);

    const answered = await phone.done;
    expect(answered.exitCode, answered.errors).toBe(0);
    expect(answered.logged).toEqual([expect.stringMatching(/^INVITE From: "Li Wei" <sip:13800138000@127\.0\.0\.1:\d+>;tag=\S+ P-Asserted-Identity:$/)]);
  });

  it('a call to a queue number is answered 503', async () => {
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.exitCode, call.errors).toBe(0);
    expect(call.logged).toEqual(['FINAL 503']);
  });
});

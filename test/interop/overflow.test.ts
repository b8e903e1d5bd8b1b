import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freeSipPort, type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { hangUpPhones, registerPhone } from './helpers/phones';
import { runSipp, startSipp } from './helpers/sipp';

/**
 * The hub unreachable with an overflow destination configured: queue calls
 * ring the overflow (a supervisor's desk phone, voicemail) instead of 503;
 * an agent's extension still rings the agent.
 */

// Nothing listens on the discard port: every route request fails.
const HUB_DOWN = 'http://127.0.0.1:9';
const VOICE_KEY = 'interop-voice-key-0123456789abcdefghij';

const started: RunningKamailio[] = [];
async function kamailioWithOverflow(overflow: string): Promise<RunningKamailio> {
  const kamailio = await startKamailio({ listenAddress: '127.0.0.1', domain: 'switchboard.local', hubUrl: HUB_DOWN, voiceKey: VOICE_KEY, overflow });
  started.push(kamailio);
  return kamailio;
}

afterAll(async () => {
  await Promise.all(started.map((kamailio) => kamailio.stop()));
});
afterEach(() => {
  hangUpPhones();
});

describe('with the hub unreachable and an overflow SIP URI', () => {
  it('sends a queue call to the overflow phone with the caller ID as sent, and a direct call still rings the agent', async () => {
    const overflowPort = await freeSipPort('127.0.0.1');
    const kamailio = await kamailioWithOverflow(`sip:overflow@127.0.0.1:${overflowPort}`);
    const overflow = startSipp({ scenario: 'agent-answers', localPort: overflowPort });
    try {
      const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '"王芳" ' } });
      expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
      const answered = await overflow.done;
      expect(answered.exitCode, answered.errors).toBe(0);
      expect(answered.logged).toEqual([expect.stringMatching(/^INVITE From: "王芳" <sip:13800138000@127\.0\.0\.1:\d+>;tag=\S+ P-Asserted-Identity:$/)]);
    } finally {
      overflow.stop();
    }

    const agent = await registerPhone(kamailio, 'agent1', 'agent-answers');
    const direct = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'agent1', keys: { caller: '13800138000', fromName: '' } });
    expect(direct.exitCode, `${direct.errors}\n${kamailio.log()}`).toBe(0);
    expect((await agent.done).exitCode).toBe(0);
  });

  it('passes the overflow phone’s refusal back to the caller', async () => {
    const overflowPort = await freeSipPort('127.0.0.1');
    const kamailio = await kamailioWithOverflow(`sip:voicemail@127.0.0.1:${overflowPort}`);
    const busy = startSipp({ scenario: 'agent-declines', localPort: overflowPort });
    try {
      const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
      expect(call.logged, kamailio.log()).toEqual(['FINAL 486']);
      expect((await busy.done).exitCode).toBe(0);
    } finally {
      busy.stop();
    }
  });
});

describe('with the hub unreachable and an overflow extension registered here', () => {
  it('rings the extension’s registered phone', async () => {
    const kamailio = await kamailioWithOverflow('sip:supervisor@switchboard.local');
    const supervisor = await registerPhone(kamailio, 'supervisor', 'agent-answers');
    const call = await runSipp({ scenario: 'caller', remote: kamailio.sipAddress, service: 'sales', keys: { caller: '02158889999', fromName: '' } });
    expect(call.exitCode, `${call.errors}\n${kamailio.log()}`).toBe(0);
    expect((await supervisor.done).exitCode).toBe(0);
  });

  it('answers 480 when the extension is not registered', async () => {
    const kamailio = await kamailioWithOverflow('sip:nobody@switchboard.local');
    const call = await runSipp({ scenario: 'caller-refused', remote: kamailio.sipAddress, service: 'support', keys: { caller: '13800138000', fromName: '' } });
    expect(call.logged).toEqual(['FINAL 480']);
  });
});

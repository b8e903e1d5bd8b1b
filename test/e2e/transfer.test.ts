import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPhase, setAvailable } from './hub-client';
import { inboundAudio } from './peer-stats';
import { runSippCall } from './sipp-caller';
import { ARTIFACTS, DOMAIN, startVoiceStage, trackPeerConnections, type VoiceStage } from './voice-stage';

/**
 * Transfer and conference between three agent desktops in Chromium, through
 * a real Kamailio and hub: agent3 plays the customer, agent1 takes the call
 * and hands it on to agent2 — blind, after a consult, or by joining all
 * three. Every desktop is a real WebRTC endpoint with a fake microphone (a
 * beep), so audio arriving is read from RTCStats.
 */

let stage: VoiceStage;
let agent1: Page;
let agent2: Page;
let agent3: Page;

const desk = (username: string) => stage.desk(username, { initScript: trackPeerConnections });

/** Waits until audio with sound in it (not just packets, unless `packetsOnly`) keeps arriving at the page. */
async function expectVoiceArriving(page: Page, options: { packetsOnly?: boolean } = {}): Promise<void> {
  const before = await inboundAudio(page);
  const who = `audio arriving at ${await page.getByTestId('phone-chip').getAttribute('title')}`;
  await expect.poll(async () => (await inboundAudio(page)).bytes - before.bytes, { timeout: 15_000, message: who }).toBeGreaterThan(2_000);
  if (options.packetsOnly) return;
  await expect.poll(async () => (await inboundAudio(page)).energy - before.energy, { timeout: 15_000, message: who }).toBeGreaterThan(1e-4);
}

async function dial(page: Page, target: string): Promise<void> {
  if (!(await page.getByTestId('phone-panel').isVisible())) await page.getByTestId('phone-chip').click();
  await page.getByTestId('phone-dial-input').fill(target);
  await page.getByTestId('phone-dial').click();
}

/** agent3 calls `target`; agent1 answers; both connected. */
async function agent3CallsAgent1(target: string): Promise<void> {
  await dial(agent3, target);
  await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('ringing');
  await agent1.getByTestId('call-answer').click();
  await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('connected');
  await expect.poll(() => callPhase(agent3), { timeout: 20_000 }).toBe('connected');
}

async function openTransfer(target: string): Promise<void> {
  await agent1.getByTestId('call-transfer').click();
  await agent1.getByTestId('transfer-target').fill(target);
}

/** The caller's card as text: the name (or number) and, when they differ, the address under it. */
const party = async (page: Page) => (await page.getByTestId('call-card').textContent()) ?? '';
const cards = (page: Page) => page.getByTestId('call-card').count();

async function hangUpAll(): Promise<void> {
  for (const page of [agent1, agent2, agent3]) {
    // Clicks the hang-up buttons there are now, without waiting: one side's hang-up can end the other's card between a check and a click.
    await page.getByTestId('call-hang-up').evaluateAll((buttons) => {
      for (const button of buttons) (button as HTMLButtonElement).click();
    });
  }
  for (const page of [agent1, agent2, agent3]) await expect.poll(() => cards(page), { timeout: 15_000 }).toBe(0);
}

/** agent1 consults `target` (the caller goes on hold) and agent2 answers the consultation. */
async function consultAnsweredByAgent2(target: string): Promise<void> {
  await openTransfer(target);
  await agent1.getByTestId('transfer-consult').click();
  await expect.poll(() => callPhase(agent2), { timeout: 20_000 }).toBe('ringing');
  await agent2.getByTestId('call-answer').click();
}

/** The transfer is done: agent3 (the caller) is with agent2, and agent1's call ended as transferred. */
async function expectTransferredToAgent2(): Promise<void> {
  await expect.poll(() => party(agent3), { timeout: 20_000 }).toContain('agent2');
  await expect.poll(() => cards(agent1), { timeout: 15_000 }).toBe(0);
  expect(await agent1.getByTestId('phone-end').getAttribute('data-reason')).toBe('transferred');
}

/** agent2 and agent3 hear each other; then every call ends. */
async function agent2AndAgent3TalkThenHangUp(): Promise<void> {
  await expectVoiceArriving(agent2);
  await expectVoiceArriving(agent3);
  await hangUpAll();
}

beforeAll(async () => {
  stage = await startVoiceStage({
    name: 'transfer',
    // rtpengine lets the SIPp caller below (plain RTP) reach a desktop; desktop to desktop calls do not use it.
    withRtpengine: true,
    browserArgs: ['--autoplay-policy=no-user-gesture-required'],
  });
});

afterAll(async () => {
  await stage?.stop();
});

describe('blind transfer', () => {
  it('three desktops sign in and register their phones', async () => {
    agent1 = await desk('agent1');
    agent2 = await desk('agent2');
    agent3 = await desk('agent3');
  });

  it('a transfer nobody answers fails clearly and the agent keeps the caller', async () => {
    await agent3CallsAgent1('agent1');
    await openTransfer('agent5');
    await agent1.getByTestId('transfer-blind').click();
    await expect.poll(() => agent1.getByTestId('transfer-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
    expect(Number(await agent1.getByTestId('transfer-status').getAttribute('data-code'))).toBeGreaterThanOrEqual(400);
    expect(await callPhase(agent1)).toBe('connected');
    expect(await callPhase(agent3)).toBe('connected');
    await expect.poll(() => agent3.getByTestId('second-call-card').count()).toBe(0);
    expect(await party(agent3)).toContain('agent1');
    await agent1.screenshot({ path: join(ARTIFACTS, 'transfer-failed.png') });
    await hangUpAll();
  });

  it('agent3 calls the support queue, agent1 answers and transfers to agent2: agent2 talks to agent3, agent1 wraps up', async () => {
    await setAvailable(agent1);
    await agent3CallsAgent1('support');

    await openTransfer('agent2');
    await agent1.getByTestId('transfer-blind').click();
    await expect.poll(() => agent1.getByTestId('transfer-status').getAttribute('data-status')).toBe('pending');
    // agent3's phone follows the REFER on a second line while agent2's rings.
    await expect.poll(() => agent3.getByTestId('second-call-card').getAttribute('data-kind'), { timeout: 15_000 }).toBe('referral');
    await expect.poll(() => callPhase(agent2), { timeout: 20_000 }).toBe('ringing');
    expect(await party(agent2)).toContain('agent3');
    await agent3.screenshot({ path: join(ARTIFACTS, 'transfer-being-transferred.png') });
    await agent2.getByTestId('call-answer').click();

    await expect.poll(() => callPhase(agent2), { timeout: 20_000 }).toBe('connected');
    await expectTransferredToAgent2();
    expect(await agent3.getByTestId('second-call-card').count()).toBe(0);
    // The queue call was agent1's: it goes to wrap-up like any call that ends.
    const task = agent1.getByTestId('inbox-task').and(agent1.locator('[data-channel="call"]'));
    await expect.poll(() => task.first().getAttribute('data-status'), { timeout: 15_000 }).toBe('wrap-up');

    await agent2AndAgent3TalkThenHangUp();
  });
});

describe('consult (attended) transfer', () => {
  it('holds the caller, consults agent2, cancels and resumes the caller', async () => {
    await agent3CallsAgent1('agent1');
    await consultAnsweredByAgent2('agent2');
    await expect.poll(() => agent1.getByTestId('call-card').getAttribute('data-held'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => agent1.getByTestId('second-call-card').getAttribute('data-phase'), { timeout: 20_000 }).toBe('connected');

    await agent1.getByTestId('consult-cancel').click();
    await expect.poll(() => agent1.getByTestId('second-call-card').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => cards(agent2), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => agent1.getByTestId('call-card').getAttribute('data-held'), { timeout: 15_000 }).toBe('false');
    expect(await callPhase(agent3)).toBe('connected');
    await expectVoiceArriving(agent3);
  });

  it('consults again and completes the transfer: agent2 and agent3 talk, agent1 is free', async () => {
    await consultAnsweredByAgent2('agent2');
    await expect.poll(() => agent1.getByTestId('second-call-card').getAttribute('data-phase'), { timeout: 20_000 }).toBe('connected');
    expect(await agent1.getByTestId('second-call-party').textContent()).toBe('agent2');
    expect(await party(agent1)).toContain('agent3');
    await agent1.screenshot({ path: join(ARTIFACTS, 'transfer-consult.png') });

    await agent1.getByTestId('consult-complete').click();
    // agent2's call from agent1 is replaced by agent3's (INVITE with Replaces): no ringing, the card just changes party.
    await expect.poll(() => party(agent2), { timeout: 20_000 }).toContain('agent3');
    await expect.poll(() => callPhase(agent2), { timeout: 20_000 }).toBe('connected');
    await expectTransferredToAgent2();
    expect(await agent3.getByTestId('second-call-card').count()).toBe(0);
    await agent2AndAgent3TalkThenHangUp();
  });
});

describe('consult the queue, then transfer', () => {
  it('the agent who answered the queue names themself, so the completed transfer reaches them (not the queue again)', async () => {
    await agent1.getByTestId('agent-state-select').selectOption('offline');
    await setAvailable(agent2);
    await agent3CallsAgent1('agent1');
    await consultAnsweredByAgent2('support');
    await expect.poll(() => agent1.getByTestId('second-call-card').getAttribute('data-phase'), { timeout: 20_000 }).toBe('connected');
    expect(await agent1.getByTestId('second-call-party').textContent()).toBe('support');

    await agent1.getByTestId('consult-complete').click();
    await expect.poll(() => party(agent2), { timeout: 20_000 }).toContain('agent3');
    await expectTransferredToAgent2();
    await agent2AndAgent3TalkThenHangUp();
  });
});

describe('three-way conference', () => {
  it('merges the caller and the consulted agent; everyone hears the others', async () => {
    await agent3CallsAgent1('agent1');
    await consultAnsweredByAgent2('agent2');
    await expect.poll(() => agent1.getByTestId('consult-merge').isEnabled(), { timeout: 20_000 }).toBe(true);
    await agent1.getByTestId('consult-merge').click();
    await agent1.getByTestId('conference-bar').waitFor();
    await expect.poll(() => agent1.getByTestId('call-card').getAttribute('data-held'), { timeout: 15_000 }).toBe('false');
    await agent1.screenshot({ path: join(ARTIFACTS, 'transfer-conference.png') });
    await agent1.getByTestId('language-zh-CN').click();
    await expect.poll(() => agent1.getByTestId('conference-bar').textContent()).toContain('三方通话');
    await agent1.screenshot({ path: join(ARTIFACTS, 'transfer-conference-zh.png') });
    await agent1.getByTestId('language-en').click();

    // agent1's calls now play only into the mix (WebAudio), which Chromium's inbound energy figures do not follow:
    // for agent1, packets arriving here and sound in the mix below.
    await expectVoiceArriving(agent1, { packetsOnly: true });
    for (const page of [agent2, agent3]) await expectVoiceArriving(page);
    // With agent1's microphone muted, agent2 and agent3 still hear each other: the mix on agent1's desktop carries them.
    await agent1.getByTestId('conference-mute').click();
    await expect.poll(() => agent1.getByTestId('conference-mute').getAttribute('aria-pressed')).toBe('true');
    // Asked again after the first round, so no sound from before the mute can count.
    for (const page of [agent2, agent3, agent2, agent3]) await expectVoiceArriving(page);
    // What agent1 hears is one stream: the mix of both far ends.
    const heardPeak = await agent1.getByTestId('phone-remote-audio').evaluate(async (element) => {
      const stream = (element as HTMLAudioElement).srcObject;
      if (!(stream instanceof MediaStream)) return 0;
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      context.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      let peak = 0;
      for (let i = 0; i < 40; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        analyser.getFloatTimeDomainData(samples);
        for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
      }
      await context.close();
      return peak;
    });
    expect(heardPeak).toBeGreaterThan(0.01);
  });

  it('when the caller hangs up, agent1 and agent2 stay on the call', async () => {
    await agent3.getByTestId('call-hang-up').click();
    await expect.poll(() => cards(agent3), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => agent1.getByTestId('conference-bar').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => party(agent1), { timeout: 15_000 }).toContain('agent2');
    expect(await agent1.getByTestId('second-call-card').count()).toBe(0);
    expect(await callPhase(agent2)).toBe('connected');
    await agent1.getByTestId('call-mute').click();
    await expect.poll(() => agent1.getByTestId('call-mute').getAttribute('aria-pressed')).toBe('false');
    await expectVoiceArriving(agent2);
    await hangUpAll();
  });
});

/** One in-dialog REFER from the SIPp caller with `referTo` as its header line (or none), expecting `status` back. */
const hostileRefer = (cseq: number, referTo: string | null, status: number) => `
  <send retrans="500"><![CDATA[
REFER [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[routes]
Max-Forwards: 70
From: <sip:+8613812345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag07[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: ${cseq} REFER
Contact: <sip:sipp@[local_ip]:[local_port]>
${referTo === null ? '' : `Refer-To: ${referTo}\n`}Referred-By: <sip:+8613812345678@[local_ip]>
Content-Length: 0

]]></send>
  <recv response="${status}"/>`;

/**
 * A caller (SIPp, plain RTP through rtpengine) that agent1 answers, then sends
 * odd and hostile REFERs in the call, hangs up, and sends one more REFER
 * outside any call (no To tag: the call is over). Each must be refused with
 * its own SIP status.
 */
const HOSTILE_REFER_SCENARIO = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="hostile REFERs">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
Max-Forwards: 70
From: <sip:+8613812345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag07[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
Content-Type: application/sdp
Content-Length: [len]

v=0
o=caller 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[local_ip_type] [local_ip]
t=0 0
m=audio [media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000

]]></send>
  <recv response="100" optional="true"/>
  <recv response="180"/>
  <recv response="200" rrs="true"/>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[routes]
Max-Forwards: 70
From: <sip:+8613812345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag07[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Content-Length: 0

]]></send>
${hostileRefer(2, '<http://evil.example/steal>', 416)}
${hostileRefer(3, '<sip:premium@toll.example>', 403)}
${hostileRefer(4, null, 400)}
${hostileRefer(5, '"<script>alert(1)</script>" <sip:%3Cscript%3E@switchboard.local>', 400)}
  <send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[routes]
Max-Forwards: 70
From: <sip:+8613812345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag07[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 6 BYE
Content-Length: 0

]]></send>
  <recv response="200"/>
  <send retrans="500"><![CDATA[
REFER sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
Max-Forwards: 70
From: <sip:+8613812345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag07[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 7 REFER
Contact: <sip:sipp@[local_ip]:[local_port]>
Refer-To: <sip:agent2@${DOMAIN}>
Content-Length: 0

]]></send>
  <recv response="405"/>
</scenario>
`;

const runSipp = (scenarioFile: string, service: string) => runSippCall({ sipAddress: stage.kamailio.sipAddress, scenarioFile, service });

describe('odd and hostile REFERs', () => {
  it('are refused with a SIP status that says why; the call and the phone carry on', async () => {
    const scenario = join(stage.dataDir, 'hostile-refer.xml');
    writeFileSync(scenario, HOSTILE_REFER_SCENARIO);
    const sipp = runSipp(scenario, 'agent1');
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('ringing');
    await agent1.getByTestId('call-answer').click();
    const result = await sipp;
    expect(result.code, `${result.output}\n${stage.kamailio.log()}`).toBe(0);
    // Nothing was followed: no second line ever opened, and the caller's hang-up ended the call as usual.
    await expect.poll(() => cards(agent1), { timeout: 15_000 }).toBe(0);
    expect(await agent1.getByTestId('phone-end').getAttribute('data-reason')).toBe('remote-hung-up');
    expect(await agent1.getByTestId('phone-chip').getAttribute('data-state')).toBe('registered');
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedMeta } from './desk-cache';
import { callPhase, customerWithPhone, phoneState } from './hub-client';
import { runSippCall } from './sipp-caller';
import { ARTIFACTS, startVoiceStage, type VoiceStage } from './voice-stage';

let stage: VoiceStage;

beforeAll(async () => {
  // Kamailio authenticates (the stage's default): each desktop registers and calls with the credentials its hub minted.
  stage = await startVoiceStage({ name: 'softphone' });
});

afterAll(async () => {
  await stage?.stop();
});

/** Signs in and points the phone at the test's Kamailio through the phone settings, as an agent would. */
function deskWithPhone(username: string, options: { microphone: 'allowed' | 'blocked' } = { microphone: 'allowed' }): Promise<Page> {
  if (options.microphone === 'allowed') return stage.desk(username);
  return stage.desk(username, {
    // What Chromium answers when the agent (or a policy) blocked the microphone for the site.
    initScript: () => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    },
  });
}

/** The SIP credentials the desktop keeps in its cache (meta 'phone.sipCredentials'). */
const cachedSipCredentials = (page: Page) =>
  cachedMeta(page, 'phone.sipCredentials') as Promise<{ authorizationUsername: string; expiresAt: number } | null>;

async function dial(page: Page, target: string): Promise<void> {
  if (!(await page.getByTestId('phone-panel').isVisible())) await page.getByTestId('phone-chip').click();
  await page.getByTestId('phone-dial-input').fill(target);
  await page.getByTestId('phone-dial').click();
}

/**
 * An ordinary SIP caller (SIPp) ringing agent1's extension: by default a
 * hostile display name in From and the real number only in
 * P-Asserted-Identity. It waits for the agent to decline (Chromium cannot
 * take SIPp's plain-RTP offer without a media bridge, so this call is for the
 * ringing card and screen pop only).
 */
function sippScenario(phone: string, from = '"<script>alert(1)</script>" <sip:anonymous@anonymous.invalid>', assertIdentity = true): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="screen pop caller">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: ${from};tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:sipp@[local_ip]:[local_port]>
${assertIdentity ? `P-Asserted-Identity: <tel:${phone}>\n` : ''}Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180"/>
  <recv response="603"/>
  <send><![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: ${from};tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
</scenario>
`;
}

/** Runs SIPp once against Kamailio's UDP port. */
const runSipp = (scenarioFile: string, service: string) => runSippCall({ sipAddress: stage.kamailio.sipAddress, scenarioFile, service });

describe('softphone: two desktops call each other through Kamailio', () => {
  let agent1: Page;
  let agent2: Page;

  it('registers, and says so in the header chip', async () => {
    agent1 = await deskWithPhone('agent1');
    agent2 = await deskWithPhone('agent2');
    expect(await agent1.getByTestId('phone-chip').getAttribute('title')).toContain('agent1');
    // The settings are kept in the cache: after a reload the phone registers again by itself.
    await agent1.reload();
    await expect.poll(() => phoneState(agent1), { timeout: 20_000 }).toBe('registered');
    // Kamailio authenticates: the phone registered with the credentials its hub minted, cached for a hub outage.
    const cached = await cachedSipCredentials(agent1);
    expect(cached?.authorizationUsername).toMatch(/^\d+:agent1$/);
    expect(cached?.expiresAt).toBeGreaterThan(Date.now());
  });

  it('rings agent1 with the caller on the card; answered, both sides connect with media', async () => {
    await dial(agent2, 'agent1');
    await expect.poll(() => callPhase(agent2), { timeout: 15_000 }).toBe('dialling');
    await expect.poll(() => callPhase(agent1), { timeout: 15_000 }).toBe('ringing');
    expect(await agent1.getByTestId('call-card').textContent()).toContain('agent2');
    await agent1.screenshot({ path: join(ARTIFACTS, 'softphone-ringing.png') });

    await agent1.getByTestId('call-answer').click();
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => callPhase(agent2), { timeout: 20_000 }).toBe('connected');

    // The other side's voice reaches the hidden audio element on both desktops.
    const liveRemoteTracks = (page: Page) =>
      page.getByTestId('phone-remote-audio').evaluate((element) => {
        const stream = (element as HTMLAudioElement).srcObject;
        return stream instanceof MediaStream ? stream.getAudioTracks().filter((track) => track.readyState === 'live').length : 0;
      });
    await expect.poll(() => liveRemoteTracks(agent1)).toBeGreaterThan(0);
    await expect.poll(() => liveRemoteTracks(agent2)).toBeGreaterThan(0);

    await agent1.getByTestId('call-mute').click();
    await expect.poll(() => agent1.getByTestId('call-mute').getAttribute('aria-pressed')).toBe('true');
    await agent1.getByTestId('call-hold').click();
    await expect.poll(() => agent1.getByTestId('call-hold').getAttribute('aria-pressed')).toBe('true');
    await agent1.getByTestId('call-keypad').click();
    await agent1.getByTestId('phone-key-5').click();
    await agent1.screenshot({ path: join(ARTIFACTS, 'softphone-in-call.png') });
    await agent1.getByTestId('call-hold').click();
    await expect.poll(() => agent1.getByTestId('call-hold').getAttribute('aria-pressed')).toBe('false');
  });

  it('hangs up: the card goes on both sides and the caller is told', async () => {
    await agent1.getByTestId('call-hang-up').click();
    await expect.poll(() => agent1.getByTestId('call-card').count()).toBe(0);
    await expect.poll(() => agent2.getByTestId('call-card').count(), { timeout: 10_000 }).toBe(0);
    expect(await agent2.getByTestId('phone-end').getAttribute('data-reason')).toBe('remote-hung-up');
    expect(await phoneState(agent1)).toBe('registered');
  });

  it('a blocked microphone declines the call with a clear message instead of answering it silent', async () => {
    const agent3 = await deskWithPhone('agent3', { microphone: 'blocked' });
    await dial(agent2, 'agent3');
    await expect.poll(() => callPhase(agent3), { timeout: 15_000 }).toBe('ringing');
    await agent3.getByTestId('call-answer').click();
    await expect.poll(() => agent3.getByTestId('phone-end').getAttribute('data-reason'), { timeout: 10_000 }).toBe('media-denied');
    await expect.poll(() => agent2.getByTestId('phone-end').getAttribute('data-reason'), { timeout: 10_000 }).toBe('rejected');
    await agent3.screenshot({ path: join(ARTIFACTS, 'softphone-microphone-blocked.png') });
  });

  it('screen-pops the known customer for a SIP caller, showing a hostile display name as text', async () => {
    const { customer, phone } = await customerWithPhone(stage.hub.url);
    let dialogs = 0;
    agent1.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const scenario = join(stage.dataDir, 'screen-pop-caller.xml');
    writeFileSync(scenario, sippScenario(phone));
    const sipp = runSipp(scenario, 'agent1');

    await expect.poll(() => callPhase(agent1), { timeout: 15_000 }).toBe('ringing');
    await expect.poll(() => agent1.getByTestId('phone-pop').getAttribute('data-pop')).toBe('known');
    expect(await agent1.getByTestId('call-caller').textContent()).toBe('<script>alert(1)</script>');
    expect(await agent1.getByTestId('call-card').getByTestId('tier-badge').getAttribute('data-tier')).toBe(customer.tier);
    await expect.poll(() => agent1.getByTestId('customer-number').textContent()).toContain(customer.number);
    await agent1.screenshot({ path: join(ARTIFACTS, 'softphone-screen-pop.png') });

    await agent1.getByTestId('call-decline').click();
    const result = await sipp;
    expect(result.code, result.output).toBe(0);
    await expect.poll(() => agent1.getByTestId('call-card').count()).toBe(0);
    expect(dialogs).toBe(0);
  });

  it('rings and screen-pops a caller whose From carries no display name', async () => {
    const { customer, phone } = await customerWithPhone(stage.hub.url);
    const scenario = join(stage.dataDir, 'no-display-name-caller.xml');
    writeFileSync(scenario, sippScenario(phone, `<sip:${phone}@carrier.example>`, false));
    const sipp = runSipp(scenario, 'agent1');
    await expect.poll(() => callPhase(agent1), { timeout: 15_000 }).toBe('ringing');
    await expect.poll(() => agent1.getByTestId('phone-pop').getAttribute('data-pop')).toBe('known');
    await expect.poll(() => agent1.getByTestId('customer-number').textContent()).toContain(customer.number);
    await agent1.getByTestId('call-decline').click();
    const result = await sipp;
    expect(result.code, result.output).toBe(0);
    await expect.poll(() => agent1.getByTestId('call-card').count()).toBe(0);
  });

  it("dials a customer's number from their 360; with no outbound line configured the card says so", async () => {
    const dialButton = agent1.getByTestId('identity-dial').first();
    await dialButton.click();
    await expect.poll(() => agent1.getByTestId('phone-end').getAttribute('data-reason'), { timeout: 15_000 }).toBe('no-outbound-line');
    expect(await phoneState(agent1)).toBe('registered');
  });

  it('shows the phone as unavailable, with the hint, when the SIP server is gone; the desk keeps working', async () => {
    await stage.kamailio.stop();
    await expect.poll(() => phoneState(agent1), { timeout: 20_000 }).toBe('unavailable');
    expect(await agent1.getByTestId('phone-chip').getAttribute('title')).toContain(stage.kamailio.wsUrl);
    expect(await agent1.getByTestId('sync-badge').getAttribute('data-state')).toBe('online');
  });
});

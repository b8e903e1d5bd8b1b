import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeState } from './desktop';
import { callPhase, data, deskSocket } from './hub-client';
import { inboundAudio } from './peer-stats';
import { ARTIFACTS, startVoiceStage, trackPeerConnections, type VoiceStage } from './voice-stage';

/**
 * Monitor, whisper and barge between real desktops in Chromium with fake
 * microphones (a beep), through a real Kamailio and hub: agent3 plays the
 * caller and dials the support line, agent1 takes the call, and the
 * supervisor listens from the agents table. The agent's desktop sends its
 * mix of the call on a WebRTC connection of its own; what arrives is read
 * from RTCStats.
 */

let stage: VoiceStage;
let agent1: Page;
let caller: Page;
let supervisor: Page;
let agent1Id = '';

beforeAll(async () => {
  stage = await startVoiceStage({ name: 'monitor' });
  const socket = await deskSocket(stage.hub.url, 'agent1');
  agent1Id = data(await socket.emitWithAck('session:whoami', {})).id;
  socket.disconnect();
});

afterAll(async () => {
  await stage?.stop();
});

async function dial(page: Page, target: string): Promise<void> {
  if (!(await page.getByTestId('phone-panel').isVisible())) await page.getByTestId('phone-chip').click();
  await page.getByTestId('phone-dial-input').fill(target);
  await page.getByTestId('phone-dial').click();
}

/** Waits until audio with sound in it keeps arriving at the page. */
async function expectVoiceArriving(page: Page, who: string): Promise<void> {
  const before = await inboundAudio(page);
  await expect.poll(async () => (await inboundAudio(page)).bytes - before.bytes, { timeout: 15_000, message: `audio bytes at ${who}` }).toBeGreaterThan(2_000);
  await expect.poll(async () => (await inboundAudio(page)).energy - before.energy, { timeout: 15_000, message: `sound at ${who}` }).toBeGreaterThan(1e-4);
}

/** How many of the page's open connections have audio arriving now (bytes growing over half a second). */
function connectionsReceivingAudio(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.connectionState !== 'closed');
    const bytes = async (pc: RTCPeerConnection) => {
      let total = 0;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') total += report.bytesReceived ?? 0;
      });
      return total;
    };
    const before = await Promise.all(all.map(bytes));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await Promise.all(all.map(bytes));
    return after.filter((value, index) => value > (before[index] ?? 0)).length;
  });
}

/** The label of the track the agent's call sends to the caller: the fake microphone's, or a mix's (which has none of the device's name). */
const callSenderLabel = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const [call] = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((pc) => pc.connectionState !== 'closed');
    const sender = call?.getSenders().find((each) => each.track?.kind === 'audio');
    return sender?.track?.label ?? '';
  });

const controls = (): Locator => supervisor.locator(`[data-testid="monitor-controls"][data-agent-id="${agent1Id}"]`);
const banner = (page: Page) => page.getByTestId('monitor-banner');

async function switchMode(mode: 'listen' | 'whisper' | 'barge'): Promise<void> {
  await controls().getByTestId(`monitor-${mode}`).click();
  await expect.poll(() => controls().getByTestId(`monitor-${mode}`).getAttribute('aria-pressed')).toBe('true');
  await expect.poll(() => banner(agent1).getAttribute('data-mode'), { timeout: 10_000 }).toBe(mode);
}

describe('monitor, whisper and barge on a live queue call', () => {
  it('connects the caller to the agent, and shows the call to the supervisor with a Listen button', async () => {
    agent1 = await stage.desk('agent1', { available: true, initScript: trackPeerConnections });
    caller = await stage.desk('agent3', { initScript: trackPeerConnections });
    // The supervisor only listens from the page: no softphone to register (its open panel would cover the agents table).
    const signedIn = await stage.signIn('supervisor');
    supervisor = signedIn.page;
    await signedIn.context.addInitScript(trackPeerConnections);
    await supervisor.reload();
    await expect.poll(() => badgeState(supervisor), { timeout: 60_000 }).toBe('online');

    await dial(caller, 'support');
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('ringing');
    await agent1.getByTestId('call-answer').click();
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => callPhase(caller), { timeout: 20_000 }).toBe('connected');

    await supervisor.getByTestId('supervisor-toggle').click();
    await supervisor.getByTestId('supervisor-tab-agents').click();
    await expect.poll(() => controls().getAttribute('data-on-call'), { timeout: 15_000 }).toBe('true');
    await controls().getByTestId('monitor-start').waitFor();
    expect(await banner(agent1).count()).toBe(0);
  });

  it("listens: the call's audio reaches the supervisor's page, the agent is told, nothing goes back", async () => {
    await controls().getByTestId('monitor-start').click();
    await expect.poll(() => controls().getAttribute('data-phase'), { timeout: 20_000 }).toBe('live');
    await expectVoiceArriving(supervisor, 'the supervisor');
    await expect.poll(() => banner(agent1).getAttribute('data-mode'), { timeout: 10_000 }).toBe('listen');
    expect(await banner(agent1).textContent()).toContain('is listening to this call');
    // Only the caller's voice arrives at the agent: the supervisor's microphone stays closed while listening.
    expect(await connectionsReceivingAudio(agent1)).toBe(1);
    expect(await callSenderLabel(agent1)).toMatch(/fake/i);
  });

  it("whispers: the supervisor's voice reaches the agent's desktop, not the caller", async () => {
    await switchMode('whisper');
    await expect.poll(() => connectionsReceivingAudio(agent1), { timeout: 15_000 }).toBe(2);
    // The call still sends the agent's own microphone.
    expect(await callSenderLabel(agent1)).toMatch(/fake/i);
    await supervisor.getByTestId('supervisor-agents').screenshot({ path: join(ARTIFACTS, 'monitor-supervisor-whisper.png') });
    await agent1.screenshot({ path: join(ARTIFACTS, 'monitor-agent-whisper.png') });

    // The same in Chinese: every word of the controls and the banner is translated.
    for (const page of [supervisor, agent1]) await page.getByTestId('language-zh-CN').click();
    await expect.poll(() => banner(agent1).textContent()).toContain('耳语');
    expect(await controls().getByTestId('monitor-whisper').textContent()).toBe('耳语');
    expect(await controls().getByTestId('monitor-barge').textContent()).toBe('强插');
    expect(await controls().getByTestId('monitor-stop').textContent()).toBe('停止');
    await supervisor.getByTestId('supervisor-agents').screenshot({ path: join(ARTIFACTS, 'monitor-supervisor-whisper-zh.png') });
    await agent1.screenshot({ path: join(ARTIFACTS, 'monitor-agent-whisper-zh.png') });
    for (const page of [supervisor, agent1]) await page.getByTestId('language-en').click();
  });

  it("barges in: the call's outbound audio becomes the agent and the supervisor mixed, and the caller still hears it", async () => {
    await switchMode('barge');
    await expect.poll(() => callSenderLabel(agent1), { timeout: 10_000 }).not.toMatch(/fake/i);
    await expectVoiceArriving(caller, 'the caller');
    await expectVoiceArriving(supervisor, 'the supervisor');
    await supervisor.getByTestId('supervisor-agents').screenshot({ path: join(ARTIFACTS, 'monitor-supervisor-barge.png') });
    await agent1.screenshot({ path: join(ARTIFACTS, 'monitor-agent-barge.png') });

    // Back to listening: the call gets the agent's own microphone back.
    await switchMode('listen');
    await expect.poll(() => callSenderLabel(agent1), { timeout: 10_000 }).toMatch(/fake/i);
    await expectVoiceArriving(caller, 'the caller');
    // And the supervisor's microphone is closed again: nothing but the caller arrives at the agent.
    await expect.poll(() => connectionsReceivingAudio(agent1), { timeout: 10_000 }).toBe(1);
  });

  it('stops: the banner goes, the supervisor is back to Listen, and the call goes on', async () => {
    await controls().getByTestId('monitor-stop').click();
    await expect.poll(() => banner(agent1).count(), { timeout: 10_000 }).toBe(0);
    await controls().getByTestId('monitor-start').waitFor();
    expect(await connectionsReceivingAudio(supervisor)).toBe(0);
    expect(await callPhase(agent1)).toBe('connected');
  });

  it('stops when the supervisor leaves the agents table: nobody listens without the controls in view', async () => {
    await controls().getByTestId('monitor-start').click();
    await expect.poll(() => controls().getAttribute('data-phase'), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => banner(agent1).count(), { timeout: 10_000 }).toBe(1);
    await supervisor.getByTestId('supervisor-tab-live').click();
    await expect.poll(() => banner(agent1).count(), { timeout: 10_000 }).toBe(0);
    expect(await connectionsReceivingAudio(supervisor)).toBe(0);
    await supervisor.getByTestId('supervisor-tab-agents').click();
    await controls().getByTestId('monitor-start').waitFor();
  });

  it('an administrator turns the agent\'s banner off; the supervisor still hears the call, the agent is not shown', async () => {
    const { page: admin } = await stage.signIn('admin');
    await admin.getByTestId('admin-toggle').click();
    await admin.getByTestId('admin-tab-voice').click();
    const announce = admin.getByTestId('monitor-settings-announce');
    await expect.poll(() => announce.isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await announce.isChecked()).toBe(true);
    await announce.uncheck();
    await expect.poll(() => admin.getByTestId('monitor-settings').getAttribute('data-status')).toBe('saved');
    await admin.getByTestId('monitor-settings').screenshot({ path: join(ARTIFACTS, 'monitor-admin-setting.png') });

    await controls().getByTestId('monitor-start').click();
    await expect.poll(() => controls().getAttribute('data-phase'), { timeout: 20_000 }).toBe('live');
    await expectVoiceArriving(supervisor, 'the supervisor');
    expect(await banner(agent1).count()).toBe(0);
    await controls().getByTestId('monitor-stop').click();
    await controls().getByTestId('monitor-start').waitFor();

    await announce.check();
    await expect.poll(() => admin.getByTestId('monitor-settings').getAttribute('data-status')).toBe('saved');
  });

  it('ends by itself when the call ends', async () => {
    await controls().getByTestId('monitor-start').click();
    await expect.poll(() => controls().getAttribute('data-phase'), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => banner(agent1).getAttribute('data-mode'), { timeout: 10_000 }).toBe('listen');
    await caller.getByTestId('call-hang-up').click();
    await expect.poll(() => agent1.getByTestId('call-card').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => controls().getByTestId('monitor-ended').getAttribute('data-reason'), { timeout: 10_000 }).toMatch(/^(call-ended|agent-stopped)$/);
    expect(await banner(agent1).count()).toBe(0);
    expect(await connectionsReceivingAudio(supervisor)).toBe(0);
  });
});

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedMeta, replaceCachedMeta } from './desk-cache';
import { callPhase, phoneState } from './hub-client';
import { ARTIFACTS, startVoiceStage, type VoiceStage } from './voice-stage';

let stage: VoiceStage;

beforeAll(async () => {
  // Chromium's fake devices: "Fake Audio Input 1/2" and "Fake Audio Output 1/2" beside the defaults, allowed without a prompt.
  stage = await startVoiceStage({ name: 'phone-devices', seedCustomers: 20 });
});

afterAll(async () => {
  await stage?.stop();
});

/** `cameraAsks`: the camera each getUserMedia asked for (its exact device id, '' = any), and the camera it opened. */
type Recorded = { micLabels: string[]; cameraAsks: { asked: string; label: string }[] };

/**
 * Signs in with the phone registered. getUserMedia is wrapped (it still opens
 * the real fake device) so the test can read which microphone each call
 * opened, and which camera a video call asked for.
 */
function deskWithPhone(username: string): Promise<Page> {
  return stage.desk(username, {
    initScript: () => {
      const recorded = window as unknown as Recorded;
      recorded.micLabels = [];
      recorded.cameraAsks = [];
      const devices = navigator.mediaDevices;
      const open = devices.getUserMedia.bind(devices);
      devices.getUserMedia = async (constraints) => {
        const stream = await open(constraints);
        if (stream.getAudioTracks().length > 0) recorded.micLabels.push(stream.getAudioTracks()[0]?.label ?? '');
        const camera = stream.getVideoTracks()[0];
        if (camera) {
          const video = constraints?.video;
          const asked = typeof video === 'object' && typeof video.deviceId === 'object' && !Array.isArray(video.deviceId) ? String(video.deviceId.exact ?? '') : '';
          recorded.cameraAsks.push({ asked, label: camera.label });
        }
        return stream;
      };
    },
  });
}

const micLabels = (page: Page) => page.evaluate(() => (window as unknown as Recorded).micLabels);
const cameraAsks = (page: Page) => page.evaluate(() => (window as unknown as Recorded).cameraAsks);
const selectedText = (page: Page, role: string) =>
  page.getByTestId(`phone-device-${role}`).evaluate((select) => {
    const element = select as HTMLSelectElement;
    return element.options[element.selectedIndex]?.textContent ?? '';
  });
const optionTexts = (page: Page, role: string) =>
  page.getByTestId(`phone-device-${role}`).evaluate((select) => [...(select as HTMLSelectElement).options].map((option) => option.textContent ?? ''));
const deviceIdOf = (page: Page, label: string) =>
  page.evaluate(async (wanted) => (await navigator.mediaDevices.enumerateDevices()).find((device) => device.label === wanted)?.deviceId ?? '', label);
const remoteSink = (page: Page) => page.getByTestId('phone-remote-audio').evaluate((element) => (element as HTMLAudioElement).sinkId);

async function openSettings(page: Page): Promise<void> {
  if (!(await page.getByTestId('phone-panel').isVisible())) await page.getByTestId('phone-chip').click();
  if (!(await page.getByTestId('phone-devices').isVisible())) await page.getByRole('button', { name: /^(Phone settings|电话设置)$/ }).click();
}

/** agent2 calls agent1, agent1 answers; both connected. */
async function connectCall(agent1: Page, agent2: Page): Promise<void> {
  if (!(await agent2.getByTestId('phone-panel').isVisible())) await agent2.getByTestId('phone-chip').click();
  await agent2.getByTestId('phone-dial-input').fill('agent1');
  await agent2.getByTestId('phone-dial').click();
  await expect.poll(() => callPhase(agent1), { timeout: 15_000 }).toBe('ringing');
  await agent1.getByTestId('call-answer').click();
  await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('connected');
  await expect.poll(() => callPhase(agent2), { timeout: 20_000 }).toBe('connected');
}

async function hangUp(agent1: Page, agent2: Page): Promise<void> {
  await agent1.getByTestId('call-hang-up').click();
  await expect.poll(() => agent1.getByTestId('call-card').count()).toBe(0);
  await expect.poll(() => agent2.getByTestId('call-card').count(), { timeout: 10_000 }).toBe(0);
}

describe('phone audio devices and call quality', () => {
  let agent1: Page;
  let agent2: Page;

  it('lists the microphones and outputs, "System default" first; a choice is stored and survives a reload', async () => {
    agent1 = await deskWithPhone('agent1');
    await openSettings(agent1);
    expect(await optionTexts(agent1, 'microphone')).toEqual(['System default', 'Fake Audio Input 1', 'Fake Audio Input 2']);
    for (const role of ['speaker', 'ringer']) {
      expect(await optionTexts(agent1, role)).toEqual(['System default', 'Fake Audio Output 1', 'Fake Audio Output 2']);
      expect(await selectedText(agent1, role)).toBe('System default');
    }

    await agent1.getByTestId('phone-device-microphone').selectOption({ label: 'Fake Audio Input 2' });
    await agent1.getByTestId('phone-device-speaker').selectOption({ label: 'Fake Audio Output 1' });
    await agent1.getByTestId('phone-device-ringer').selectOption({ label: 'Fake Audio Output 2' });
    // Chromium's one fake camera, beside the default.
    await expect.poll(() => optionTexts(agent1, 'camera')).toEqual(['System default', 'fake_device_0']);
    expect(await selectedText(agent1, 'camera')).toBe('System default');
    await agent1.getByTestId('phone-device-camera').selectOption({ label: 'fake_device_0' });
    await agent1.getByTestId('phone-devices-saved').waitFor();
    // The ring goes to the ringer, not to the speaker that carries calls.
    await agent1.getByTestId('phone-devices-test-ring').click();
    await expect.poll(() => agent1.getByTestId('phone-devices-rang').textContent()).toBe('The ring sounded on Fake Audio Output 2.');
    await agent1.getByTestId('phone-devices').screenshot({ path: join(ARTIFACTS, 'phone-devices-settings.png') });
    await agent1.screenshot({ path: join(ARTIFACTS, 'phone-devices-panel.png') });

    await agent1.reload();
    await expect.poll(() => phoneState(agent1), { timeout: 20_000 }).toBe('registered');
    await openSettings(agent1);
    await expect.poll(() => selectedText(agent1, 'microphone')).toBe('Fake Audio Input 2');
    expect(await selectedText(agent1, 'speaker')).toBe('Fake Audio Output 1');
    expect(await selectedText(agent1, 'ringer')).toBe('Fake Audio Output 2');
    await expect.poll(() => selectedText(agent1, 'camera')).toBe('fake_device_0');
    // The call audio element already plays on the chosen speaker, before any call.
    await expect.poll(() => remoteSink(agent1)).toBe(await deviceIdOf(agent1, 'Fake Audio Output 1'));
  });

  it('a connected call opens the chosen microphone, plays on the chosen speaker and shows its quality with figures', async () => {
    agent2 = await deskWithPhone('agent2');
    expect(await micLabels(agent1)).not.toContain('Fake Audio Input 2');
    await connectCall(agent1, agent2);

    expect(await micLabels(agent1)).toContain('Fake Audio Input 2');
    expect(await remoteSink(agent1)).toBe(await deviceIdOf(agent1, 'Fake Audio Output 1'));
    // agent2 chose nothing: the system default microphone and speaker.
    expect(await micLabels(agent2)).not.toContain('Fake Audio Input 2');
    expect(await remoteSink(agent2)).toBe('');

    // Two desktops on one machine: a clean line once the statistics have figures.
    const quality = agent1.getByTestId('call-quality');
    await expect.poll(() => quality.getAttribute('data-grade'), { timeout: 15_000 }).toBe('good');
    // The round trip comes first (ICE checks); jitter and loss once audio packets have arrived between two polls.
    await expect
      .poll(() => quality.getAttribute('data-figures'), { timeout: 20_000 })
      .toMatch(/^Round trip \d+ ms · jitter \d+ ms · loss received \d+\.\d % · loss sent (\d+\.\d %|not measured) · MOS 4\.\d$/);
    const figures = (await quality.getAttribute('data-figures')) ?? '';
    expect(await quality.getAttribute('aria-label')).toBe(`Call quality: Good. ${figures}`);
    await expect.poll(() => agent2.getByTestId('call-quality').getAttribute('data-grade'), { timeout: 15_000 }).toBe('good');
    // Hovering shows the figures.
    await quality.hover();
    await agent1.getByTestId('call-card').screenshot({ path: join(ARTIFACTS, 'phone-call-quality.png') });
    await agent1.screenshot({ path: join(ARTIFACTS, 'phone-call-quality-desk.png') });

    // In Chinese, on agent2's desk.
    await agent2.getByTestId('language-zh-CN').click();
    const quality2 = agent2.getByTestId('call-quality');
    await expect.poll(() => quality2.getAttribute('data-figures'), { timeout: 20_000 }).toMatch(/^往返时延 \d+ ms · 抖动 \d+ ms · 接收丢包 /);
    expect(await quality2.textContent()).toBe('良好');
    await quality2.hover();
    await agent2.getByTestId('call-card').screenshot({ path: join(ARTIFACTS, 'phone-call-quality-zh.png') });

    await hangUp(agent1, agent2);
    // No call, no indicator (and no polling behind it).
    expect(await agent1.getByTestId('call-quality').count()).toBe(0);

    // A video call: agent1 answers with the chosen camera, asked for by its id; agent2 chose none, so any camera.
    await agent2.getByTestId('phone-dial-input').fill('agent1');
    await agent2.getByTestId('phone-dial-video').click();
    await expect.poll(() => callPhase(agent1), { timeout: 15_000 }).toBe('ringing');
    await agent1.getByTestId('call-answer-video').click();
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('connected');
    const fakeCamera = await deviceIdOf(agent1, 'fake_device_0');
    expect(fakeCamera).not.toBe('');
    await expect.poll(async () => (await cameraAsks(agent1)).at(-1)).toEqual({ asked: fakeCamera, label: 'fake_device_0' });
    expect((await cameraAsks(agent2)).at(-1)).toEqual({ asked: '', label: 'fake_device_0' });
    await hangUp(agent1, agent2);

    await openSettings(agent2);
    expect(await optionTexts(agent2, 'ringer')).toEqual(['系统默认', 'Fake Audio Output 1', 'Fake Audio Output 2']);
    await agent2.getByTestId('phone-devices').screenshot({ path: join(ARTIFACTS, 'phone-devices-settings-zh.png') });
    await agent2.getByTestId('language-en').click();
  });

  it('a chosen headset that is no longer connected falls back to the default devices, and the agent is told', async () => {
    // As if the headset chosen yesterday were unplugged today: the stored choice names a device Chromium does not list.
    const settings = (await cachedMeta(agent1, 'phone.settings')) as { devices: Record<string, unknown> } | null;
    if (!settings) throw new Error('no phone settings in the cache');
    await replaceCachedMeta(agent1, 'phone.settings', {
      ...settings,
      devices: {
        ...settings.devices,
        microphone: { deviceId: 'gone-headset-mic', label: 'Jabra Evolve 40 Mono' },
        speaker: { deviceId: 'gone-headset', label: 'Jabra Evolve 40' },
        camera: { deviceId: 'gone-camera', label: 'Logitech C920' },
      },
    });
    await agent1.reload();
    await expect.poll(() => phoneState(agent1), { timeout: 20_000 }).toBe('registered');
    await openSettings(agent1);
    await expect
      .poll(() => agent1.getByTestId('phone-device-missing-speaker').textContent())
      .toBe('The chosen speaker “Jabra Evolve 40” is not connected; call audio plays on the system default.');
    expect(await selectedText(agent1, 'speaker')).toBe('Jabra Evolve 40 (not connected)');
    expect(await selectedText(agent1, 'microphone')).toBe('Jabra Evolve 40 Mono (not connected)');
    expect(await selectedText(agent1, 'ringer')).toBe('Fake Audio Output 2');
    await expect
      .poll(() => agent1.getByTestId('phone-device-missing-camera').textContent())
      .toBe('The chosen camera “Logitech C920” is not connected; video calls use the system default.');
    expect(await selectedText(agent1, 'camera')).toBe('Logitech C920 (not connected)');
    await agent1.getByTestId('phone-devices').screenshot({ path: join(ARTIFACTS, 'phone-devices-missing.png') });

    await connectCall(agent1, agent2);
    // The call still connects, on the default microphone and speaker.
    expect((await micLabels(agent1)).at(-1)).toBe('Fake Default Audio Input');
    expect(await remoteSink(agent1)).toBe('');
    await expect
      .poll(() => agent1.getByTestId('call-device-missing-microphone').textContent())
      .toBe('The chosen microphone “Jabra Evolve 40 Mono” is not connected; the system default is used.');
    await expect
      .poll(() => agent1.getByTestId('call-device-missing-speaker').textContent())
      .toBe('The chosen speaker “Jabra Evolve 40” is not connected; call audio plays on the system default.');
    await hangUp(agent1, agent2);

    // A video call with the chosen camera gone: the default camera, not a failed call.
    const asksBefore = (await cameraAsks(agent1)).length;
    await agent2.getByTestId('phone-dial-input').fill('agent1');
    await agent2.getByTestId('phone-dial-video').click();
    await expect.poll(() => callPhase(agent1), { timeout: 15_000 }).toBe('ringing');
    await agent1.getByTestId('call-answer-video').click();
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('connected');
    await expect.poll(async () => (await cameraAsks(agent1)).slice(asksBefore)).toEqual([{ asked: '', label: 'fake_device_0' }]);
    await hangUp(agent1, agent2);
  });
});

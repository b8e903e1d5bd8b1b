import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPhase } from './hub-client';
import { expectPicturesArriving, framesDecoded } from './peer-stats';
import { ARTIFACTS, startVoiceStage, trackPeerConnections, type VoiceStage } from './voice-stage';

/**
 * A video call between two agent desktops in Chromium through a real
 * Kamailio and hub: agent2 (in Chinese) video-calls agent1 (in English),
 * agent1 answers with video; then camera off and on, and a screen shared in
 * place of the camera. Chromium's fake camera (a moving test pattern) and
 * fake screen make both real WebRTC video endpoints, so pictures arriving
 * are read from RTCStats (frames decoded).
 */

let stage: VoiceStage;
let agent1: Page;
let agent2: Page;

/** Signs in, points the phone at the test's Kamailio through the phone settings (labelled in the desk's language) and waits for it to register. */
const desk = (username: string, locale: 'en-US' | 'zh-CN') => stage.desk(username, { locale, initScript: trackPeerConnections });

/** The remote <video> element: shown, with a picture of some size. */
const remoteVideo = (page: Page) =>
  page.getByTestId('call-remote-video').evaluate((video: HTMLVideoElement) => ({
    hidden: video.hidden,
    width: video.videoWidth,
    playing: !video.paused && video.readyState >= 2,
  }));

/** What the page sends as video: the sender's track label and surface (a screen says 'monitor', a camera nothing). */
const outgoingVideo = (page: Page) =>
  page.evaluate(() => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    for (const pc of all) {
      if (pc.connectionState === 'closed') continue;
      const track = pc.getSenders().find((sender) => sender.track?.kind === 'video')?.track;
      if (track) {
        const settings = track.getSettings() as MediaTrackSettings & { displaySurface?: string };
        return { label: track.label, surface: settings.displaySurface ?? null, live: track.readyState === 'live' };
      }
    }
    return null;
  });

/** The id of the microphone track the page sends. */
const outgoingAudioId = (page: Page) =>
  page.evaluate(() => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const live = all.filter((pc) => pc.connectionState !== 'closed');
    return live.flatMap((pc) => pc.getSenders()).find((sender) => sender.track?.kind === 'audio')?.track?.id ?? null;
  });

const video = (page: Page, key: 'camera' | 'sharing') => page.getByTestId(key === 'camera' ? 'call-camera' : 'call-share').getAttribute('aria-pressed');

beforeAll(async () => {
  stage = await startVoiceStage({
    name: 'video',
    // The fake UI also answers getDisplayMedia without a picker: a fake screen ("screen:…", displaySurface 'monitor').
    browserArgs: ['--autoplay-policy=no-user-gesture-required'],
  });
});

afterAll(async () => {
  await stage?.stop();
});

describe('video call between two desktops', () => {
  it('two desktops sign in (English and Chinese) and register their phones', async () => {
    agent1 = await desk('agent1', 'en-US');
    agent2 = await desk('agent2', 'zh-CN');
  });

  it('agent2 video-calls agent1: it rings as a video call, agent1 answers with video, both see the other', async () => {
    await agent2.getByTestId('phone-dial-input').fill('agent1');
    await agent2.getByTestId('phone-dial-video').click();
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('ringing');
    expect(await agent1.getByTestId('call-card').getAttribute('data-video')).toBe('true');
    expect(await agent1.getByTestId('call-card').getAttribute('aria-label')).toBe('Incoming video call');
    await agent1.getByTestId('call-answer-video').waitFor();
    expect(await agent1.getByTestId('call-answer').textContent()).toBe('Audio only');
    await agent1.screenshot({ path: join(ARTIFACTS, 'video-call-ringing.png') });
    await agent1.getByTestId('call-answer-video').click();

    for (const page of [agent1, agent2]) await expect.poll(() => callPhase(page), { timeout: 20_000 }).toBe('connected');
    await expectPicturesArriving(agent1, 'agent1');
    await expectPicturesArriving(agent2, 'agent2');
    for (const page of [agent1, agent2]) {
      await expect.poll(() => remoteVideo(page), { timeout: 15_000 }).toMatchObject({ hidden: false, playing: true });
      expect((await remoteVideo(page)).width).toBeGreaterThan(0);
      expect(await video(page, 'camera')).toBe('true');
      expect(await page.getByTestId('call-local-video').evaluate((element: HTMLVideoElement) => !element.hidden && element.videoWidth > 0)).toBe(true);
    }
    expect(await agent1.getByTestId('call-local-video').getAttribute('class')).toContain('is-mirrored');
    await agent1.screenshot({ path: join(ARTIFACTS, 'video-call-en.png') });
    await agent2.screenshot({ path: join(ARTIFACTS, 'video-call-zh.png') });
  });

  it('agent1 turns the camera off: agent2’s picture of agent1 stops and hides; on again, it comes back', async () => {
    await agent1.getByTestId('call-camera').click();
    await expect.poll(() => video(agent1, 'camera')).toBe('false');
    await expect.poll(() => remoteVideo(agent2), { timeout: 15_000 }).toMatchObject({ hidden: true });
    expect(await agent2.getByTestId('call-remote-video-off').isVisible()).toBe(true);
    const stopped = await framesDecoded(agent2);
    // agent1 still sees agent2: only one direction stopped.
    await expectPicturesArriving(agent1, 'agent1 with its camera off');
    expect(await framesDecoded(agent2)).toBe(stopped);
    expect(await agent1.getByTestId('call-local-video').isHidden()).toBe(true);
    expect(await agent1.getByTestId('call-share').count()).toBe(0);
    await agent2.screenshot({ path: join(ARTIFACTS, 'video-call-remote-camera-off-zh.png') });

    await agent1.getByTestId('call-camera').click();
    await expect.poll(() => video(agent1, 'camera')).toBe('true');
    await expectPicturesArriving(agent2, 'agent2 after agent1’s camera is back');
    await expect.poll(() => remoteVideo(agent2), { timeout: 15_000 }).toMatchObject({ hidden: false, playing: true });
  });

  it('agent1 shares a screen in place of the camera; agent2 still decodes frames; the browser’s stop ends it back on the camera', async () => {
    const camera = await outgoingVideo(agent1);
    expect(camera?.surface).toBeNull();
    await agent1.getByTestId('call-share').click();
    await expect.poll(() => video(agent1, 'sharing')).toBe('true');
    const screen = await outgoingVideo(agent1);
    expect(screen).toMatchObject({ surface: 'monitor', live: true });
    expect(screen?.label).not.toBe(camera?.label);
    expect(await agent1.getByTestId('call-local-video').getAttribute('class')).not.toContain('is-mirrored');
    await expectPicturesArriving(agent2, 'agent2 while agent1 shares');
    await agent1.screenshot({ path: join(ARTIFACTS, 'video-call-sharing-en.png') });

    // What the browser's own "Stop sharing" does: the screen track ends.
    await agent1.evaluate(() => {
      const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
      for (const pc of all) {
        const track = pc.getSenders().find((sender) => sender.track?.kind === 'video')?.track;
        if (track && pc.connectionState !== 'closed') {
          track.stop();
          track.dispatchEvent(new Event('ended'));
        }
      }
    });
    await expect.poll(() => video(agent1, 'sharing')).toBe('false');
    await expect.poll(() => outgoingVideo(agent1)).toMatchObject({ label: camera?.label, surface: null, live: true });
    await expectPicturesArriving(agent2, 'agent2 back on agent1’s camera');
  });

  it('hangs up: both cards go and the camera is let go', async () => {
    await hangUp();
    expect(await outgoingVideo(agent1)).toBeNull();
  });
});

async function hangUp(): Promise<void> {
  await agent1.getByTestId('call-hang-up').click();
  for (const page of [agent1, agent2]) await expect.poll(() => page.getByTestId('call-card').count(), { timeout: 15_000 }).toBe(0);
}

/** agent1 turns the camera on during a call that sends no pictures yet: a re-INVITE adds them, and agent2 sees agent1. */
async function cameraOnByReinvite(): Promise<void> {
  expect(await video(agent1, 'camera')).toBe('false');
  const microphone = await outgoingAudioId(agent1);
  await agent1.getByTestId('call-camera').click();
  await expect.poll(() => video(agent1, 'camera'), { timeout: 15_000 }).toBe('true');
  // The same microphone track goes on: a recording (or mute) of the call is not disturbed by the camera.
  expect(await outgoingAudioId(agent1)).toBe(microphone);
  await expect.poll(() => remoteVideo(agent2), { timeout: 15_000 }).toMatchObject({ hidden: false, playing: true });
  await expectPicturesArriving(agent2, 'agent2 after the re-INVITE');
  expect(await callPhase(agent2)).toBe('connected');
}

describe('answering without the camera, and adding video later', () => {
  it('agent1 answers a video call with audio only: agent1 sees agent2, agent2 sees no picture of agent1', async () => {
    await agent2.getByTestId('phone-dial-input').fill('agent1');
    await agent2.getByTestId('phone-dial-video').click();
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('ringing');
    await agent1.getByTestId('call-answer').click();
    for (const page of [agent1, agent2]) await expect.poll(() => callPhase(page), { timeout: 20_000 }).toBe('connected');
    await expectPicturesArriving(agent1, 'agent1 answered with audio only');
    await expect.poll(() => remoteVideo(agent1), { timeout: 15_000 }).toMatchObject({ hidden: false, playing: true });
    expect(await agent1.getByTestId('call-local-video').isHidden()).toBe(true);
    expect(await framesDecoded(agent2)).toBe(0);
    expect(await agent2.getByTestId('call-remote-video-off').isVisible()).toBe(true);
  });

  it('then turns the camera on: a re-INVITE starts sending it', async () => {
    await cameraOnByReinvite();
    await hangUp();
  });

  it('a voice call becomes a video call when agent1 turns the camera on', async () => {
    await agent2.getByTestId('phone-dial-input').fill('agent1');
    await agent2.getByTestId('phone-dial').click();
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('ringing');
    expect(await agent1.getByTestId('call-card').getAttribute('data-video')).toBe('false');
    expect(await agent1.getByTestId('call-answer-video').count()).toBe(0);
    await agent1.getByTestId('call-answer').click();
    for (const page of [agent1, agent2]) await expect.poll(() => callPhase(page), { timeout: 20_000 }).toBe('connected');
    expect(await agent1.getByTestId('call-video').isHidden()).toBe(true);
    await cameraOnByReinvite();
    // Mute silences the voice only: the picture goes on.
    await agent1.getByTestId('call-mute').click();
    await expect.poll(() => agent1.getByTestId('call-mute').getAttribute('aria-pressed')).toBe('true');
    await expectPicturesArriving(agent2, 'agent2 while agent1 is muted');
    await agent2.screenshot({ path: join(ARTIFACTS, 'video-call-upgraded-zh.png') });
    await hangUp();
  });
});

describe('a camera that cannot be opened', () => {
  it('answering with video still answers, with voice only, and the camera button stays off', async () => {
    // What Chromium answers when the camera is blocked for the site while the microphone is allowed.
    await agent1.evaluate(() => {
      const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = (constraints) =>
        constraints?.video ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) : open(constraints);
    });
    await agent2.getByTestId('phone-dial-input').fill('agent1');
    await agent2.getByTestId('phone-dial-video').click();
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('ringing');
    await agent1.getByTestId('call-answer-video').click();
    for (const page of [agent1, agent2]) await expect.poll(() => callPhase(page), { timeout: 20_000 }).toBe('connected');
    await expectPicturesArriving(agent1, 'agent1 without a camera');
    expect(await video(agent1, 'camera')).toBe('false');
    expect(await outgoingVideo(agent1)).toBeNull();
    // Asking again changes nothing: the call goes on as it was.
    await agent1.getByTestId('call-camera').click();
    await expectPicturesArriving(agent1, 'agent1 after asking for the camera again');
    expect(await callPhase(agent1)).toBe('connected');
    expect(await video(agent1, 'camera')).toBe('false');
    expect(await framesDecoded(agent2)).toBe(0);
    await hangUp();
  });
});

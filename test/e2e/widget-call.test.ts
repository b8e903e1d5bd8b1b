import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPhase, deskSocket, type HubSocket } from './hub-client';
import { launchChromium } from './harness';
import { expectPicturesArriving } from './peer-stats';
import { ARTIFACTS, startVoiceStage, trackPeerConnections, type VoiceStage } from './voice-stage';

/**
 * "Call us" from the web chat widget: a shop visitor in Chromium (fake
 * camera and microphone) chats on the demo page, presses "Video call", and
 * the call goes through a real Kamailio with authentication on (the hub's
 * visitor credentials) into the chat's queue. agent1's desktop rings with
 * the chat's customer popped, answers with video, and both sides see the
 * other; hung up and wrapped up, the call is on that customer's timeline.
 */

let stage: VoiceStage;
let denying: Browser;
const contexts: BrowserContext[] = [];
let agent: Page;
let visitor: Page;
let desk: HubSocket;

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[data-switchboard-widget="demo"]');

function frameOf(page: Page): Frame {
  const frame = page.frames().find((each) => each.url().includes('/widget/frame.html'));
  if (!frame) throw new Error('the widget frame is not on the page');
  return frame;
}

const playing = (video: HTMLVideoElement) => ({ hidden: video.hidden, width: video.videoWidth, playing: !video.paused && video.readyState >= 2 });

/** Opens the demo shop's widget and starts a chat (name only). */
async function visitorWithChat(target: Browser, locale: string, name: string): Promise<Page> {
  const context = await target.newContext({ viewport: { width: 1280, height: 800 }, locale });
  contexts.push(context);
  await context.addInitScript(trackPeerConnections);
  const page = await context.newPage();
  await page.goto(`${stage.hub.url}/widget-demo.html`);
  await page.locator('[data-switchboard-launcher="demo"]').click();
  const chat = widget(page);
  await chat.getByTestId('widget-form-name').fill(name);
  await chat.getByTestId('widget-form-start').click();
  await chat.getByTestId('widget-conversation').waitFor();
  await chat.getByTestId('widget-call-video').waitFor();
  return page;
}

const callStatus = (page: Page) => widget(page).getByTestId('widget-call').getAttribute('data-phase');

beforeAll(async () => {
  stage = await startVoiceStage({ name: 'widget-call', browserArgs: ['--autoplay-policy=no-user-gesture-required'] });
  // A visitor who says no to the browser's microphone prompt.
  denying = await launchChromium(['--use-fake-device-for-media-stream', '--deny-permission-prompts']);
});

afterAll(async () => {
  desk?.disconnect();
  for (const context of contexts) await context.close();
  await denying?.close();
  await stage?.stop();
});

describe('a video call from the chat widget into the queue', () => {
  it('agent1 signs in, registers the phone and is available', async () => {
    agent = await stage.desk('agent1', { initScript: trackPeerConnections });
    // agent1 takes every chat offered (as they would, chatting with the visitors), so no missed chat offer sets them away.
    desk = await deskSocket(stage.hub.url, 'agent1');
    desk.on('task:offer', (offer) => {
      if (offer.task.channel === 'chat') void desk.emitWithAck('task:accept', { taskId: offer.task.id });
    });
    await agent.getByTestId('agent-state-select').selectOption('available');
    await expect.poll(() => agent.getByTestId('agent-state').getAttribute('data-status')).toBe('available');
  });

  it('a visitor who refuses the microphone is told so, and no call is placed', async () => {
    const page = await visitorWithChat(denying, 'en-US', 'Nora No-Mic');
    await widget(page).getByTestId('widget-call-voice').click();
    await expect.poll(() => callStatus(page), { timeout: 10_000 }).toBe('ended');
    expect(await widget(page).getByTestId('widget-call-status').textContent()).toMatch(/did not allow the microphone/);
    expect(await agent.getByTestId('call-card').count()).toBe(0);
    // The buttons are back: the visitor can allow the microphone and try again.
    expect(await widget(page).getByTestId('widget-call-voice').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'widget-call-mic-denied-en.png') });
  });

  it('the visitor presses "Video call": agent1 rings with the chat’s customer, answers with video, and each sees the other', async () => {
    visitor = await visitorWithChat(stage.browser, 'en-US', 'Vera Visitor');
    await widget(visitor).getByTestId('widget-call-video').click();
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('ringing');
    expect(await callStatus(visitor)).toMatch(/^(calling|ringing)$/);
    // The chat's customer (a provisional web visitor), not a phone number nobody has.
    await expect.poll(() => agent.getByTestId('call-card').getByTestId('phone-pop-open').textContent(), { timeout: 10_000 }).toContain('Vera Visitor');
    await expect.poll(() => agent.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toContain('Vera Visitor');
    // Provisional, so the pop offers to save them as new or link them, as for an unknown number.
    await expect.poll(() => agent.getByTestId('phone-pop').getAttribute('data-pop'), { timeout: 10_000 }).toBe('provisional');
    expect(await agent.getByTestId('phone-pop-save-new').isVisible()).toBe(true);
    expect(await agent.getByTestId('phone-pop-link').isVisible()).toBe(true);
    await agent.screenshot({ path: join(ARTIFACTS, 'widget-call-agent-ringing.png') });
    await agent.getByTestId('call-answer-video').click();

    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => callStatus(visitor), { timeout: 20_000 }).toBe('connected');
    await expectPicturesArriving(agent, 'agent1');
    await expectPicturesArriving(frameOf(visitor), 'the visitor');
    await expect.poll(() => agent.getByTestId('call-remote-video').evaluate(playing), { timeout: 15_000 }).toMatchObject({ hidden: false, playing: true });
    await expect.poll(() => widget(visitor).getByTestId('widget-call-remote-video').evaluate(playing), { timeout: 15_000 }).toMatchObject({ hidden: false, playing: true });
    expect((await widget(visitor).getByTestId('widget-call-remote-video').evaluate(playing)).width).toBeGreaterThan(0);
    expect(await widget(visitor).getByTestId('widget-call-local-video').evaluate(playing)).toMatchObject({ hidden: false, playing: true });
    await visitor.screenshot({ path: join(ARTIFACTS, 'widget-call-en.png') });
    await agent.screenshot({ path: join(ARTIFACTS, 'widget-call-agent.png') });
  });

  it('the visitor mutes and turns the camera off and on; the buttons say so', async () => {
    const chat = widget(visitor);
    await chat.getByTestId('widget-call-mute').click();
    expect(await chat.getByTestId('widget-call-mute').getAttribute('aria-pressed')).toBe('true');
    await chat.getByTestId('widget-call-camera').click();
    expect(await chat.getByTestId('widget-call-camera').getAttribute('aria-pressed')).toBe('false');
    expect(await chat.getByTestId('widget-call-local-video').isHidden()).toBe(true);
    await chat.getByTestId('widget-call-camera').click();
    await chat.getByTestId('widget-call-mute').click();
    expect(await chat.getByTestId('widget-call-camera').getAttribute('aria-pressed')).toBe('true');
    expect(await chat.getByTestId('widget-call-mute').getAttribute('aria-pressed')).toBe('false');
  });

  it('a second visitor (in Chinese) calls while agent1 talks: they wait in the queue, hearing it ring', async () => {
    const second = await visitorWithChat(stage.browser, 'zh-CN', '王芳');
    expect(await widget(second).getByTestId('widget-call-video').textContent()).toBe('视频通话');
    await widget(second).getByTestId('widget-call-video').click();
    await expect.poll(() => callStatus(second), { timeout: 20_000 }).toBe('ringing');
    expect(await widget(second).getByTestId('widget-call-status').textContent()).toContain('振铃');
    await second.screenshot({ path: join(ARTIFACTS, 'widget-call-zh.png') });
    await widget(second).getByTestId('widget-call-hang-up').click();
    await expect.poll(() => callStatus(second)).toBe('ended');
    expect(await widget(second).getByTestId('widget-call-status').textContent()).toBe('通话已结束。');
  });

  it('the visitor hangs up; agent1 wraps up and the call is on the customer’s timeline', async () => {
    await widget(visitor).getByTestId('widget-call-hang-up').click();
    await expect.poll(() => callStatus(visitor)).toBe('ended');
    await expect.poll(() => agent.getByTestId('call-card').count(), { timeout: 15_000 }).toBe(0);

    // A video call from the widget is a video task (the queue's video channel, the agent's video capacity).
    const task = agent.getByTestId('inbox-task').and(agent.locator('[data-channel="video"]'));
    await expect.poll(() => task.getAttribute('data-status'), { timeout: 10_000 }).toBe('wrap-up');
    await task.click();
    await agent.getByTestId('wrapup-form').waitFor();
    const dispositions = await agent.getByTestId('wrapup-disposition').locator('option').allTextContents();
    await agent.getByTestId('wrapup-disposition').selectOption({ label: dispositions.find((label) => /resolved/i.test(label)) ?? '' });
    await agent.getByTestId('wrapup-note').fill('Showed the visitor the tea set on video');
    await agent.getByTestId('wrapup-submit').click();
    await expect.poll(() => task.count()).toBe(0);

    expect(await agent.getByTestId('customer-name').textContent()).toContain('Vera Visitor');
    const calls = agent.getByTestId('timeline-item').and(agent.locator('[data-channel="call"]'));
    await expect.poll(() => calls.count(), { timeout: 10_000 }).toBe(1);
    expect(await calls.first().textContent()).toMatch(/resolved/i);
    await agent.screenshot({ path: join(ARTIFACTS, 'widget-call-timeline.png') });
  });
});

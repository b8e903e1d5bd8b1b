import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

/**
 * Issue 3's web chat, end to end: a visitor on the demo shop page and agent1
 * at the desktop, both in Chromium against one real hub. The visitor writes,
 * the offer rings, the agent accepts, answers with a canned reply, loses the
 * network for a moment (the chat pauses and the typed line waits), and wraps
 * up with a disposition; the transcript is then on the customer's timeline.
 */
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const XSS = '<img src=x onerror=window.__xss=1>';

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let visitor: Page;
let agent: Page;

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[data-switchboard-widget="demo"]');
const agentLines = (from: string) => agent.locator(`[data-testid="chat-line"][data-from="${from}"] .chat-line-text`).allTextContents();
const visitorLines = (from: string) => widget(visitor).locator(`[data-testid="widget-line"][data-from="${from}"][data-seq] [data-testid="widget-line-text"]`).allTextContents();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-chat');
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { SEED_CUSTOMERS: '100', SEED_HEAVY_INTERACTIONS: '100', LOG_LEVEL: 'warn' } });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('web chat: a visitor and an agent', () => {
  it('rings the agent with the visitor’s chat; the agent accepts and sees it beside the timeline', async () => {
    const signedIn = await signIn(browser, hub.url, 'agent1');
    contexts.push(signedIn.context);
    agent = signedIn.page;
    await agent.getByTestId('agent-state-select').selectOption('available');
    await expect.poll(() => agent.getByTestId('agent-state').getAttribute('data-status')).toBe('available');

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    contexts.push(context);
    visitor = await context.newPage();
    await visitor.goto(`${hub.url}/widget-demo.html`);
    await visitor.locator('[data-switchboard-launcher="demo"]').click();
    const chat = widget(visitor);
    await chat.getByTestId('widget-form-name').fill('Zhou Lan');
    await chat.getByTestId('widget-form-email').fill('zhou.lan@example.com');
    await chat.getByTestId('widget-form-start').click();
    await chat.getByTestId('widget-conversation').waitFor();
    await chat.getByTestId('widget-composer').fill(XSS);
    await chat.getByTestId('widget-send').click();
    await chat.getByTestId('widget-composer').fill('Do you ship Longjing to Shenzhen?');
    await chat.getByTestId('widget-send').click();

    const toast = agent.getByTestId('offer-toast').filter({ hasText: 'Zhou Lan' });
    await toast.waitFor({ timeout: 15_000 });
    await agent.keyboard.press('Alt+A');
    await agent.getByTestId('chat-panel').waitFor({ timeout: 15_000 });
    await expect.poll(() => agentLines('visitor'), { timeout: 15_000 }).toEqual([XSS, 'Do you ship Longjing to Shenzhen?']);
    // Hostile HTML is text on the desktop too.
    expect(await agent.locator('[data-testid="chat-lines"] img:not(.chat-image)').count()).toBe(0);
    expect(await agent.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    // The customer's timeline is beside the conversation (a new, provisional customer).
    await expect.poll(() => agent.getByTestId('customer-number').textContent()).toMatch(/W\d{7}/);
    await expect.poll(() => chat.locator('[data-testid="widget-line"][data-from="system"]').allTextContents()).toContainEqual(expect.stringContaining('joined'));
  });

  it('answers with a canned reply; the visitor sees it and the typing and read marks move', async () => {
    const input = agent.getByTestId('chat-input');
    await input.fill('/hel');
    await agent.getByTestId('canned-suggestions').waitFor();
    await agent.screenshot({ path: join(ARTIFACTS, 'chat-agent-canned.png') });
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toContain('Blue Harbour Tea');
    await input.press('Enter');
    await expect.poll(() => visitorLines('agent'), { timeout: 15_000 }).toContainEqual(expect.stringContaining('Blue Harbour Tea'));
    // The visitor's frame is visible, so the agent's line shows as read at the desktop.
    await expect.poll(() => agent.locator('[data-testid="chat-line"][data-from="agent"] [data-testid="chat-mark"]').last().getAttribute('data-mark'), { timeout: 15_000 }).toBe('read');

    await widget(visitor).getByTestId('widget-composer').pressSequentially('Thanks', { delay: 30 });
    await agent.getByTestId('chat-typing').waitFor({ timeout: 10_000 });
    await widget(visitor).getByTestId('widget-send').click();
    await expect.poll(() => agentLines('visitor')).toContainEqual(expect.stringContaining('Thanks'));
    await agent.screenshot({ path: join(ARTIFACTS, 'chat-agent-view.png') });
    await visitor.screenshot({ path: join(ARTIFACTS, 'chat-visitor-widget.png') });
  });

  it('holds a second chat at once: each keeps its own conversation, and a new line shows as unread', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    contexts.push(context);
    const second = await context.newPage();
    await second.goto(`${hub.url}/widget-demo.html`);
    await second.locator('[data-switchboard-launcher="demo"]').click();
    const chat = widget(second);
    await chat.getByTestId('widget-form-name').fill('钱伟');
    await chat.getByTestId('widget-form-start').click();
    await chat.getByTestId('widget-composer').fill('请问有没有礼盒装？');
    await chat.getByTestId('widget-send').click();

    await agent.getByTestId('offer-toast').filter({ hasText: '钱伟' }).waitFor({ timeout: 15_000 });
    await agent.keyboard.press('Alt+A');
    await expect.poll(() => agent.locator('[data-testid="inbox-task"][data-channel="chat"][data-status="assigned"]').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => agent.getByTestId('chat-visitor').textContent()).toBe('钱伟');
    await expect.poll(() => agentLines('visitor')).toEqual(['请问有没有礼盒装？']);

    // Zhou Lan writes while the agent looks at the other chat: her row says so.
    const zhou = agent.getByTestId('inbox-task').filter({ hasText: 'Zhou Lan' });
    await widget(visitor).getByTestId('widget-composer').fill('Also, is there a gift box?');
    await widget(visitor).getByTestId('widget-send').click();
    await zhou.getByTestId('chat-unread').waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: join(ARTIFACTS, 'chat-agent-two-chats.png') });
    await zhou.click();
    await expect.poll(() => agent.getByTestId('chat-visitor').textContent()).toBe('Zhou Lan');
    await expect.poll(() => agentLines('visitor')).toContainEqual('Also, is there a gift box?');
    await expect.poll(() => zhou.getByTestId('chat-unread').count()).toBe(0);
  });

  it('pauses the chat while the agent is offline, keeps the typed line, and sends it on reconnect', async () => {
    const agentContext = agent.context();
    await agentContext.setOffline(true);
    await agent.getByTestId('chat-paused').waitFor({ timeout: 30_000 });
    await agent.getByTestId('chat-input').fill('Yes — two days by express.');
    await agent.getByTestId('chat-input').press('Enter');
    await agent.getByTestId('chat-pending').waitFor();
    await agent.screenshot({ path: join(ARTIFACTS, 'chat-agent-paused.png') });
    expect(await visitorLines('agent')).not.toContainEqual(expect.stringContaining('two days'));
    await agentContext.setOffline(false);
    await expect.poll(() => visitorLines('agent'), { timeout: 60_000 }).toContainEqual('Yes — two days by express.');
    await expect.poll(() => agent.getByTestId('chat-pending').count()).toBe(0);
  });

  it('wraps up with a disposition; the visitor is told, and the transcript is on the customer timeline', async () => {
    await agent.getByTestId('chat-end').click();
    const form = agent.getByTestId('wrapup-form');
    await form.waitFor();
    const dispositions = await agent.getByTestId('wrapup-disposition').locator('option').allTextContents();
    const resolved = dispositions.find((label) => /resolved/i.test(label));
    await agent.getByTestId('wrapup-disposition').selectOption({ label: resolved ?? '' });
    await agent.getByTestId('wrapup-submit').click();
    await widget(visitor).getByTestId('widget-ended').waitFor({ timeout: 15_000 });
    expect(await widget(visitor).getByTestId('widget-ended').getAttribute('data-reason')).toBe('agent-ended');

    const transcript = agent.locator('[data-testid="timeline-item"][data-channel="chat"]');
    await transcript.first().waitFor({ timeout: 15_000 });
    await transcript.first().click();
    await expect.poll(() => transcript.first().textContent()).toContain('two days by express');
    await agent.screenshot({ path: join(ARTIFACTS, 'chat-transcript-on-timeline.png') });
  });
});

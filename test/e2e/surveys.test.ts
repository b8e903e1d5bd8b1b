import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain/customer';
import type { Queue } from '../../shared/domain/routing';
import type { TaskOffer } from '../../shared/protocol/routing';
import { openCustomer, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';
import { customerWithPhone, data, deskSocket, type HubSocket } from './hub-client';

/**
 * Satisfaction surveys in Chromium against a real hub: the admin turns them
 * on in the Surveys tab; an SMS task finished by another agent texts the
 * customer a link (a stand-in SMS provider catches it); the customer opens it
 * and gives 4 stars with a comment, in Chinese and in English; agent1 sees
 * the answers on the customer's timeline. Then a chat: when agent1 ends it,
 * the visitor's widget asks for a rating, and that answer lands on the
 * timeline too.
 */
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let provider: Server;
const texts: URLSearchParams[] = [];
let agent: Page;
let customer: Customer;
let general: Queue;
let visitor: Page;

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[data-switchboard-widget="demo"]');

const linkIn = (text: URLSearchParams | undefined): string => {
  const match = /(https?:\/\/\S+\/survey\/[A-Za-z0-9_-]{22})\?lang=/.exec(text?.get('Body') ?? '');
  if (!match?.[1]) throw new Error(`no survey link in ${text?.get('Body')}`);
  return match[1];
};

const surveyLines = () => agent.locator('[data-testid="timeline-item"][data-channel="survey"]');

/** An SMS task for the customer, taken and finished by agent4 (a plain socket desk): the hub texts the survey link. */
async function finishSmsTask(agent4: HubSocket, supervisor: HubSocket, subject: string): Promise<void> {
  const offered = new Promise<TaskOffer>((resolve) => agent4.once('task:offer', resolve));
  data(await supervisor.emitWithAck('task:create', { channel: 'sms', queueId: general.id, customerId: customer.id, priority: 50, subject }));
  const { task } = await offered;
  data(await agent4.emitWithAck('task:accept', { taskId: task.id }));
  data(await agent4.emitWithAck('task:complete', { taskId: task.id }));
  const disposition = general.dispositions[0];
  data(await agent4.emitWithAck('task:wrapup', { taskId: task.id, note: 'answered', ...(disposition ? { disposition } : {}) }));
}

/** The customer opens the link, picks four stars, writes a comment and sends. */
async function answerOnPage(link: string, locale: 'en-US' | 'zh-CN', comment: string, shot: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 480, height: 820 }, locale });
  contexts.push(context);
  const page = await context.newPage();
  const response = await page.goto(`${link}?lang=${locale === 'zh-CN' ? 'zh-CN' : 'en'}`);
  expect(response?.status()).toBe(200);
  await page.locator('label[for="csat-4"]').click();
  await page.locator('#comment').fill(comment);
  await page.screenshot({ path: join(ARTIFACTS, `${shot}.png`), fullPage: true });
  await page.getByRole('button', { name: locale === 'zh-CN' ? '提交' : 'Send' }).click();
  await page.locator('[data-survey-message]').waitFor();
  return page;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  provider = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      texts.push(new URLSearchParams(body));
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${texts.length}`, status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  dataDir = tempDataDir('e2e-surveys');
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { SEED_CUSTOMERS: '60', SEED_HEAVY_INTERACTIONS: '40', LOG_LEVEL: 'warn' } });
  browser = await launchChromium();
  customer = (await customerWithPhone(hub.url)).customer;
  const admin = await deskSocket(hub.url, 'admin');
  try {
    general = data(await admin.emitWithAck('admin:queue:list', {})).find((queue) => queue.name.startsWith('General')) as Queue;
    const sms = data(await admin.emitWithAck('admin:sms:get', {}));
    const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/Messages.json`;
    data(await admin.emitWithAck('admin:sms:set', { providerUrl, account: 'AC-e2e', secret: 'e2e-secret', publicUrl: null, numbers: sms.numbers }));
  } finally {
    admin.disconnect();
  }
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  await new Promise((resolve) => provider?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('satisfaction surveys', () => {
  it('lets the admin turn surveys on in the Surveys tab', async () => {
    const { page, context } = await signIn(browser, hub.url, 'admin');
    contexts.push(context);
    await page.getByTestId('admin-toggle').click();
    await page.getByTestId('admin-tab-surveys').click();
    const form = page.getByTestId('surveys-admin');
    await form.waitFor();
    for (const channel of ['email', 'sms', 'call', 'chat']) await form.getByTestId(`surveys-admin-channel-${channel}`).check();
    await form.getByTestId('surveys-admin-quietDays').fill('0');
    // A template without {link} is refused before it is sent.
    await form.getByTestId('surveys-admin-sms-en').fill('Rate us please');
    await form.getByTestId('admin-save').click();
    await form.getByTestId('surveys-admin-error-smsTemplate').waitFor();
    await form.getByTestId('surveys-admin-sms-en').fill('Thank you for contacting us. How did we do? {link}');
    await form.getByTestId('admin-save').click();
    await expect.poll(() => form.getByTestId('admin-save-status').getAttribute('data-status')).toBe('saved');
    await page.setViewportSize({ width: 1280, height: 1300 });
    await form.evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS, 'surveys-admin-tab.png') });
    await page.getByTestId('language-zh-CN').click();
    await expect.poll(() => page.getByTestId('admin-tab-surveys').textContent()).toBe('满意度调查');
    expect(await form.textContent()).toContain('以下联系结束时发送调查');
    await page.screenshot({ path: join(ARTIFACTS, 'surveys-admin-tab-zh.png') });
    await page.getByTestId('language-en').click();
  });

  it('texts a link when an SMS task is done; the customer answers 4 stars in Chinese and in English; both land on the timeline', async () => {
    const signedIn = await signIn(browser, hub.url, 'agent1');
    contexts.push(signedIn.context);
    agent = signedIn.page;
    await openCustomer(agent, customer.number);

    const agent4 = await deskSocket(hub.url, 'agent4');
    const supervisor = await deskSocket(hub.url, 'supervisor');
    try {
      data(await agent4.emitWithAck('agent:state:set', { status: 'available' }));
      await finishSmsTask(agent4, supervisor, '短信咨询');
      await expect.poll(() => texts.length, { timeout: 15_000 }).toBe(1);
      const zh = await answerOnPage(linkIn(texts[0]), 'zh-CN', '服务很周到，谢谢！', 'survey-page-zh');
      expect(await zh.locator('h1').textContent()).toBe('谢谢！');
      await zh.screenshot({ path: join(ARTIFACTS, 'survey-thanks-zh.png') });
      // The same link again: already answered.
      const again = await zh.goto(`${linkIn(texts[0])}?lang=zh-CN`);
      expect(again?.status()).toBe(409);
      expect(await zh.locator('h1').textContent()).toBe('已评价');

      await finishSmsTask(agent4, supervisor, 'SMS question');
      await expect.poll(() => texts.length, { timeout: 15_000 }).toBe(2);
      const en = await answerOnPage(linkIn(texts[1]), 'en-US', 'Quick and friendly.', 'survey-page-en');
      expect(await en.locator('h1').textContent()).toBe('Thank you!');
      await en.screenshot({ path: join(ARTIFACTS, 'survey-thanks-en.png') });
      data(await agent4.emitWithAck('agent:state:set', { status: 'offline' }));
    } finally {
      agent4.disconnect();
      supervisor.disconnect();
    }

    await expect.poll(() => surveyLines().count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => surveyLines().allTextContents()).toEqual([expect.stringContaining('Quick and friendly.'), expect.stringContaining('服务很周到，谢谢！')]);
    expect(await surveyLines().first().textContent()).toContain('Satisfaction 4/5');
    await surveyLines().first().scrollIntoViewIfNeeded();
    await agent.screenshot({ path: join(ARTIFACTS, 'survey-on-timeline.png') });
  });

  it('asks the chat visitor for a rating when the agent ends the chat; the answer lands on the timeline', async () => {
    await agent.getByTestId('agent-state-select').selectOption('available');
    await expect.poll(() => agent.getByTestId('agent-state').getAttribute('data-status')).toBe('available');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    contexts.push(context);
    visitor = await context.newPage();
    await visitor.goto(`${hub.url}/widget-demo.html`);
    await visitor.locator('[data-switchboard-launcher="demo"]').click();
    const chat = widget(visitor);
    await chat.getByTestId('widget-form-name').fill('周岚');
    await chat.getByTestId('widget-form-email').fill('zhou.lan@example.com');
    await chat.getByTestId('widget-form-start').click();
    await chat.getByTestId('widget-conversation').waitFor();
    await chat.getByTestId('widget-composer').fill('请问龙井可以寄到深圳吗？');
    await chat.getByTestId('widget-send').click();

    await agent.getByTestId('offer-toast').filter({ hasText: '周岚' }).waitFor({ timeout: 15_000 });
    await agent.keyboard.press('Alt+A');
    await agent.getByTestId('chat-panel').waitFor({ timeout: 15_000 });
    await agent.getByTestId('chat-end').click();

    const prompt = chat.getByTestId('widget-survey');
    await prompt.waitFor({ timeout: 15_000 });
    expect(await prompt.textContent()).toContain('您对本次对话满意吗？');
    // Sending with no stars picked says what is missing.
    await chat.getByTestId('widget-survey-send').click();
    expect(await prompt.locator('.form-error').textContent()).toBe('请先选择评分。');
    await chat.getByTestId('widget-survey-star-4').click();
    await chat.getByTestId('widget-survey-comment').fill('回复很快');
    await visitor.screenshot({ path: join(ARTIFACTS, 'survey-widget-prompt.png') });
    await chat.getByTestId('widget-survey-send').click();
    await chat.getByTestId('widget-survey-thanks').waitFor();
    expect(await chat.getByTestId('widget-survey-thanks').textContent()).toBe('感谢您的评价！');
    await visitor.screenshot({ path: join(ARTIFACTS, 'survey-widget-thanks.png') });

    const form = agent.getByTestId('wrapup-form');
    await form.waitFor();
    const dispositions = await agent.getByTestId('wrapup-disposition').locator('option').allTextContents();
    const resolved = dispositions.find((label) => /resolved/i.test(label));
    if (resolved) await agent.getByTestId('wrapup-disposition').selectOption({ label: resolved });
    await agent.getByTestId('wrapup-submit').click();
    const line = agent.locator('[data-testid="timeline-item"][data-channel="survey"]').filter({ hasText: '回复很快' });
    await line.waitFor({ timeout: 15_000 });
    expect(await line.textContent()).toContain('Satisfaction 4/5');
    await agent.screenshot({ path: join(ARTIFACTS, 'survey-chat-on-timeline.png') });
  });

  it('fills the reports’ CSAT column from the answers', async () => {
    const { page, context } = await signIn(browser, hub.url, 'supervisor');
    contexts.push(context);
    await page.getByTestId('supervisor-toggle').click();
    await page.getByTestId('supervisor-tab-reports').click();
    await page.getByTestId('reports-panel').waitFor();
    await page.getByTestId('reports-preset-last7').click();
    await page.getByTestId('reports-group').selectOption('channel');
    await page.getByTestId('reports-run').click();
    await page.getByTestId('report-table').waitFor({ timeout: 20_000 });
    const csatOf = async (label: string) => (await page.getByTestId('report-row').filter({ hasText: label }).locator('td').last().textContent())?.trim();
    await expect.poll(() => csatOf('SMS')).toBe('4.00');
    expect(await csatOf('Chat')).toBe('4.00');
    // Answers exist: the "not collected yet" note is gone.
    expect(await page.getByTestId('reports-csat-note').count()).toBe(0);
    await page.getByTestId('report-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'survey-report-csat.png') });
  });
});

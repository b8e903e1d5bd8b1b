import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMS_PATHS, SMS_SIGNATURE_HEADER } from '../../shared/protocol/sms';
import { webhookSignature } from '../../hub/sms/signature';
import { signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';
import { data, deskSocket, setAvailable } from './hub-client';

/**
 * The SMS channel end to end: a customer's text reaches the hub's webhook,
 * agent1 accepts it in Chromium, watches the composer count a Chinese reply
 * as two UCS-2 parts, sends it, and sees it turn "delivered" when the
 * provider reports so; then the customer texts 退订 and the panel says they
 * opted out. The SMS provider cannot run here: a local HTTP listener in this
 * test stands in for its send API, and the test posts the provider's signed
 * webhooks itself.
 */
const SHOTS = process.env.SMS_SHOTS_DIR ?? join(process.cwd(), 'test-results', 'e2e');
const SECRET = 'e2e-sms-secret';
const OUR_NUMBER = '+8610690000001';
const CUSTOMER = '+8613700001111';
/** 87 Chinese characters: more than one UCS-2 SMS (70), so two parts of 67. */
const REPLY = '您好，您的订单已经发货，预计明天下午送达。如有任何问题，请随时回复本短信或致电我们的客服热线，我们将竭诚为您服务。门店营业时间为每天九点至二十一点。祝您生活愉快，谢谢！再见。';

/** A 1×1 PNG the stand-in provider hosts as an MMS picture. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
let context: BrowserContext;
let agent: Page;
let provider: Server;
const received: URLSearchParams[] = [];
let sid = 0;

async function webhook(path: string, fields: Record<string, string>, query = ''): Promise<number> {
  const url = `${hub.url}${path}${query}`;
  const params = new URLSearchParams(fields);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', [SMS_SIGNATURE_HEADER]: webhookSignature(SECRET, url, params) },
    body: params,
  });
  return response.status;
}
const customerTexts = (text: string) => webhook(SMS_PATHS.inbound, { MessageSid: `SMe2e${++sid}`, From: CUSTOMER, To: OUR_NUMBER, Body: text });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = tempDataDir('e2e-sms');
  provider = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/media/photo.png') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(PHOTO);
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      received.push(new URLSearchParams(body));
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SMsent${received.length}`, status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '50', LOG_LEVEL: 'warn' } });
  const admin = await deskSocket(hub.url, 'admin');
  const settings = data(await admin.emitWithAck('admin:sms:get', {}));
  data(
    await admin.emitWithAck('admin:sms:set', {
      providerUrl: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/Accounts/AC1/Messages.json`,
      account: 'AC1',
      secret: SECRET,
      publicUrl: null,
      numbers: settings.numbers,
    }),
  );
  admin.disconnect();
  browser = await launchChromium();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await hub?.stop();
  await new Promise((resolve) => provider?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SMS: a customer texts, an agent replies in Chinese', () => {
  it('offers the text to the agent, who accepts and sees it beside the customer', async () => {
    const signedIn = await signIn(browser, hub.url, 'agent1', 'zh-CN');
    context = signedIn.context;
    agent = signedIn.page;
    await setAvailable(agent);
    expect(await customerTexts('你好，我的快递到哪里了？')).toBe(200);
    await agent.getByTestId('offer-toast').waitFor({ timeout: 15_000 });
    await agent.keyboard.press('Alt+A');
    await agent.getByTestId('sms-panel').waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.locator('[data-testid="sms-message"][data-direction="inbound"] .chat-line-text').allTextContents(), { timeout: 15_000 }).toEqual([
      '你好，我的快递到哪里了？',
    ]);
    // A new number: a provisional phone customer, whose timeline shows the text.
    await expect.poll(() => agent.getByTestId('customer-number').textContent()).toMatch(/P\d{7}/);
  });

  it('counts the reply live: GSM-7 for Latin text, two UCS-2 parts for 87 Chinese characters', async () => {
    const counter = agent.getByTestId('sms-counter');
    await agent.getByTestId('sms-input').fill('Hello');
    await expect.poll(() => counter.getAttribute('data-encoding')).toBe('GSM-7');
    expect(await counter.getAttribute('data-segments')).toBe('1');
    await agent.getByTestId('sms-input').fill(REPLY);
    await expect.poll(() => counter.getAttribute('data-encoding')).toBe('UCS-2');
    expect(await counter.getAttribute('data-segments')).toBe('2');
    expect(await counter.textContent()).toContain('共 2 条');
    await agent.screenshot({ path: join(SHOTS, 'sms-ucs2-counter.png') });
  });

  it('sends the reply through the provider and turns it delivered when the provider reports so', async () => {
    await agent.getByTestId('sms-input').press('Enter');
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const sent = received[0] as URLSearchParams;
    expect(sent.get('Body')).toBe(REPLY);
    expect(sent.get('To')).toBe(CUSTOMER);
    const status = agent.locator('[data-testid="sms-message"][data-direction="outbound"] [data-testid="sms-status"]');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('queued');
    const callback = sent.get('StatusCallback') ?? '';
    const query = callback.slice(callback.indexOf('?'));
    expect(await webhook(SMS_PATHS.status, { MessageSid: 'SMsent1', MessageStatus: 'sent' }, query)).toBe(200);
    expect(await webhook(SMS_PATHS.status, { MessageSid: 'SMsent1', MessageStatus: 'delivered' }, query)).toBe(200);
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('delivered');
    expect(await status.textContent()).toContain('已送达');
    await agent.screenshot({ path: join(SHOTS, 'sms-delivered.png') });
  });

  it('shows an MMS picture inline, fetched by the hub from the provider', async () => {
    const mediaUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/media/photo.png`;
    expect(await webhook(SMS_PATHS.inbound, { MessageSid: `SMe2e${++sid}`, From: CUSTOMER, To: OUR_NUMBER, Body: '包裹破了', NumMedia: '1', MediaUrl0: mediaUrl })).toBe(200);
    const picture = agent.locator('[data-testid="sms-message"] img.sms-picture');
    await picture.waitFor({ timeout: 15_000 });
    await expect.poll(() => picture.evaluate((image) => (image as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBe(1);
  });

  it('shows the opt-out when the customer texts 退订, and the composer refuses to send', async () => {
    expect(await customerTexts('退订')).toBe(200);
    await agent.getByTestId('sms-opted-out').waitFor({ timeout: 15_000 });
    await agent.getByTestId('sms-opted-out-error').waitFor();
    expect(await agent.getByTestId('sms-send').isDisabled()).toBe(true);
    await agent.screenshot({ path: join(SHOTS, 'sms-opted-out.png') });
    expect(received).toHaveLength(1);
  });

  it('shows the administrator the provider and the number → queue mapping, the secret only as set', async () => {
    const signedIn = await signIn(browser, hub.url, 'admin');
    try {
      const page = signedIn.page;
      await page.getByTestId('admin-toggle').click();
      await page.getByTestId('admin-tab-sms').click();
      const form = page.getByTestId('sms-settings-form');
      await form.waitFor({ timeout: 15_000 });
      expect(await form.getByTestId('sms-number').inputValue()).toBe(OUR_NUMBER);
      expect(await form.getByTestId('sms-provider-url').inputValue()).toContain('/Accounts/AC1/Messages.json');
      expect(await form.getByTestId('sms-secret').inputValue()).toBe('');
      expect(await form.getByTestId('sms-secret').getAttribute('placeholder')).toContain('leave empty');
      await form.getByTestId('sms-number').fill('12345');
      await form.getByTestId('admin-save').click();
      await form.locator('[data-testid="field-error"][data-path="numbers.0.number"]').waitFor();
      await page.screenshot({ path: join(SHOTS, 'sms-admin.png') });
    } finally {
      await signedIn.context.close();
    }
  });
});

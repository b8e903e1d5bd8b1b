import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_ATTACHMENT_MAX_BYTES } from '../../shared/domain/chat';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

/**
 * A shop's visitor uses the chat widget exactly as embedded on a web page:
 * the demo shop page served by the hub, and a shop on another origin that
 * loads /widget.js from the hub. No agent is signed in, so the chat waits in
 * the queue, which is what the visitor should then be told.
 */
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const XSS_IMG = '<img src=x onerror=window.__xss=1>';
const XSS_SCRIPT = '<script>window.__xss=2</script>';
/** A real 1×1 PNG: the hub checks a picture's bytes, not just its name. */
const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  return context.newPage();
}

const launcher = (page: Page) => page.locator('[data-switchboard-launcher="demo"]');
const widget = (page: Page): FrameLocator => page.frameLocator('iframe[data-switchboard-widget="demo"]');

function frameOf(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/widget/frame.html'));
  if (!frame) throw new Error('the widget frame is not on the page');
  return frame;
}

/** Opens the widget and starts a chat through the pre-chat form (the demo widget asks for name and email, both optional). */
async function startChat(page: Page, name: string, email: string): Promise<void> {
  await launcher(page).click();
  const chat = widget(page);
  await chat.getByTestId('widget-form').waitFor();
  await chat.getByTestId('widget-form-name').fill(name);
  await chat.getByTestId('widget-form-email').fill(email);
  await chat.getByTestId('widget-form-start').click();
  await chat.getByTestId('widget-conversation').waitFor();
}

async function send(page: Page, text: string): Promise<void> {
  const chat = widget(page);
  await chat.getByTestId('widget-composer').fill(text);
  await chat.getByTestId('widget-send').click();
}

/** The visitor's own stored lines, as shown (pending ones carry no seq yet). */
const storedVisitorTexts = (page: Page) =>
  widget(page).locator('[data-testid="widget-line"][data-from="visitor"][data-seq] [data-testid="widget-line-text"]').allTextContents();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-widget');
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { LOG_LEVEL: 'warn' } });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the visitor chat widget on the demo shop page', () => {
  let page: Page;

  it('shows a closed chat bubble on the shop page and adds no globals to it', async () => {
    // The same page with the loader blocked shows which globals are the page's own.
    const bare = await newPage();
    await bare.route('**/widget.js', (route) => route.abort());
    await bare.goto(`${hub.url}/widget-demo.html`);
    const own = await bare.evaluate(() => Object.keys(window));

    page = await newPage();
    await page.goto(`${hub.url}/widget-demo.html`);
    await launcher(page).waitFor();
    expect(await launcher(page).getAttribute('aria-label')).toBe('Chat with us');
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('iframe[data-switchboard-widget="demo"]').isVisible()).toBe(false);
    const added = (await page.evaluate(() => Object.keys(window))).filter((key) => !own.includes(key));
    // The frame itself appears as window[0]; nothing else may.
    expect(added).toEqual(['0']);
    await page.screenshot({ path: join(ARTIFACTS, 'widget-shop-closed.png') });
  });

  it('opens on the pre-chat form', async () => {
    await launcher(page).click();
    await widget(page).getByTestId('widget-form').waitFor();
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'widget-prechat-form.png') });
  });

  it('checks the form before starting', async () => {
    const chat = widget(page);
    await chat.getByTestId('widget-form-email').fill('not-an-email');
    await chat.getByTestId('widget-form-start').click();
    await expect.poll(() => chat.locator('#prechat-email-error').textContent()).toBe('That email address does not look right.');
    await chat.getByTestId('widget-form-email').fill('');
  });

  it('starts a chat, tells the visitor their place in the queue, and shows hostile HTML as text', async () => {
    const chat = widget(page);
    await chat.getByTestId('widget-form-name').fill('Wang Wei');
    await chat.getByTestId('widget-form-email').fill('wang.wei@example.com');
    await chat.getByTestId('widget-form-start').click();
    await chat.getByTestId('widget-conversation').waitFor();
    await expect.poll(() => chat.getByTestId('widget-queue').textContent(), { timeout: 30_000 }).toBe('You are number 1 in the queue.');

    await send(page, XSS_IMG);
    await send(page, XSS_SCRIPT);
    await send(page, 'Is the Tieguanyin from this spring?');
    await expect.poll(() => storedVisitorTexts(page), { timeout: 30_000 }).toEqual([XSS_IMG, XSS_SCRIPT, 'Is the Tieguanyin from this spring?']);
    expect(await chat.locator('[data-from="visitor"] [data-testid="widget-tick"]').first().getAttribute('data-tick')).toMatch(/^(sent|delivered|read)$/);
    expect(await chat.locator('.transcript img').count()).toBe(0);
    expect(await chat.locator('.transcript script').count()).toBe(0);
    expect(await frameOf(page).evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: join(ARTIFACTS, 'widget-conversation.png') });
  });

  it('refuses a file too large or of a kind that cannot be sent, before uploading it', async () => {
    const chat = widget(page);
    await chat.getByTestId('widget-file').setInputFiles({ name: 'holiday.png', mimeType: 'image/png', buffer: Buffer.alloc(CHAT_ATTACHMENT_MAX_BYTES + 1) });
    await expect.poll(() => chat.getByTestId('widget-notice').textContent()).toBe('“holiday.png” is larger than 5 MB. Please send a smaller file.');
    await chat.getByTestId('widget-file').setInputFiles({ name: 'invoice.html', mimeType: 'text/html', buffer: Buffer.from('<b>hi</b>') });
    await expect.poll(() => chat.getByTestId('widget-notice').textContent()).toContain('“invoice.html” cannot be sent');
    expect(await storedVisitorTexts(page)).toHaveLength(3);
  });

  it('sends a picture and shows it in the conversation', async () => {
    const chat = widget(page);
    await chat.getByTestId('widget-file').setInputFiles({ name: 'tea-tin.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    const picture = chat.getByTestId('widget-attachment-image');
    await picture.waitFor({ timeout: 30_000 });
    expect(await picture.getAttribute('src')).toMatch(/^\/api\/chat\/file\//);
    expect(await picture.getAttribute('alt')).toBe('tea-tin.png');
    // Loaded: served by the hub and allowed by the frame's policy.
    await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
  });

  it('resumes the same conversation after the page is reloaded', async () => {
    await page.reload();
    await launcher(page).click();
    const chat = widget(page);
    await expect.poll(() => storedVisitorTexts(page), { timeout: 30_000 }).toEqual([XSS_IMG, XSS_SCRIPT, 'Is the Tieguanyin from this spring?']);
    await expect.poll(() => chat.getByTestId('widget-queue').textContent()).toBe('You are number 1 in the queue.');
    expect(await chat.getByTestId('widget-form').count()).toBe(0);
  });

  it('tells a visitor who floods the chat to slow down, and keeps what was refused', async () => {
    const chat = widget(page);
    for (let i = 1; i <= 20; i += 1) await send(page, `flood ${i}`);
    const failure = chat.getByTestId('widget-line-failure').first();
    await failure.waitFor({ timeout: 30_000 });
    expect(await failure.textContent()).toMatch(/^Not sent\. You are sending messages too quickly\. Please wait/);
    expect(await chat.getByRole('button', { name: 'Try again' }).count()).toBeGreaterThan(0);
  });

  it('minimises from inside the frame', async () => {
    await widget(page).getByTestId('widget-minimise').click();
    await expect.poll(() => launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('iframe[data-switchboard-widget="demo"]').isVisible()).toBe(false);
  });

  it('ends the chat when the visitor leaves, and offers a new one', async () => {
    await launcher(page).click();
    const chat = widget(page);
    await chat.getByTestId('widget-leave').click();
    await chat.getByTestId('widget-leave-yes').click();
    await expect.poll(() => chat.getByTestId('widget-ended').getAttribute('data-reason')).toBe('visitor-left');
    expect(await chat.getByTestId('widget-composer').isVisible()).toBe(false);
    await chat.getByTestId('widget-new-chat').click();
    await chat.getByTestId('widget-form').waitFor();
  });
});

describe('the widget embedded by a shop on another origin', () => {
  let shop: Server;
  let shopUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    // Another host name is another site to the browser: the hub is 127.0.0.1, the shop is localhost.
    shopUrl = `http://localhost:${port}`;
    const page = `<!doctype html><html lang="zh-CN"><title>蓝港茶业</title><h1>蓝港茶业</h1><script src="${hub.url}/widget.js" data-widget="demo" data-lang="zh-CN" async></script>`;
    shop = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(page);
    });
    await new Promise<void>((resolve) => shop.listen(port, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => shop?.close(resolve));
  });

  it('loads across origins, speaks the site language, and resumes after a reload', async () => {
    const page = await newPage('en-US');
    await page.goto(shopUrl);
    await launcher(page).waitFor();
    expect(await launcher(page).getAttribute('aria-label')).toBe('在线咨询');
    await startChat(page, '王伟', 'wang.wei@example.cn');
    await send(page, '请问铁观音是今年的春茶吗？');
    await expect.poll(() => storedVisitorTexts(page), { timeout: 30_000 }).toEqual(['请问铁观音是今年的春茶吗？']);
    await expect.poll(() => widget(page).getByTestId('widget-queue').textContent()).toMatch(/^您当前排在第 \d+ 位。$/);
    await page.screenshot({ path: join(ARTIFACTS, 'widget-conversation-zh-CN.png') });

    await page.reload();
    await launcher(page).click();
    await expect.poll(() => storedVisitorTexts(page), { timeout: 30_000 }).toEqual(['请问铁观音是今年的春茶吗？']);
  });
});

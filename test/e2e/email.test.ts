import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpRelay } from '../integration/helpers/smtp-relay';
import { signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';
import { setAvailable } from './hub-client';

/**
 * Email end to end: a customer's HTML mail (a tracking pixel, a link, a
 * script, an inline picture, a picture and a program attached) reaches the
 * hub's own SMTP port, agent1 accepts it in Chromium and reads it safely,
 * replies with Cc and a file; a real SMTP relay (smtp-server, started here)
 * receives the reply with its threading headers; the customer's answer
 * threads back into the same view; a reply sent while the relay is down
 * shows as failed and "retry now" delivers it once the relay is back.
 */
const SHOTS = process.env.EMAIL_SHOTS_DIR ?? join(process.cwd(), 'test-results', 'e2e');
const MAILBOX = 'support@switchboard.local';
const CUSTOMER = 'li.lei@example.cn';
/** A solid-colour square PNG, big enough to see in a screenshot. */
function squarePng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([head, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, i) => [r, g, b][i % 3] as number)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
const LOGO = squarePng(32, [31, 95, 191]);
const PHOTO = squarePng(96, [27, 138, 78]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const relay = createSmtpRelay();
let hub: HubProcess;
let smtpPort: number;
let dataDir: string;
let browser: Browser;
let context: BrowserContext;
let agent: Page;
let firstMessageId = '';

const customerMail = () => createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
const shot = (name: string) => agent.screenshot({ path: join(SHOTS, name) });
const messages = () => agent.getByTestId('email-message');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = tempDataDir('e2e-email');
  await relay.start();
  smtpPort = await freePort();
  hub = await startHubProcess({
    port: await freePort(),
    dataDir,
    env: { SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '50', LOG_LEVEL: 'warn', SMTP_PORT: String(smtpPort), SMTP_RELAY_URL: relay.url },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await hub?.stop();
  await relay.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('email: a customer writes, an agent replies', () => {
  it('lets an administrator set the General queue’s email signature in its queue form', async () => {
    const { page, context: adminContext } = await signIn(browser, hub.url, 'admin');
    await page.getByTestId('admin-toggle').click();
    await page.getByTestId('admin-tab-queues').click();
    await page.getByTestId('admin-list-item').filter({ hasText: 'General' }).click();
    const section = page.getByTestId('queue-email-signature');
    await section.scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('queue-email-signature-input').isDisabled()).toBe(false);
    await page.getByTestId('queue-email-signature-input').fill('ACME Online Shop · 400-800-1234');
    await page.getByTestId('queue-email-signature-save').click();
    await section.getByText('Signature saved.').waitFor();
    await page.screenshot({ path: join(SHOTS, 'email-queue-signature.en.png') });
    await page.getByTestId('language-zh-CN').click();
    await section.getByText('邮件签名').waitFor();
    await page.screenshot({ path: join(SHOTS, 'email-queue-signature.zh-CN.png') });
    await adminContext.close();
  });

  it('offers the mail; the agent accepts and reads it with remote images blocked, script gone and the program flagged', async () => {
    const signedIn = await signIn(browser, hub.url, 'agent1');
    context = signedIn.context;
    agent = signedIn.page;
    await setAvailable(agent);
    const info = await customerMail().sendMail({
      from: { name: 'Li Lei', address: CUSTOMER },
      to: MAILBOX,
      subject: 'Order 42 has not arrived',
      text: 'My order 42 has not arrived. Where is it?',
      html: [
        '<p>Hello,</p><p>My <b>order 42</b> has not arrived. Where is it?</p>',
        '<p><img src="cid:logo@li.lei" alt="logo"> <a href="https://shop.example/track?o=42">Track my order</a></p>',
        '<img src="https://tracker.example/open.gif?u=li" width="1" height="1">',
        '<script>document.title="pwned"</script><p onclick="alert(1)">Thanks, Li Lei</p>',
      ].join(''),
      attachments: [
        { filename: 'logo.png', content: LOGO, cid: 'logo@li.lei' },
        { filename: 'receipt.png', content: PHOTO, contentType: 'image/png' },
        { filename: 'invoice.exe', content: Buffer.from('MZ\x90\x00not really a program'), contentType: 'application/octet-stream' },
      ],
    });
    firstMessageId = info.messageId;
    await agent.getByTestId('offer-toast').waitFor({ timeout: 20_000 });
    await agent.keyboard.press('Alt+A');
    await agent.getByTestId('email-panel').waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByTestId('email-subject').textContent()).toBe('Order 42 has not arrived');
    await agent.getByTestId('email-images-blocked').waitFor();
    expect(await agent.getByTestId('email-show-images').textContent()).toContain('1');

    const frame = agent.getByTestId('email-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    const body = await agent.frameLocator('[data-testid="email-frame"]').locator('body').innerHTML();
    expect(body).toContain('<b>order 42</b>');
    expect(body).not.toMatch(/<script|onclick|tracker\.example/);
    expect(body).toMatch(/src="data:image\/png;base64,/);
    expect(await agent.title()).not.toBe('pwned');

    const files = agent.getByTestId('email-file');
    await expect.poll(() => files.count()).toBe(2);
    expect(await files.filter({ hasText: 'invoice.exe' }).getAttribute('data-dangerous')).toBe('true');
    await agent.getByTestId('email-file-image').waitFor();
    // The program is never opened: downloading it asks first, and saying no downloads nothing.
    const asked = new Promise<string>((resolve) => agent.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.message()))));
    await files.filter({ hasText: 'invoice.exe' }).getByTestId('email-file-download').click();
    expect(await asked).toContain('invoice.exe');

    // A link asks first, showing where it really goes.
    const confirmLink = new Promise<string>((resolve) => agent.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.message()))));
    await agent.getByTestId('email-link').click();
    expect(await confirmLink).toContain('https://shop.example/track?o=42');
    await shot('email-html-blocked.en.png');

    // Allowed for this message only: the pixel's address is put back (https only), inside the same sandbox.
    await agent.getByTestId('email-show-images').click();
    await expect.poll(() => agent.getByTestId('email-images-blocked').count()).toBe(0);
    expect(await agent.frameLocator('[data-testid="email-frame"]').locator('body').innerHTML()).toContain('src="https://tracker.example/open.gif?u=li"');
  });

  it('writes a reply with Cc and a file; the draft survives a reload; the relay gets it threaded', async () => {
    await agent.getByTestId('email-reply').first().click();
    await agent.getByTestId('email-show-cc').click();
    await agent.getByTestId('email-compose-cc').fill('Wang Fang <wang.fang@example.cn>');
    await agent.getByTestId('email-editor').click();
    await agent.keyboard.type('Dear Li Lei, your parcel left our warehouse ');
    await agent.keyboard.press('Control+B');
    await agent.keyboard.type('today');
    await agent.keyboard.press('Control+B');
    await agent.keyboard.type('. ');
    // A shared canned reply, picked by its shortcut, goes in at the caret as text.
    await agent.getByTestId('email-canned').click();
    await agent.getByTestId('email-canned-search').fill('bye');
    await agent.locator('[data-testid="canned-option"][data-shortcut="bye"]').dispatchEvent('mousedown');
    await expect.poll(() => agent.getByTestId('email-editor').textContent()).toContain('Thank you for contacting us.');
    await agent.getByTestId('email-attach-input').setInputFiles({ name: '运单 waybill.pdf', mimeType: 'application/pdf', buffer: PDF });
    await agent.getByTestId('email-compose-files').filter({ hasText: '运单 waybill.pdf' }).waitFor();
    await expect.poll(() => agent.getByTestId('email-signature').textContent()).toContain('ACME Online Shop');
    await agent.getByTestId('email-edit-signature').click();
    await agent.getByTestId('email-signature-input').fill('Wang Fang\nCustomer care');
    await agent.getByTestId('email-save-signature').click();
    await expect.poll(() => agent.getByTestId('email-signature').textContent()).toContain('Customer care');
    await shot('email-composer.en.png');

    // Everything typed is kept: a reload brings the composer back as it was.
    await agent.waitForTimeout(800);
    await agent.reload();
    await agent.getByTestId('inbox-task').first().click();
    await agent.getByTestId('email-composer').waitFor({ timeout: 30_000 });
    await expect.poll(() => agent.getByTestId('email-editor').innerHTML()).toContain('<b>today</b>');
    expect(await agent.getByTestId('email-compose-cc').inputValue()).toBe('Wang Fang <wang.fang@example.cn>');

    await agent.getByTestId('email-send').click();
    await expect.poll(() => relay.received.length, { timeout: 20_000 }).toBe(1);
    const mail = relay.received[0] as ParsedMail;
    expect(mail.inReplyTo).toBe(firstMessageId);
    expect(mail.references).toBe(firstMessageId);
    expect(mail.messageId).toMatch(/^<[0-9a-z]{26}@switchboard\.local>$/);
    expect(mail.subject).toMatch(/^Re: Order 42 has not arrived \[#T-[0-9A-Z]{8}\]$/);
    expect(mail.from?.value[0]?.address).toBe(MAILBOX);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([CUSTOMER]);
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((a) => a.address) : []).toEqual(['wang.fang@example.cn']);
    expect(mail.html).toContain('<b>today</b>');
    expect(mail.text).toContain('your parcel left our warehouse today. Thank you for contacting us.');
    expect(mail.text).toContain('> My order 42 has not arrived.');
    expect(mail.text).toContain('-- \nWang Fang\nCustomer care\n\nACME Online Shop · 400-800-1234');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['运单 waybill.pdf']);
    const ours = agent.locator('[data-testid="email-message"][data-direction="outbound"]');
    await expect.poll(() => ours.first().getByTestId('email-delivery').getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
  });

  it('threads the customer’s answer back into the same view', async () => {
    const ours = relay.received[0] as ParsedMail;
    await customerMail().sendMail({
      from: { name: 'Li Lei', address: CUSTOMER },
      to: MAILBOX,
      subject: ours.subject ?? '',
      text: 'Thank you, it has just arrived!\n\nLi Lei',
      inReplyTo: ours.messageId,
      references: [firstMessageId, ours.messageId ?? ''],
    });
    await expect.poll(() => messages().count(), { timeout: 20_000 }).toBe(3);
    expect(await messages().last().getAttribute('data-direction')).toBe('inbound');
    expect(await messages().last().getByTestId('email-text').textContent()).toContain('it has just arrived');
    await messages().last().scrollIntoViewIfNeeded();
    await shot('email-plain-thread.en.png');
  });

  it('shows a reply sent while the relay is down as failed, and "retry now" delivers it once the relay is back', async () => {
    await relay.stop();
    await messages().last().getByTestId('email-reply').click();
    await agent.getByTestId('email-editor').click();
    await agent.keyboard.type('Glad to hear it. Enjoy!');
    await agent.getByTestId('email-send').click();
    const failed = agent.locator('[data-testid="email-delivery"][data-status="failed"]');
    await failed.waitFor({ timeout: 20_000 });
    await failed.scrollIntoViewIfNeeded();
    await shot('email-send-failed.en.png');

    // The same screens in Chinese.
    await agent.getByTestId('language-zh-CN').click();
    await expect.poll(() => failed.textContent()).toContain('未发送');
    await shot('email-send-failed.zh-CN.png');
    await messages().first().scrollIntoViewIfNeeded();
    await expect.poll(() => agent.frameLocator('[data-testid="email-frame"]').first().locator('body').innerHTML()).toContain('<b>order 42</b>');
    await shot('email-html-blocked.zh-CN.png');
    await messages().nth(2).scrollIntoViewIfNeeded();
    await shot('email-plain-thread.zh-CN.png');
    await messages().first().getByTestId('email-reply-all').click();
    await agent.getByTestId('email-show-cc').click();
    await agent.getByTestId('email-compose-cc').fill('王芳 <wang.fang@example.cn>');
    await agent.getByTestId('email-editor').click();
    await agent.keyboard.type('李雷您好，您的包裹今天已发出。');
    await agent.getByTestId('email-attach-input').setInputFiles({ name: '运单.pdf', mimeType: 'application/pdf', buffer: PDF });
    await agent.getByTestId('email-compose-files').filter({ hasText: '运单.pdf' }).waitFor();
    await agent.getByTestId('email-composer').scrollIntoViewIfNeeded();
    await shot('email-composer.zh-CN.png');
    await agent.getByTestId('email-discard').click();

    await relay.start();
    await failed.getByTestId('email-retry').click();
    await expect.poll(() => relay.received.length, { timeout: 20_000 }).toBe(2);
    await expect.poll(() => agent.locator('[data-testid="email-delivery"][data-status="failed"]').count(), { timeout: 15_000 }).toBe(0);
    await agent.waitForTimeout(2_500);
    expect(relay.received.filter((mail) => mail.text?.includes('Glad to hear it'))).toHaveLength(1);
  });

  it('queues a reply written offline in the desktop’s outbox and sends it when the hub is back', async () => {
    await agent.getByTestId('language-en').click();
    await agent.context().setOffline(true);
    await agent.getByTestId('email-offline').waitFor({ timeout: 30_000 });
    await messages().first().getByTestId('email-reply').click();
    await agent.getByTestId('email-editor').click();
    await agent.keyboard.type('Written on the train, sent when back online.');
    await agent.getByTestId('email-send').click();
    const pending = agent.locator('[data-testid="email-delivery"][data-status="pending"]');
    await pending.waitFor();
    await agent.getByTestId('email-queued-note').waitFor();
    await pending.scrollIntoViewIfNeeded();
    await shot('email-offline-queued.en.png');
    expect(relay.received).toHaveLength(2);

    await agent.context().setOffline(false);
    await expect.poll(() => relay.received.length, { timeout: 60_000 }).toBe(3);
    expect(relay.received[2]?.text).toContain('Written on the train');
    await expect.poll(() => pending.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => agent.locator('[data-testid="email-message"][data-direction="outbound"]').last().getByTestId('email-delivery').getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
  });
});

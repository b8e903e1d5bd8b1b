import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeState, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

/**
 * The administrator's Email tab against a real hub: a mailbox added for a
 * queue is saved and still there after a reload; a hostile mail sent to it at
 * the hub's own SMTP port (no sender, script in the subject) is quarantined,
 * listed with its reason as text and downloaded as the raw .eml; a
 * supervisor, whom the hub does not let read email settings, gets a sentence.
 */
const SHOTS = process.env.EMAIL_ADMIN_SHOTS_DIR ?? '/tmp/shots/email-admin';
const MAILBOX = 'complaints@switchboard.local';
const HOSTILE_SUBJECT = '<img src=x onerror="window.__pwned=1"> 投诉';

let hub: HubProcess;
let smtpPort: number;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: Page;

async function openEmailTab(page: Page): Promise<void> {
  await page.getByTestId('admin-toggle').click();
  await page.getByTestId('admin-area').waitFor();
  await page.getByTestId('admin-tab-email').click();
  await expect.poll(() => page.getByTestId('admin-tab-email').getAttribute('aria-selected')).toBe('true');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = tempDataDir('e2e-email-admin');
  smtpPort = await freePort();
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { LOG_LEVEL: 'warn', SMTP_PORT: String(smtpPort) } });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('administration: email', () => {
  it('adds a mailbox for a queue, refuses a bad one at its field, and keeps the saved one after a reload', async () => {
    const signedIn = await signIn(browser, hub.url, 'admin');
    contexts.push(signedIn.context);
    admin = signedIn.page;
    await openEmailTab(admin);
    const form = admin.getByTestId('email-settings-form');
    await form.waitFor();
    const before = await admin.getByTestId('email-mailbox').count();

    await admin.getByTestId('email-add').click();
    const row = admin.getByTestId('email-mailbox').nth(before);
    await row.getByTestId('email-address').fill('not an address');
    await row.getByTestId('email-imap').check();
    await row.getByTestId('email-imap-host').fill('imap.switchboard.local');
    await row.getByTestId('email-imap-user').fill('complaints');
    await form.getByTestId('admin-save').click();
    await expect.poll(() => form.getByTestId('admin-save-status').getAttribute('data-status')).toBe('invalid');
    const marked = await row.getByTestId('field-error').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-path')));
    expect(marked).toEqual(expect.arrayContaining([`mailboxes.${before}.address`, `mailboxes.${before}.queueId`, `mailboxes.${before}.imap.password`]));

    await row.getByTestId('email-address').fill(MAILBOX);
    await row.getByTestId('email-queue').selectOption({ label: 'Billing / 账务' });
    // Nothing listens there: the hub's poller only retries, which is all this test needs of it.
    await row.getByTestId('email-imap-host').fill('127.0.0.1');
    await row.getByTestId('email-imap-port').fill(String(await freePort()));
    await row.getByTestId('email-imap-secure').uncheck();
    await row.getByTestId('email-imap-password').fill('kefu-密码');
    await form.getByTestId('admin-save').click();
    await expect.poll(() => form.getByTestId('admin-save-status').getAttribute('data-status')).toBe('saved');

    await admin.reload();
    await expect.poll(() => badgeState(admin), { timeout: 60_000 }).toBe('online');
    await openEmailTab(admin);
    await admin.getByTestId('email-settings-form').waitFor();
    const addresses = await admin.getByTestId('email-address').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(addresses).toContain(MAILBOX);
    const saved = admin.getByTestId('email-mailbox').nth(addresses.indexOf(MAILBOX));
    const queue = await saved.getByTestId('email-queue').evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent);
    expect(queue).toBe('Billing / 账务');
    // The password never comes back: the row says it is set, and saving again keeps it.
    expect(await saved.getByTestId('email-imap-host').inputValue()).toBe('127.0.0.1');
    await saved.getByTestId('email-password-kept').waitFor();
    expect(await saved.getByTestId('email-imap-password').count()).toBe(0);
    await saved.getByTestId('email-password-change').click();
    expect(await saved.getByTestId('email-imap-password').inputValue()).toBe('');
    await saved.getByTestId('email-password-keep').click();
    await admin.getByTestId('email-max-message').fill('20');
    const form2 = admin.getByTestId('email-settings-form');
    await form2.getByTestId('admin-save').click();
    await expect.poll(() => form2.getByTestId('admin-save-status').getAttribute('data-status')).toBe('saved');
    await saved.getByTestId('email-password-kept').waitFor();
  });

  it('lists a hostile mail the hub quarantined, with its reason as text, and downloads the raw message', async () => {
    const raw = [`To: ${MAILBOX}`, `Subject: ${HOSTILE_SUBJECT}`, 'Content-Type: text/html; charset=utf-8', '', '<script>window.__pwned=2</script>no sender here', ''].join('\r\n');
    const transport = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'nobody@example.cn', to: [MAILBOX] }, raw });
    transport.close();

    // The list is read when the tab opens; "refresh" reads it again.
    await admin.getByTestId('quarantine-refresh').click();
    const rows = admin.getByTestId('quarantine-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    const reason = await rows.first().getByTestId('quarantine-reason').textContent();
    expect(reason).toMatch(/ \/ /);
    expect(await rows.first().textContent()).toContain(HOSTILE_SUBJECT);
    expect(await admin.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await admin.getByTestId('email-quarantine').scrollIntoViewIfNeeded();
    await admin.screenshot({ path: join(SHOTS, 'email-admin-en.png'), fullPage: true });

    const [download] = await Promise.all([admin.waitForEvent('download'), rows.first().getByTestId('quarantine-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^quarantined-[0-9A-Z]{26}\.eml$/);
    const file = await download.path();
    expect(readFileSync(file, 'utf8')).toContain('no sender here');
  });

  it('shows the tab in Chinese', async () => {
    await admin.getByTestId('language-zh-CN').click();
    await admin.getByTestId('admin-tab-email').click();
    await admin.getByTestId('quarantine-row').first().waitFor();
    expect(await admin.getByTestId('admin-tab-email').textContent()).toBe('邮件');
    await admin.screenshot({ path: join(SHOTS, 'email-admin-zh.png'), fullPage: true });
    await admin.getByTestId('email-mailbox').first().scrollIntoViewIfNeeded();
    await admin.screenshot({ path: join(SHOTS, 'email-admin-mailboxes-zh.png') });
  });

  it('tells a supervisor the tab is for administrators only', async () => {
    const { page: supervisor, context } = await signIn(browser, hub.url, 'supervisor', 'zh-CN');
    contexts.push(context);
    await openEmailTab(supervisor);
    expect(await supervisor.getByTestId('email-admins-only').textContent()).toContain('仅限管理员');
    expect(await supervisor.getByTestId('admin-load-failed').count()).toBe(0);
    await supervisor.screenshot({ path: join(SHOTS, 'email-admin-supervisor-zh.png') });
  });
});

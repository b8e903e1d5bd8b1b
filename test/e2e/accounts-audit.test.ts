import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: Page;

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `accounts-${name}.png`), fullPage: true });

async function language(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId(`language-${locale}`).first().click();
}

async function openTab(page: Page, tab: 'users' | 'audit'): Promise<void> {
  if (!(await page.getByTestId('admin-area').isVisible())) await page.getByTestId('admin-toggle').click();
  await page.getByTestId(`admin-tab-${tab}`).click();
  await expect.poll(() => page.getByTestId(`admin-tab-${tab}`).getAttribute('aria-selected')).toBe('true');
}

const userRow = (page: Page, username: string) => page.locator(`[data-testid="users-row"][data-username="${username}"]`);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-accounts');
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { SEED_CUSTOMERS: '20', SEED_HEAVY_INTERACTIONS: '20', LOG_LEVEL: 'warn' } });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('accounts and the audit log', () => {
  it('tells a locked-out user how long to wait, in their language', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(hub.url);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await page.getByTestId('login-username').fill('agent5');
      await page.getByTestId('login-password').fill(`guess-${attempt}`);
      await page.getByTestId('login-submit').click();
      await expect.poll(() => page.getByTestId('login-submit').isEnabled()).toBe(true);
    }
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/Too many|try again/i);
    await shot(page, 'login-locked-en');
    await language(page, 'zh-CN');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/分钟|秒/);
    await shot(page, 'login-locked-zh-CN');
  });

  it('lets an admin see and clear the lock, set a password under the policy and end a user’s sessions', async () => {
    const signedIn = await signIn(browser, hub.url, 'admin');
    contexts.push(signedIn.context);
    admin = signedIn.page;
    const agent = await signIn(browser, hub.url, 'agent1');
    contexts.push(agent.context);

    await openTab(admin, 'users');
    await expect.poll(() => userRow(admin, 'agent5').textContent()).toContain('Locked');
    await shot(admin, 'users-en');
    await userRow(admin, 'agent5').getByTestId('users-unlock').click();
    await expect.poll(() => userRow(admin, 'agent5').textContent()).not.toContain('Locked');

    await userRow(admin, 'agent2').getByTestId('users-reset').click();
    await admin.getByTestId('users-password').fill('woaini1314');
    await admin.getByTestId('users-password-save').click();
    await expect.poll(() => admin.getByTestId('users-notice').textContent()).toContain('most common');
    await admin.getByTestId('users-password').fill('Harbour lights 9');
    await admin.getByTestId('users-password-save').click();
    await expect.poll(() => admin.getByTestId('users-notice').textContent()).toContain('New password set');

    await userRow(admin, 'agent1').getByTestId('users-sign-out').click();
    await expect.poll(() => admin.getByTestId('users-notice').textContent()).toContain('ended');
    // agent1's desktop is told at once and goes back to the sign-in page.
    await agent.page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await shot(agent.page, 'ended-by-admin-en');

    await language(admin, 'zh-CN');
    await expect.poll(() => admin.getByTestId('admin-tab-users').textContent()).toBe('用户');
    await shot(admin, 'users-zh-CN');
    await language(admin, 'en');
  });

  it('shows the audit log newest first, filtered by action', async () => {
    await openTab(admin, 'audit');
    await expect.poll(() => admin.getByTestId('audit-row').count()).toBeGreaterThan(2);
    const actions = await admin.getByTestId('audit-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(actions.slice(0, 3)).toEqual(['admin:account:signOut', 'admin:account:password', 'admin:account:unlock']);
    expect(actions).toContain('login');
    expect(await admin.getByTestId('audit-table').textContent()).not.toContain('Harbour lights');
    await shot(admin, 'audit-en');
    await admin.getByTestId('audit-action').fill('admin:*');
    await admin.getByTestId('audit-apply').click();
    await expect.poll(async () => (await admin.getByTestId('audit-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')))).every((action) => action?.startsWith('admin:'))).toBe(true);
    await language(admin, 'zh-CN');
    await expect.poll(() => admin.getByTestId('admin-tab-audit').textContent()).toBe('审计日志');
    await shot(admin, 'audit-zh-CN');
  });

  it('logs me out everywhere from my account menu', async () => {
    const first = await signIn(browser, hub.url, 'supervisor', 'zh-CN');
    const second = await signIn(browser, hub.url, 'supervisor');
    contexts.push(first.context, second.context);
    await second.page.getByTestId('account-menu').click();
    await second.page.getByTestId('account-sign-out-everywhere').click();
    await shot(second.page, 'menu-everywhere-en');
    await second.page.getByTestId('account-confirm-everywhere').click();
    await second.page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await first.page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await shot(first.page, 'ended-everywhere-zh-CN');
  });

  it('changes my own password, refusing a weak one in my language', async () => {
    const { page, context } = await signIn(browser, hub.url, 'agent3', 'zh-CN');
    contexts.push(context);
    await language(page, 'zh-CN');
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-change-password').click();
    await page.getByTestId('account-current').fill('demo1234');
    await page.getByTestId('account-new').fill('agent3-secret');
    await page.getByTestId('account-repeat').fill('agent3-secret');
    await page.getByTestId('account-save-password').click();
    await expect.poll(() => page.getByTestId('account-problem').textContent()).toContain('用户名');
    await shot(page, 'change-password-zh-CN');
    await page.getByTestId('account-new').fill('Quiet river 42');
    await page.getByTestId('account-repeat').fill('Quiet river 42');
    await page.getByTestId('account-save-password').click();
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await page.getByTestId('login-username').fill('agent3');
    await page.getByTestId('login-password').fill('Quiet river 42');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sync-badge').waitFor({ timeout: 60_000 });
  });
});

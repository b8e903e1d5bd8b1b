import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeState, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** The admin's desktop, signed in by the first test and used by the next ones. */
let admin: Page;

async function openAdministration(page: Page): Promise<void> {
  await page.getByTestId('admin-toggle').click();
  await page.getByTestId('admin-area').waitFor();
}

async function openTab(page: Page, tab: 'queues' | 'agents' | 'routing' | 'voice' | 'widgets' | 'replies'): Promise<void> {
  await page.getByTestId(`admin-tab-${tab}`).click();
  await expect.poll(() => page.getByTestId(`admin-tab-${tab}`).getAttribute('aria-selected')).toBe('true');
}

async function openQueue(page: Page, name: string): Promise<void> {
  await page.getByTestId('admin-list-item').filter({ hasText: name }).click();
  await expect.poll(() => page.getByTestId('queue-form').getAttribute('aria-label')).toContain(name);
}

async function save(page: Page, form: string): Promise<void> {
  await page.getByTestId(form).getByTestId('admin-save').click();
  await expect.poll(() => page.getByTestId(form).getByTestId('admin-save-status').getAttribute('data-status')).toBe('saved');
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `admin-${name}.png`) });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-admin');
  hub = await startHubProcess({
    port: await freePort(),
    dataDir,
    env: { SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '50', LOG_LEVEL: 'warn' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('administration: queues', () => {
  it('saves a queue’s new max wait and disposition, and still has them after a reload', async () => {
    const signedIn = await signIn(browser, hub.url, 'admin');
    contexts.push(signedIn.context);
    admin = signedIn.page;
    await openAdministration(admin);
    await openQueue(admin, 'Billing');
    await admin.getByTestId('queue-max-wait').fill('600');
    await admin.getByTestId('dispositions-add').click();
    await admin.getByTestId('dispositions-input').last().fill('Refund pending / 待退款');
    await save(admin, 'queue-form');
    await shot(admin, 'queues');

    await admin.reload();
    await expect.poll(() => badgeState(admin), { timeout: 60_000 }).toBe('online');
    await openAdministration(admin);
    await openQueue(admin, 'Billing');
    await expect.poll(() => admin.getByTestId('queue-max-wait').inputValue()).toBe('600');
    const dispositions = await admin.getByTestId('dispositions-input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(dispositions).toContain('Refund pending / 待退款');
  });

  it('shows a bad value next to its field and sends nothing', async () => {
    await admin.getByTestId('queue-max-wait').fill('0');
    await admin.getByTestId('hours-always-open').uncheck();
    await admin.getByTestId('hours-mon').getByTestId('hours-open').fill('25:00');
    await admin.getByTestId('queue-form').getByTestId('admin-save').click();
    const maxWaitError = admin.locator('[data-testid="field-error"][data-path="maxWaitSec"]');
    await expect.poll(() => maxWaitError.textContent()).toBe('Must be more than 0.');
    const openError = admin.locator('[data-testid="field-error"][data-path="businessHours.weekly.mon.0.open"]');
    await expect.poll(() => openError.textContent()).toContain('HH:MM');
    await expect(admin.getByTestId('queue-max-wait').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(admin.getByTestId('queue-form').getByTestId('admin-save-status').getAttribute('data-status')).resolves.toBe('invalid');
    await maxWaitError.scrollIntoViewIfNeeded();
    await shot(admin, 'queue-field-error');
    await openError.scrollIntoViewIfNeeded();
    await shot(admin, 'queue-hours');

    // Nothing reached the hub: the queue opens again as it was saved.
    await openQueue(admin, 'General');
    await openQueue(admin, 'Billing');
    await expect.poll(() => admin.getByTestId('queue-max-wait').inputValue()).toBe('600');
    await expect(admin.getByTestId('hours-always-open').isChecked()).resolves.toBe(true);
  });
});

describe('administration: refusals from the hub', () => {
  it('explains an overflow loop the hub refuses, on the overflow field', async () => {
    await openQueue(admin, 'General');
    await admin.getByTestId('queue-overflow').selectOption({ label: 'Billing / 账务' });
    await admin.getByTestId('queue-form').getByTestId('admin-save').click();
    const status = admin.getByTestId('queue-form').getByTestId('admin-save-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('refused');
    await expect(status.textContent()).resolves.toContain('loop');
    await expect
      .poll(() => admin.locator('[data-testid="field-error"][data-path="overflowQueueId"]').textContent())
      .toBe('This would make an overflow loop.');
    await shot(admin, 'queue-overflow-loop');
  });
});

describe('administration: away reasons', () => {
  it('adds an away reason that an agent’s state menu then offers', async () => {
    await openTab(admin, 'routing');
    await admin.getByTestId('away-add').click();
    await admin.getByTestId('away-code').last().fill('coaching');
    await admin.getByTestId('away-label').last().fill('Coaching / 辅导');
    await save(admin, 'settings-form');
    await shot(admin, 'routing');

    const { page: agent, context } = await signIn(browser, hub.url, 'agent1');
    contexts.push(context);
    expect(await agent.getByTestId('admin-toggle').count()).toBe(0);
    const choices = agent.getByTestId('agent-state-select').locator('option');
    await expect.poll(() => choices.allTextContents()).toContain('Away — Coaching / 辅导');
    await agent.getByTestId('agent-state-select').selectOption('away:coaching');
    await expect.poll(() => agent.getByTestId('agent-state').getAttribute('data-status')).toBe('away');
  });

  it('refuses a code that is already used, on its row', async () => {
    await admin.getByTestId('away-add').click();
    await admin.getByTestId('away-code').last().fill('lunch');
    await admin.getByTestId('away-label').last().fill('Second lunch');
    await admin.getByTestId('settings-form').getByTestId('admin-save').click();
    await expect
      .poll(() => admin.getByTestId('away-reason').last().getByTestId('field-error').textContent())
      .toBe('Used twice: each entry must be different.');
    await expect(admin.getByTestId('away-code').last().getAttribute('aria-invalid')).resolves.toBe('true');
    await admin.getByTestId('aging').scrollIntoViewIfNeeded();
    await shot(admin, 'routing-priority');
  });
});

describe('administration: phone numbers', () => {
  it('adds a number for the General queue, which is still there after a reload', async () => {
    await openTab(admin, 'voice');
    await admin.getByTestId('voice-add').click();
    await admin.getByTestId('voice-dialled').last().fill('sales');
    await admin.getByTestId('voice-queue').last().selectOption({ label: 'General / 综合服务' });
    await save(admin, 'voice-form');
    await expect(admin.getByTestId('voice-dial-hint').textContent()).resolves.toMatch(/sip:<number>@\S+/);
    await shot(admin, 'voice');

    await admin.reload();
    await expect.poll(() => badgeState(admin), { timeout: 60_000 }).toBe('online');
    await openAdministration(admin);
    await openTab(admin, 'voice');
    await admin.getByTestId('voice-numbers').waitFor();
    const numbers = await admin.getByTestId('voice-number').evaluateAll((rows) =>
      rows.map((row) => {
        const dialled = row.querySelector<HTMLInputElement>('[data-testid="voice-dialled"]');
        const queue = row.querySelector<HTMLSelectElement>('[data-testid="voice-queue"]');
        return `${dialled?.value} → ${queue?.selectedOptions[0]?.textContent}`;
      }),
    );
    expect(numbers).toContain('sales → General / 综合服务');
  });
});

describe('administration: agents, chat widgets and shared replies', () => {
  it('shows an agent’s skills, queues and capacity', async () => {
    await openTab(admin, 'agents');
    await admin.getByTestId('admin-list-item').filter({ hasText: 'Wang Fang' }).click();
    await expect.poll(() => admin.getByTestId('agent-capacity-chat').inputValue()).toBe('3');
    const skills = await admin.getByTestId('skill-name').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(skills).toEqual(expect.arrayContaining(['vip', 'billing']));
    await shot(admin, 'agents');
  });

  it('creates a chat widget and gives its embed snippet', async () => {
    await openTab(admin, 'widgets');
    await admin.getByTestId('admin-add').click();
    await admin.getByTestId('widget-id').fill('shop-cn');
    await admin.getByTestId('widget-name').fill('Shop (China) / 网店');
    await admin.getByTestId('widget-queue').selectOption({ label: 'General / 综合服务' });
    await admin.getByTestId('widget-greeting').fill('您好！请问有什么可以帮您？');
    await admin.getByTestId('widget-origins').fill('https://shop.example.cn\nnot a site');
    await admin.getByTestId('widget-form').getByTestId('admin-save').click();
    await expect
      .poll(() => admin.locator('[data-testid="field-error"][data-path="allowedOrigins"]').textContent())
      .toContain('Line 2');
    await admin.getByTestId('widget-origins').fill('https://shop.example.cn');
    await save(admin, 'widget-form');
    await expect.poll(() => admin.getByTestId('widget-snippet').textContent()).toBe(
      `<script src="${hub.url}/widget.js" data-widget="shop-cn" async></script>`,
    );
    await expect(admin.getByTestId('widget-demo-link').getAttribute('href')).resolves.toBe(`${hub.url}/widget-demo.html`);
    await admin.getByTestId('widget-snippet').scrollIntoViewIfNeeded();
    await shot(admin, 'widgets');
  });

  it('adds a shared reply, and deletes it again', async () => {
    await openTab(admin, 'replies');
    await admin.getByTestId('admin-add').click();
    await admin.getByTestId('canned-shortcut').fill('/thanks');
    await admin.getByTestId('canned-title').fill('Thanks for waiting / 感谢等待');
    await admin.getByTestId('canned-text').fill('感谢您的耐心等待！Thank you for waiting.');
    await save(admin, 'canned-form');
    await expect.poll(() => admin.getByTestId('admin-list-item').filter({ hasText: '/thanks' }).count()).toBe(1);
    await shot(admin, 'replies');

    await admin.getByTestId('canned-delete').click();
    await admin.getByTestId('canned-delete-confirm').click();
    await expect.poll(() => admin.getByTestId('admin-list-item').filter({ hasText: '/thanks' }).count()).toBe(0);
    await admin.reload();
    await expect.poll(() => badgeState(admin), { timeout: 60_000 }).toBe('online');
    await openAdministration(admin);
    await openTab(admin, 'replies');
    await admin.getByTestId('admin-list-item').first().waitFor();
    expect(await admin.getByTestId('admin-list-item').filter({ hasText: '/thanks' }).count()).toBe(0);
  });
});

describe('administration: supervisors', () => {
  it('lets a supervisor look but not change, in Chinese', async () => {
    const { page: supervisor, context } = await signIn(browser, hub.url, 'supervisor', 'zh-CN');
    contexts.push(context);
    await openAdministration(supervisor);
    await supervisor.getByTestId('admin-readonly').waitFor();
    await openQueue(supervisor, 'Billing');
    await expect.poll(() => supervisor.getByTestId('queue-max-wait').inputValue()).toBe('600');
    expect(await supervisor.getByTestId('admin-save').count()).toBe(0);
    expect(await supervisor.getByTestId('admin-add').count()).toBe(0);
    await expect(supervisor.getByTestId('queue-max-wait').isDisabled()).resolves.toBe(true);
    await shot(supervisor, 'supervisor-zh');
    await supervisor.getByTestId('admin-toggle').click();
    await supervisor.getByTestId('workspace-empty').waitFor();
  });
});

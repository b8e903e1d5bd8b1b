import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../shared/complaints/complaint';
import type { Interaction, InteractionOf } from '../../shared/domain/interaction';
import { badgeState, openCustomer, pendingCount, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';
import { data, deskSocket } from './hub-client';

/**
 * Issue 7's complaints at the desk: an agent in a web chat logs the
 * customer's complaint, sees its SLA clocks, acknowledges and resolves it
 * (note, root cause, compensation), and the steps land on the customer's
 * timeline; supervisors see every open complaint, administrators set the
 * categories and targets; and a complaint logged and worked while the hub is
 * down reaches it exactly once, with each step once.
 */
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const HUB_ENV = { SEED_CUSTOMERS: '100', SEED_HEAVY_INTERACTIONS: '100', LOG_LEVEL: 'warn' };

let hub: HubProcess;
let port: number;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let agent: Page;
let supervisorPage: Page;
let adminPage: Page;
let agent2: Page;

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, name) });
const detail = (page: Page) => page.getByTestId('complaint-detail').first();
const historySteps = (page: Page) => detail(page).locator('[data-testid="complaint-line"]').evaluateAll((lines) => lines.map((line) => line.getAttribute('data-step')));

async function inLanguage(page: Page, locale: 'en' | 'zh-CN', name: string): Promise<void> {
  await page.getByTestId(`language-${locale}`).click();
  await shot(page, `${name}-${locale}.png`);
}

/** The hub's own record of a customer's complaints and their timeline lines, read as another desktop would. */
async function hubRecord(customerId: string): Promise<{ complaints: Complaint[]; lines: InteractionOf<'complaint'>[] }> {
  const socket = await deskSocket(hub.url, 'supervisor');
  try {
    const complaints = data(await socket.emitWithAck('complaint:list', { scope: 'all', status: 'all', customerId }));
    const interactions: Interaction[] = [];
    let since = 0;
    for (;;) {
      const page = data(await socket.emitWithAck('sync:pull', { since, limit: 5_000 }));
      for (const change of page.changes) if (change.entity === 'interaction') interactions.push(change.data);
      since = page.cursor;
      if (!page.more) break;
    }
    const lines = [...new Map(interactions.map((row) => [row.id, row])).values()].filter(
      (row): row is InteractionOf<'complaint'> => row.channel === 'complaint' && row.customerId === customerId,
    );
    return { complaints, lines };
  } finally {
    socket.disconnect();
  }
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-complaints');
  port = await freePort();
  hub = await startHubProcess({ port, dataDir, env: HUB_ENV });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('complaints at the desk', () => {
  it('logs a complaint during a chat, with the chat as its channel and specific errors for what is missing', async () => {
    const signedIn = await signIn(browser, hub.url, 'agent1');
    contexts.push(signedIn.context);
    agent = signedIn.page;
    await agent.getByTestId('agent-state-select').selectOption('available');
    await expect.poll(() => agent.getByTestId('agent-state').getAttribute('data-status')).toBe('available');

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    contexts.push(context);
    const visitor = await context.newPage();
    await visitor.goto(`${hub.url}/widget-demo.html`);
    await visitor.locator('[data-switchboard-launcher="demo"]').click();
    const widget = visitor.frameLocator('iframe[data-switchboard-widget="demo"]');
    await widget.getByTestId('widget-form-name').fill('Zhou Lan');
    await widget.getByTestId('widget-form-email').fill('zhou.lan@example.com');
    await widget.getByTestId('widget-form-start').click();
    await widget.getByTestId('widget-composer').fill('My tea arrived two weeks late and the tin is dented.');
    await widget.getByTestId('widget-send').click();

    await agent.getByTestId('offer-toast').filter({ hasText: 'Zhou Lan' }).waitFor({ timeout: 15_000 });
    await agent.keyboard.press('Alt+A');
    await agent.getByTestId('chat-panel').waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByTestId('customer-number').textContent()).toMatch(/W\d{7}/);

    await agent.getByTestId('complaint-log').click();
    const form = agent.getByTestId('complaint-form');
    await form.waitFor();
    expect(await form.getByTestId('complaint-form-channel').textContent()).toContain('Chat');
    await form.getByTestId('complaint-submit').click();
    expect(await form.getByTestId('complaint-error-category').getAttribute('data-error')).toBe('required');
    expect(await form.getByTestId('complaint-error-severity').textContent()).toBe('Choose how severe it is.');
    expect(await form.getByTestId('complaint-error-description').textContent()).toBe('Say what happened.');

    await form.getByTestId('complaint-category').selectOption('delivery');
    await form.getByTestId('complaint-submit').click();
    expect(await form.getByTestId('complaint-error-subCategory').textContent()).toBe('Choose a sub-category of this category.');
    await form.getByTestId('complaint-sub-category').selectOption('delivery.late');
    await form.getByTestId('complaint-severity-high').check({ force: true });
    await form.getByTestId('complaint-description').fill('Longjing order two weeks late; the tin arrived dented.');
    await form.getByTestId('complaint-request').fill('A replacement tin and the shipping refunded');
    await inLanguage(agent, 'zh-CN', 'complaint-log-form');
    await inLanguage(agent, 'en', 'complaint-log-form');
    await form.getByTestId('complaint-submit').click();
    await form.waitFor({ state: 'detached' });
  });

  it('shows the complaint with both clocks running, and in my list', async () => {
    const view = detail(agent);
    await view.waitFor();
    expect(await view.getAttribute('data-status')).toBe('new');
    expect(await view.getByTestId('clock-first-response').getAttribute('data-colour')).toBe('green');
    expect(await view.getByTestId('clock-first-response').textContent()).toMatch(/First response.*\d+ h \d+ min left/);
    expect(await view.getByTestId('clock-resolution').textContent()).toMatch(/Resolution.*left/);
    // The hub's `logged` line arrives with sync, and the waiting mark goes.
    await expect.poll(() => historySteps(agent), { timeout: 30_000 }).toEqual(['logged']);
    await expect.poll(() => view.getByTestId('complaint-pending').count()).toBe(0);

    const mine = agent.getByTestId('my-complaints').getByTestId('complaint-row');
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.first().getAttribute('data-colour')).toBe('green');
    expect(await mine.first().textContent()).toContain('Zhou Lan');
    await inLanguage(agent, 'zh-CN', 'complaint-view');
    await inLanguage(agent, 'en', 'complaint-view');

    // Reassign: the team is a queue from the hub's directory, shown by name.
    await view.getByTestId('step-assign').click();
    const team = view.getByTestId('assign-team');
    await expect.poll(() => team.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const queueName = (await team.locator('option').nth(1).textContent()) ?? '';
    await team.selectOption({ index: 1 });
    await view.getByTestId('assign-submit').click();
    await expect.poll(() => view.getByTestId('complaint-owner-text').textContent()).toBe(`Me · ${queueName}`);
    await expect.poll(() => historySteps(agent), { timeout: 30_000 }).toEqual(['logged', 'assign']);
  });

  it('acknowledges and resolves it with a note, a root cause and compensation; the steps reach the timeline', async () => {
    const view = detail(agent);
    await view.getByTestId('step-acknowledge').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('acknowledged');
    expect(await view.getByTestId('clock-first-response').textContent()).toContain('met');

    await view.getByTestId('step-resolve').click();
    await view.getByTestId('resolve-submit').click();
    expect(await view.getByTestId('resolve-error-note').textContent()).toBe('Write a resolution note.');
    expect(await view.getByTestId('resolve-error-root-cause').textContent()).toBe('Choose a root cause.');
    await view.getByTestId('resolve-note').fill('Sent a new tin by express; shipping refunded.');
    await view.getByTestId('resolve-root-cause').selectOption('carrier');
    await view.getByTestId('resolve-points').fill('200');
    await view.getByTestId('resolve-refund').fill('Shipping ¥12 refunded, ref R-889');
    await view.getByTestId('resolve-submit').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('resolved');
    expect(await view.getByTestId('complaint-root-cause').textContent()).toBe('Carrier');
    expect(await view.getByTestId('clock-resolution').getAttribute('data-colour')).toBe('green');

    await expect.poll(() => historySteps(agent), { timeout: 30_000 }).toEqual(expect.arrayContaining(['logged', 'assign', 'acknowledge', 'resolve']));
    await expect.poll(() => pendingCount(agent), { timeout: 30_000 }).toBe(0);
    await inLanguage(agent, 'zh-CN', 'complaint-resolved');
    await inLanguage(agent, 'en', 'complaint-resolved');

    // Reopened with a reason, put right again, and closed.
    await view.getByTestId('step-reopen').click();
    await view.getByTestId('reopen-submit').click();
    expect(await view.getByTestId('reopen-error').textContent()).toBe('Say why the complaint is reopened.');
    await view.getByTestId('reopen-reason').fill('The replacement tin is dented too.');
    await view.getByTestId('reopen-submit').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('investigating');
    await view.getByTestId('step-resolve').click();
    await view.getByTestId('resolve-note').fill('Third tin hand-checked before dispatch.');
    await view.getByTestId('resolve-root-cause').selectOption('warehouse-error');
    await view.getByTestId('resolve-submit').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('resolved');
    await view.getByTestId('step-close').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('closed');
    await expect.poll(() => historySteps(agent), { timeout: 30_000 }).toEqual(expect.arrayContaining(['reopen', 'close']));

    // The customer's one timeline tells it too, and the resolved complaint leaves my open list.
    await agent.getByTestId('complaint-close').click();
    const timelineSteps = agent.locator('[data-testid="timeline-item"][data-channel="complaint"]');
    await expect.poll(() => timelineSteps.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => agent.getByTestId('my-complaints').getByTestId('complaint-row').count()).toBe(0);
    const customerComplaints = agent.getByTestId('customer-complaints').getByTestId('complaint-row');
    expect(await customerComplaints.first().getAttribute('data-status')).toBe('closed');
    await shot(agent, 'complaint-timeline-en.png');
  });

  it('shows supervisors every open complaint with its clocks, filtered by colour and severity', async () => {
    // An open one, so the list has something to show.
    await agent.getByTestId('complaint-log').click();
    const form = agent.getByTestId('complaint-form');
    await form.getByTestId('complaint-category').selectOption('billing');
    await form.getByTestId('complaint-sub-category').selectOption('billing.double-charge');
    await form.getByTestId('complaint-severity-critical').check({ force: true });
    await form.getByTestId('complaint-description').fill('Charged twice for the same order.');
    await form.getByTestId('complaint-submit').click();
    await expect.poll(() => pendingCount(agent), { timeout: 30_000 }).toBe(0);
    await agent.getByTestId('complaint-close').click();
    await shot(agent, 'complaint-my-list-en.png');
    await agent.getByTestId('language-zh-CN').click();
    await shot(agent, 'complaint-my-list-zh-CN.png');
    await agent.getByTestId('language-en').click();

    const supervisor = await signIn(browser, hub.url, 'supervisor');
    contexts.push(supervisor.context);
    const page = supervisor.page;
    supervisorPage = page;
    await page.getByTestId('supervisor-toggle').click();
    await page.getByTestId('supervisor-area').waitFor();
    await page.getByTestId('supervisor-tab-complaints').click();
    const rows = page.getByTestId('supervisor-complaints').getByTestId('complaint-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain('Zhou Lan');
    await page.getByTestId('filter-colour-red').click();
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId('filter-colour-all').click();
    await page.getByTestId('filter-severity').selectOption('low');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId('filter-severity').selectOption('all');
    await expect.poll(() => rows.count()).toBe(1);
    await inLanguage(page, 'zh-CN', 'complaint-supervisor');
    await inLanguage(page, 'en', 'complaint-supervisor');
  });

  it('lets an administrator set categories and SLA hours, with line-specific errors', async () => {
    const admin = await signIn(browser, hub.url, 'admin');
    contexts.push(admin.context);
    const page = admin.page;
    adminPage = page;
    await page.getByTestId('admin-toggle').click();
    await page.getByTestId('admin-tab-complaints').click();
    const form = page.getByTestId('complaints-admin-form');
    await form.waitFor();
    const categories = form.getByTestId('complaints-admin-categories');
    const original = await categories.inputValue();
    await categories.fill(`${original}\n  gift | Gift wrapping`);
    await form.getByTestId('admin-save').click();
    expect(await form.getByTestId('complaints-admin-error-categories').textContent()).toMatch(/^Line \d+: write code \| English \| 中文\.$/);
    await categories.fill(`${original}\nwrapping | Gift wrapping | 礼品包装`);
    await form.getByTestId('complaints-admin-resolutionHours-critical').fill('6');
    await form.getByTestId('admin-save').click();
    await expect.poll(() => form.getByTestId('admin-save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
    await inLanguage(page, 'zh-CN', 'complaint-admin');
    await inLanguage(page, 'en', 'complaint-admin');

    const socket = await deskSocket(hub.url, 'agent1');
    try {
      const settings = data(await socket.emitWithAck('complaint:settings', {}));
      expect(settings.categories.at(-1)).toMatchObject({ code: 'wrapping', zh: '礼品包装' });
      expect(settings.sla.resolution.hours.critical).toBe(6);
    } finally {
      socket.disconnect();
    }
  });

  it('rolls back a step another desk overtook, and says exactly why', async () => {
    const row = agent.getByTestId('my-complaints').getByTestId('complaint-row').first();
    await row.click();
    const view = detail(agent);
    const complaintId = await view.getAttribute('data-complaint-id');
    if (!complaintId) throw new Error('no complaint id on the view');
    await agent.context().setOffline(true);
    await expect.poll(() => badgeState(agent), { timeout: 30_000 }).toBe('offline');

    // A supervisor resolves it first, on their own desk.
    const socket = await deskSocket(hub.url, 'supervisor');
    try {
      const at = Date.now();
      const event = { type: 'resolve' as const, at, by: 'supervisor', note: 'Refunded the second charge.', rootCause: 'system-error', compensation: { loyaltyPoints: 0, couponCode: null, refundNote: null } };
      const { results } = data(await socket.emitWithAck('mutation:push', { mutations: [{ id: ulid(), name: 'complaint.act', createdAt: at, args: { complaintId, lineId: ulid(), event } }] }));
      expect(results[0]?.status).toBe('applied');
    } finally {
      socket.disconnect();
    }

    await view.getByTestId('step-acknowledge').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('acknowledged');
    await agent.context().setOffline(false);
    await expect.poll(() => view.getByTestId('complaint-refusal').getAttribute('data-code'), { timeout: 60_000 }).toBe('invalid-transition');
    expect(await view.getByTestId('complaint-refusal').textContent()).toContain('not possible from the complaint’s status now');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 30_000 }).toBe('resolved');
    await expect.poll(() => agent.getByTestId('notice').filter({ hasText: 'the complaint step' }).count()).toBe(1);
    await shot(agent, 'complaint-refused-en.png');
    await agent.getByTestId('complaint-close').click();
  });

  it('logs and works a complaint while the hub is down; it arrives once, with each step once', async () => {
    const offline = await signIn(browser, hub.url, 'agent2');
    contexts.push(offline.context);
    const page = offline.page;
    agent2 = page;
    await openCustomer(page, 'C000003');
    const customerId = await page.getByTestId('customer-view').getAttribute('data-customer-id');
    if (!customerId) throw new Error('no customer id on the view');
    // The settings are cached while online, so the form has its categories offline.
    await page.getByTestId('complaint-log').click();
    await expect.poll(() => page.getByTestId('complaint-category').locator('option[value="wrapping"]').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('complaint-cancel').click();

    await hub.stop('SIGKILL');
    await expect.poll(() => badgeState(page), { timeout: 30_000 }).toBe('offline');
    await page.getByTestId('complaint-log').click();
    const form = page.getByTestId('complaint-form');
    expect(await form.getByTestId('complaint-form-channel').textContent()).toContain('Profile');
    // `wrapping` exists only in the administrator's settings, which this desktop cached while online.
    await form.getByTestId('complaint-category').selectOption('wrapping');
    await form.getByTestId('complaint-severity-medium').check({ force: true });
    await form.getByTestId('complaint-description').fill('The gift wrapping was torn and the card missing.');
    await form.getByTestId('complaint-submit').click();
    const view = detail(page);
    await view.waitFor();
    await expect.poll(() => view.getByTestId('complaint-pending').count()).toBe(1);
    await view.getByTestId('step-acknowledge').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('acknowledged');
    await view.getByTestId('step-investigate').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('investigating');
    await expect.poll(() => pendingCount(page)).toBe(3);
    await shot(page, 'complaint-offline-en.png');

    // The page reloads from the offline shell with the complaint and its outbox intact.
    await page.reload();
    await expect.poll(() => badgeState(page), { timeout: 30_000 }).toBe('offline');
    await expect.poll(() => pendingCount(page)).toBe(3);
    await expect.poll(() => page.getByTestId('my-complaints').getByTestId('complaint-row').count()).toBe(1);

    hub = await startHubProcess({ port, dataDir, env: HUB_ENV });
    await expect.poll(() => badgeState(page), { timeout: 60_000 }).toBe('online');
    await expect.poll(() => pendingCount(page), { timeout: 30_000 }).toBe(0);

    const record = await hubRecord(customerId);
    expect(record.complaints).toHaveLength(1);
    expect(record.complaints[0]).toMatchObject({ status: 'investigating', category: 'wrapping', subCategory: null, channel: 'profile' });
    const complaintId = record.complaints[0]?.id;
    const steps = record.lines.filter((line) => line.complaintId === complaintId && line.step !== 'customer-told' && line.step !== 'escalated').map((line) => line.step);
    expect(steps.sort()).toEqual(['acknowledge', 'investigate', 'logged']);
    // The desktop holds the same: one complaint, each line once.
    await page.getByTestId('my-complaints').getByTestId('complaint-row').first().click();
    await expect.poll(() => historySteps(page), { timeout: 30_000 }).toEqual(expect.arrayContaining(['logged', 'acknowledge', 'investigate']));
    expect((await historySteps(page)).filter((step) => step !== 'customer-told')).toHaveLength(3);
  });

  it('tells supervisors when a clock runs late: an in-app toast that opens the complaint', async () => {
    for (const page of [adminPage, supervisorPage, agent2]) await expect.poll(() => badgeState(page), { timeout: 60_000 }).toBe('online');
    // A first response due within seconds, so the warning and the breach both fall due during the test.
    await adminPage.getByTestId('complaints-admin-firstResponseHours-critical').fill('0.002');
    await adminPage.getByTestId('admin-save').click();
    await expect.poll(() => adminPage.getByTestId('admin-save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');

    await agent2.getByTestId('complaint-close').click();
    await openCustomer(agent2, 'C000003');
    await agent2.getByTestId('complaint-log').click();
    const form = agent2.getByTestId('complaint-form');
    await form.getByTestId('complaint-category').selectOption('other');
    await form.getByTestId('complaint-severity-critical').check({ force: true });
    await form.getByTestId('complaint-description').fill('Nobody has called me back in three days.');
    await form.getByTestId('complaint-submit').click();
    await expect.poll(() => pendingCount(agent2), { timeout: 30_000 }).toBe(0);

    const toasts = supervisorPage.getByTestId('complaint-escalation');
    await expect.poll(() => toasts.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await toasts.first().textContent()).toMatch(/First response target (is close|breached)/);
    // The agent's clock turns red once the target has passed.
    await expect.poll(() => detail(agent2).getByTestId('clock-first-response').getAttribute('data-colour'), { timeout: 30_000 }).toBe('red');
    await shot(agent2, 'complaint-overdue-en.png');
    await shot(supervisorPage, 'complaint-escalation-en.png');
    await toasts.first().getByRole('button', { name: 'Open' }).click();
    await detail(supervisorPage).waitFor();
    expect(await detail(supervisorPage).getAttribute('data-status')).toBe('new');
  });
});

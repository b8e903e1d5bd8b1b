import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from '../../shared/domain/routing';
import type { User } from '../../shared/domain/user';
import { signIn } from './desktop';
import { data, deskSocket, type HubSocket } from './hub-client';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
/** Drives work in, as the channels would. */
let feeder: HubSocket;
let queues: Queue[];
let users: User[];
const contexts: BrowserContext[] = [];
let supervisor: Page;
let agent1: Page;

const general = () => queues.find((queue) => Object.keys(queue.requiredSkills).length === 0) as Queue;
const billing = () => queues.find((queue) => 'billing' in queue.requiredSkills) as Queue;
const userId = (username: string) => users.find((user) => user.username === username)?.id ?? '';

async function firstCustomerId(): Promise<string> {
  const page = data(await feeder.emitWithAck('sync:pull', { since: 0, limit: 50 }));
  const customer = page.changes.find((change) => change.entity === 'customer')?.data;
  if (!customer) throw new Error('no customer in the first pull page');
  return customer.id;
}

const tileOf = (queueId: string) => supervisor.locator(`[data-testid="queue-tile"][data-queue-id="${queueId}"]`);
const agentRow = (page: Page, username: string) => page.locator(`[data-testid="agent-row"][data-agent-id="${userId(username)}"]`);

/** Lets the ECharts canvas and the tiles settle before a picture is taken. */
const settle = (page: Page) => page.waitForTimeout(400);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-supervisor');
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { SEED_CUSTOMERS: '100', SEED_HEAVY_INTERACTIONS: '50', LOG_LEVEL: 'warn' } });
  browser = await launchChromium();
  feeder = await deskSocket(hub.url, 'supervisor');
  queues = data(await feeder.emitWithAck('admin:queue:list', {}));
  users = data(await feeder.emitWithAck('admin:user:list', {}));
});

/** Signs in (a test's first step: signing in polls, which only a test may do) and closes the context after the suite. */
async function desk(username: string, locale?: string): Promise<Page> {
  const { page, context } = await signIn(browser, hub.url, username, locale);
  contexts.push(context);
  return page;
}

afterAll(async () => {
  feeder?.disconnect();
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('supervisor live view', () => {
  it('is not offered to an agent', async () => {
    agent1 = await desk('agent1');
    supervisor = await desk('supervisor');
    await agent1.getByTestId('agent-state').waitFor();
    expect(await agent1.getByTestId('supervisor-toggle').count()).toBe(0);
  });

  it('shows a queue fill up live, with each waiting customer', async () => {
    await supervisor.getByTestId('supervisor-toggle').click();
    const live = supervisor.getByTestId('supervisor-live');
    await live.waitFor({ timeout: 15_000 });
    const tile = tileOf(general().id);
    await expect.poll(() => tile.getAttribute('data-waiting')).toBe('0');
    const boardAt = Number(await live.getAttribute('data-board-at'));

    const customerId = await firstCustomerId();
    const stamp = Date.now().toString(36);
    for (const [channel, subject] of [
      ['chat', `Parcel late ${stamp}`],
      ['email', `Invoice copy ${stamp}`],
      ['sms', `Change address ${stamp}`],
    ] as const) {
      data(await feeder.emitWithAck('task:create', { channel, queueId: general().id, customerId, subject }));
    }

    await expect.poll(() => tile.getAttribute('data-waiting'), { timeout: 10_000 }).toBe('3');
    await expect.poll(() => supervisor.getByTestId('waiting-row').count()).toBe(3);
    expect(Number(await live.getAttribute('data-board-at'))).toBeGreaterThan(boardAt);
    await expect(supervisor.getByTestId('waiting-row').first().getByTestId('tier-badge').count()).resolves.toBe(1);
    await settle(supervisor);
    await supervisor.screenshot({ path: join(ARTIFACTS, 'supervisor-live.png'), fullPage: true });
  });

  it('moves a waiting task to another queue and assigns one to a named agent', async () => {
    const moved = supervisor.getByTestId('waiting-row').filter({ hasText: 'Invoice copy' });
    const taskId = (await moved.getAttribute('data-task-id')) ?? '';
    await moved.getByTestId('waiting-move').selectOption(billing().id);
    const billingRows = supervisor.locator(`[data-testid="waiting-queue"][data-queue-id="${billing().id}"] [data-testid="waiting-row"]`);
    await expect.poll(() => billingRows.getAttribute('data-task-id'), { timeout: 10_000 }).toBe(taskId);
    await expect.poll(() => tileOf(general().id).getAttribute('data-waiting')).toBe('2');
    await expect.poll(() => tileOf(billing().id).getAttribute('data-waiting')).toBe('1');

    // Away, so routing offers agent1 nothing: whatever reaches their desk now is the supervisor's pick.
    await agent1.getByTestId('agent-state-select').selectOption('away:lunch');
    await expect.poll(() => agent1.getByTestId('agent-state').getAttribute('data-status')).toBe('away');
    const picked = supervisor.getByTestId('waiting-row').filter({ hasText: 'Parcel late' });
    // Only the queue's signed-in members are offered: agent1 (in every queue, away) is; logged-out agents are not.
    await expect.poll(() => picked.locator(`[data-testid="waiting-assign"] option[value="${userId('agent1')}"]`).count()).toBe(1);
    expect(await picked.locator(`[data-testid="waiting-assign"] option[value="${userId('agent4')}"]`).count()).toBe(0);
    await picked.getByTestId('waiting-assign').selectOption(userId('agent1'));
    await expect.poll(() => agent1.getByTestId('inbox-task').filter({ hasText: 'Parcel late' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => picked.count()).toBe(0);
    await expect.poll(() => tileOf(general().id).getAttribute('data-waiting')).toBe('1');
    expect(await agent1.getByTestId('agent-state').getAttribute('data-status')).toBe('away');
  });

  it('changes an agent’s state, and the agent’s desktop follows', async () => {
    await supervisor.getByTestId('supervisor-tab-agents').click();
    const row = agentRow(supervisor, 'agent1');
    await row.waitFor();
    await expect.poll(() => row.getByTestId('agent-status').getAttribute('data-status')).toBe('away');
    await row.getByTestId('agent-state-action').selectOption('available');
    await expect.poll(() => agent1.getByTestId('agent-state').getAttribute('data-status'), { timeout: 10_000 }).toBe('available');
    // Available with the assigned chat in hand: busy on the floor.
    await expect.poll(() => row.getByTestId('agent-status').getAttribute('data-status')).toBe('busy');
    await row.getByTestId('agent-state-action').selectOption('away:break');
    await expect.poll(() => agent1.getByTestId('agent-state').getAttribute('data-status'), { timeout: 10_000 }).toBe('away');
    await expect.poll(() => row.getByTestId('agent-status').getAttribute('data-status')).toBe('away');
  });

  it('messages one agent and a whole team; the agent sees both on their desk', async () => {
    const row = agentRow(supervisor, 'agent1');
    await row.getByTestId('agent-message').click();
    const text = `Please take the billing backlog after your break ${Date.now().toString(36)}`;
    await supervisor.getByTestId('message-text').fill(text);
    await supervisor.getByTestId('message-send').click();
    await expect.poll(() => supervisor.getByTestId('message-sent').getAttribute('data-delivered')).toBe('1');
    const notice = agent1.getByTestId('supervisor-message').filter({ hasText: text });
    await notice.waitFor({ timeout: 10_000 });
    await agent1.screenshot({ path: join(ARTIFACTS, 'supervisor-agent-message.png') });
    await notice.getByTestId('supervisor-message-dismiss').click();
    await expect.poll(() => notice.count()).toBe(0);

    await supervisor.getByTestId('team-select').selectOption(general().id);
    await supervisor.getByTestId('team-message').click();
    const teamText = `Team: queue is building, finish wrap-up ${Date.now().toString(36)}`;
    await supervisor.getByTestId('message-text').fill(teamText);
    await supervisor.getByTestId('message-send').click();
    await supervisor.getByTestId('message-sent').waitFor();
    const teamNotice = agent1.getByTestId('supervisor-message').filter({ hasText: teamText });
    await teamNotice.waitFor({ timeout: 10_000 });
    expect(await teamNotice.textContent()).toContain(general().name);
    await settle(supervisor);
    await supervisor.screenshot({ path: join(ARTIFACTS, 'supervisor-agents.png'), fullPage: true });
  });

  it('logs an agent out, after asking', async () => {
    const row = agentRow(supervisor, 'agent1');
    await row.getByTestId('agent-state-action').selectOption('offline');
    await row.getByTestId('agent-logout-confirm').waitFor();
    await row.getByTestId('agent-logout-yes').click();
    await expect.poll(() => agent1.getByTestId('agent-state').getAttribute('data-status'), { timeout: 10_000 }).toBe('offline');
    await expect.poll(() => row.getByTestId('agent-status').getAttribute('data-status')).toBe('offline');
  });

  it('edits an agent’s skills and queues, pointing at a skill name the hub would refuse', async () => {
    const row = agentRow(supervisor, 'agent4');
    await row.getByTestId('agent-edit').click();
    const form = supervisor.getByTestId('agent-edit-form');
    await form.waitFor();
    await form.getByTestId('edit-skill-add').click();
    const name = form.getByTestId('edit-skill-name').last();
    await name.fill('bad name!');
    await form.getByTestId('agent-edit-save').click();
    await form.getByTestId('agent-edit-problem').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');

    await name.fill('billing');
    await form.getByTestId('edit-skill-level').last().selectOption('2');
    await form.locator(`[data-testid="edit-queue"][data-queue-id="${billing().id}"]`).check();
    await form.getByTestId('agent-edit-save').click();
    await expect.poll(() => form.count(), { timeout: 10_000 }).toBe(0);
    const profile = data(await feeder.emitWithAck('admin:agent:list', {})).find((candidate) => candidate.userId === userId('agent4'));
    expect(profile?.skills.billing).toBe(2);
    expect(profile?.queueIds).toContain(billing().id);
  });

  it('refuses a bad threshold, saves a good one, and raises the alert it sets', async () => {
    await supervisor.getByTestId('supervisor-tab-thresholds').click();
    const waitField = supervisor.locator(`[data-testid="thresholds-row"][data-queue-id="${general().id}"] [data-testid="threshold-waitAboveSec"]`);
    await waitField.fill('0');
    await supervisor.getByTestId('thresholds-save').click();
    await expect.poll(() => waitField.getAttribute('aria-invalid')).toBe('true');
    expect(await supervisor.getByTestId('thresholds-saved').count()).toBe(0);

    await waitField.fill('2');
    await supervisor.getByTestId('thresholds-save').click();
    await supervisor.getByTestId('thresholds-saved').waitFor();
    // Nobody is available now, so this one waits, past two seconds.
    data(await feeder.emitWithAck('task:create', { channel: 'chat', queueId: general().id, customerId: await firstCustomerId(), subject: 'Where is my refund' }));
    const alert = supervisor.locator(`[data-testid="supervisor-alert"][data-kind="long-wait"]`).filter({ hasText: general().name });
    await alert.waitFor({ timeout: 15_000 });
    await supervisor.getByTestId('supervisor-tab-live').click();
    await supervisor.getByTestId('supervisor-live').waitFor();
  });

  it('shows the wallboard full-window, large', async () => {
    await supervisor.getByTestId('wallboard-open').click();
    const wallboard = supervisor.getByTestId('wallboard');
    await wallboard.waitFor();
    const box = await wallboard.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(1270);
    expect(box?.height).toBeGreaterThanOrEqual(790);
    await expect.poll(() => supervisor.getByTestId('wallboard-queue').count()).toBe(queues.length);
    await settle(supervisor);
    await supervisor.screenshot({ path: join(ARTIFACTS, 'supervisor-wallboard.png') });
    await supervisor.getByTestId('wallboard-close').click();
    await expect.poll(() => wallboard.count()).toBe(0);
  });

  it('reads in Chinese', async () => {
    const page = await desk('supervisor', 'zh-CN');
    await page.getByTestId('supervisor-toggle').click();
    await page.getByTestId('supervisor-live').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('supervisor-tab-live').textContent()).toBe('实时队列');
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'supervisor-live-zh.png'), fullPage: true });
    await page.getByTestId('supervisor-tab-agents').click();
    await page.getByTestId('agent-row').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'supervisor-agents-zh.png'), fullPage: true });
    await page.getByTestId('wallboard-open').click();
    await page.getByTestId('wallboard').waitFor();
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'supervisor-wallboard-zh.png') });
  });
});

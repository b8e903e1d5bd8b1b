import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesWithText, signIn } from './desktop';
import { data, deskSocket, type HubSocket } from './hub-client';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
let supervisor: HubSocket;
const contexts: BrowserContext[] = [];
/** agent1's desktop, signed in by the first test and reused by the next. */
let agent1: Page | undefined;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-routing');
  hub = await startHubProcess({
    port: await freePort(),
    dataDir,
    env: { SEED_CUSTOMERS: '100', SEED_HEAVY_INTERACTIONS: '200', LOG_LEVEL: 'warn' },
  });
  browser = await launchChromium();
  supervisor = await deskSocket(hub.url, 'supervisor');
});

afterAll(async () => {
  supervisor?.disconnect();
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('routing: an offer rings, the agent takes it and wraps it up', () => {
  it('offers a task with screen pop, and the disposition lands on the timeline', async () => {
    const { page: agent, context } = await signIn(browser, hub.url, 'agent1');
    contexts.push(context);
    agent1 = agent;
    await agent.getByTestId('agent-state-select').selectOption('available');
    await expect.poll(() => agent.getByTestId('agent-state').getAttribute('data-status')).toBe('available');

    const queues = data(await supervisor.emitWithAck('admin:queue:list', {}));
    const general = queues.find((queue) => queue.requiredSkills && Object.keys(queue.requiredSkills).length === 0);
    expect(general, 'the demo has a queue without required skills').toBeDefined();
    const page = data(await supervisor.emitWithAck('sync:pull', { since: 0, limit: 50 }));
    const customer = page.changes.find((change) => change.entity === 'customer')?.data;
    if (!customer || !('number' in customer)) throw new Error('no customer in the first pull page');

    const subject = `Where is my parcel? ${Date.now().toString(36)}`;
    data(await supervisor.emitWithAck('task:create', { channel: 'chat', queueId: general?.id ?? '', customerId: customer.id, subject }));

    const toast = agent.getByTestId('offer-toast');
    await toast.waitFor({ timeout: 15_000 });
    await expect(toast.textContent()).resolves.toContain(customer.number);
    await toast.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)));
    await agent.screenshot({ path: join(ARTIFACTS, 'routing-offer.png') });

    await agent.keyboard.press('Alt+A');
    await expect.poll(() => agent.getByTestId('customer-number').textContent()).toContain(customer.number);
    const task = agent.getByTestId('inbox-task').filter({ hasText: subject });
    await expect.poll(() => task.getAttribute('data-status')).toBe('assigned');

    await task.click();
    await agent.getByTestId('task-complete').click();
    const form = agent.getByTestId('wrapup-form');
    await form.waitFor();
    const dispositions = await agent.getByTestId('wrapup-disposition').locator('option').allTextContents();
    const resolved = dispositions.find((label) => /resolved/i.test(label));
    expect(resolved, `a "resolved" disposition among ${dispositions.join(', ')}`).toBeDefined();
    await agent.getByTestId('wrapup-disposition').selectOption({ label: resolved ?? '' });
    await agent.getByTestId('wrapup-note').fill('Parcel re-sent by express');
    await agent.screenshot({ path: join(ARTIFACTS, 'routing-wrapup.png') });
    await agent.getByTestId('wrapup-submit').click();

    await expect.poll(() => agent.getByTestId('inbox-task').filter({ hasText: subject }).count()).toBe(0);
    await expect.poll(() => notesWithText(agent, 'Parcel re-sent by express')).toBe(1);
    await expect(agent.getByTestId('timeline-item').filter({ hasText: 'Parcel re-sent' }).textContent()).resolves.toMatch(/resolved/i);
  });
});

describe('routing: transfer to a colleague', () => {
  it('agent1 transfers an assigned task to agent2, who gets the offer with the customer and their history', async () => {
    if (!agent1) throw new Error('agent1 is not signed in');
    const sender = agent1;
    const { page: receiver, context } = await signIn(browser, hub.url, 'agent2', 'zh-CN');
    contexts.push(context);
    await receiver.getByTestId('agent-state-select').selectOption('available');
    await expect.poll(() => receiver.getByTestId('agent-state').getAttribute('data-status')).toBe('available');
    const users = data(await supervisor.emitWithAck('admin:user:list', {}));
    const agent2 = users.find((user) => user.username === 'agent2');
    if (!agent2) throw new Error('no agent2');

    const queues = data(await supervisor.emitWithAck('admin:queue:list', {}));
    const general = queues.find((queue) => Object.keys(queue.requiredSkills).length === 0);
    const page = data(await supervisor.emitWithAck('sync:pull', { since: 0, limit: 50 }));
    const customer = page.changes.find((change) => change.entity === 'customer')?.data;
    if (!general || !customer || !('number' in customer)) throw new Error('no queue or customer to work with');
    const subject = `Please transfer me ${Date.now().toString(36)}`;
    data(await supervisor.emitWithAck('task:create', { channel: 'chat', queueId: general.id, customerId: customer.id, subject }));

    await sender.getByTestId('offer-toast').filter({ hasText: subject }).waitFor({ timeout: 15_000 });
    await sender.keyboard.press('Alt+A');
    const task = sender.getByTestId('inbox-task').filter({ hasText: subject });
    await expect.poll(() => task.getAttribute('data-status')).toBe('assigned');
    await task.click();
    await sender.getByTestId('task-transfer').click();
    await sender.getByTestId('transfer-dialog').waitFor();
    await sender.getByTestId('transfer-mode-agent').check();
    await expect.poll(() => sender.getByTestId('transfer-agent').locator(`option[value="${agent2.id}"]`).isDisabled()).toBe(false);
    await sender.getByTestId('transfer-agent').selectOption(agent2.id);
    await sender.screenshot({ path: join(ARTIFACTS, 'routing-transfer.png') });
    await sender.getByTestId('transfer-submit').click();
    await expect.poll(() => sender.getByTestId('inbox-task').filter({ hasText: subject }).count()).toBe(0);

    const toast = receiver.getByTestId('offer-toast').filter({ hasText: subject });
    await toast.waitFor({ timeout: 15_000 });
    await expect(toast.textContent()).resolves.toContain(customer.number);
    await receiver.keyboard.press('Alt+A');
    await expect.poll(() => receiver.getByTestId('customer-number').textContent()).toContain(customer.number);
    await expect.poll(() => receiver.getByTestId('timeline-item').count()).toBeGreaterThan(0);
    await expect.poll(() => receiver.getByTestId('task-transfer').textContent()).toBe('转接');
  });
});

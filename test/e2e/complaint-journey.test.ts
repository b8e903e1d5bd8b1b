import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUp } from '../../shared/follow-ups/follow-up';
import { createSmtpRelay } from '../integration/helpers/smtp-relay';
import { sqliteTestStore, type TestStore } from '../integration/helpers/test-stores';
import { expectOk, startTestHub, type TestHub } from '../integration/helpers/test-hub';
import { openCustomer, pendingCount, signIn } from './desktop';
import { freePort, launchChromium } from './harness';

/**
 * Issue 7's whole journey for one unhappy customer, as the people involved
 * live it: the agent logs the complaint from the customer's record and sees
 * its clocks; acknowledging and resolving it mail the customer from the
 * templates (a real SMTP relay receives them); the day after, the
 * after-complaint satisfaction check falls due on the agent's follow-up list
 * (the hub runs in this process, so the test moves its clock and the page's);
 * closing the complaint mails the customer a survey link, the customer
 * answers on the hub's page, and the answer lands on the timeline beside the
 * complaint's steps and the follow-up.
 */
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const HOUR = 3_600_000;

let store: TestStore;
let t: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
let agent: Page;
let customer: { id: string; number: string; name: string; email: string };

const relay = createSmtpRelay();
const mails = relay.received;
const mailsTo = (address: string) => mails.filter((mail) => JSON.stringify(mail.to).includes(address));
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, name) });
const hubFollowUps = async (): Promise<FollowUp[]> =>
  (await t.hub.db.selectFrom('follow_ups').select('data').where('customer_id', '=', customer.id).execute()).map((row) => JSON.parse(row.data) as FollowUp);
const detail = () => agent.getByTestId('complaint-detail').first();

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await relay.start();
  store = await sqliteTestStore();
  t = await startTestHub(store, {
    PORT: String(await freePort()),
    SEED_CUSTOMERS: '40',
    ACCESS_TTL_SEC: String(24 * 60 * 60),
    LOG_LEVEL: 'silent',
    SWITCHBOARD_RENDERER: join(process.cwd(), 'dist', 'renderer'),
    SMTP_RELAY_URL: relay.url,
  });
  const row = await t.hub.db
    .selectFrom('customers')
    .innerJoin('identities', 'identities.customer_id', 'customers.id')
    .select(['customers.id', 'customers.number', 'customers.name', 'identities.value'])
    .where('identities.kind', '=', 'email')
    .orderBy('customers.number')
    .executeTakeFirstOrThrow();
  customer = { id: row.id, number: row.number, name: row.name, email: row.value };

  // The centre's choices for this journey: the satisfaction check a day after the resolution, and closed complaints surveyed.
  const admin = await t.desktop('admin');
  const rules = expectOk(await admin.emitWithAck('followUp:settings', {}));
  expectOk(await admin.emitWithAck('admin:followUps:set', { ...rules, afterComplaint: { enabled: true, days: 1 } }));
  const surveys = expectOk(await admin.emitWithAck('admin:surveys:get', {}));
  expectOk(await admin.emitWithAck('admin:surveys:set', { ...surveys, complaints: true }));
  admin.disconnect();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
  await store?.cleanup();
  await relay.stop();
});

describe('a complaint from logging to the customer’s rating', () => {
  it('is logged from the customer’s record with its clocks running', async () => {
    const signed = await signIn(browser, t.hub.url, 'agent1');
    contexts.push(signed.context);
    agent = signed.page;
    await openCustomer(agent, customer.number);
    await agent.getByTestId('complaint-log').click();
    const form = agent.getByTestId('complaint-form');
    await form.getByTestId('complaint-category').selectOption('product');
    await form.getByTestId('complaint-sub-category').selectOption({ index: 1 });
    await form.getByTestId('complaint-severity-medium').check({ force: true });
    await form.getByTestId('complaint-description').fill('The kettle stopped heating after a week.');
    await form.getByTestId('complaint-request').fill('A working kettle');
    await form.getByTestId('complaint-submit').click();
    await form.waitFor({ state: 'detached' });
    const view = detail();
    expect(await view.getAttribute('data-status')).toBe('new');
    expect(await view.getByTestId('clock-first-response').getAttribute('data-colour')).toBe('green');
    await expect.poll(() => pendingCount(agent), { timeout: 30_000 }).toBe(0);
  });

  it('tells the customer by email when it is acknowledged and when it is resolved', async () => {
    const view = detail();
    await view.getByTestId('step-acknowledge').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('acknowledged');
    await view.getByTestId('step-resolve').click();
    await view.getByTestId('resolve-note').fill('Sent a new kettle by courier; the faulty one is collected on delivery.');
    await view.getByTestId('resolve-root-cause').selectOption({ index: 1 });
    await view.getByTestId('resolve-submit').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('resolved');
    await expect.poll(() => pendingCount(agent), { timeout: 30_000 }).toBe(0);

    // The messages leave the hub's email outbox for the relay, rendered from the templates.
    await expect.poll(() => mailsTo(customer.email).length, { timeout: 30_000 }).toBe(2);
    // The demo customer has a Chinese name, so the Chinese templates are used; the agent's note goes in as written.
    const resolution = mailsTo(customer.email).find((mail) => mail.text?.includes('Sent a new kettle by courier'));
    expect(resolution?.subject).toMatch(/^您的投诉 CP-\w+ 已处理完毕/);
    expect(resolution?.text).toContain(customer.name);
    await shot(agent, 'complaint-journey-resolved-en.png');
  });

  it('puts the satisfaction check on the agent’s follow-up list when it falls due a day later', async () => {
    await agent.getByTestId('complaint-close').click();
    const [booked] = await hubFollowUps();
    expect(booked).toMatchObject({ kind: 'complaint-check', status: 'scheduled', origin: 'after-complaint' });
    // Not due yet: a day, then a little more.
    t.clock.offsetMs += 25 * HOUR;
    await agent.clock.setFixedTime(Date.now() + 25 * HOUR);
    await t.hub.followUps.scheduler.check();
    await expect.poll(async () => (await hubFollowUps()).map((f) => f.status)).toEqual(['due']);
    const overdue = agent.getByTestId('follow-ups-overdue').getByTestId('follow-up-row');
    await expect.poll(() => overdue.filter({ hasText: 'After-complaint check' }).count(), { timeout: 30_000 }).toBe(1);
    await shot(agent, 'complaint-journey-follow-up-en.png');
  });

  it('mails a survey link when the complaint is closed, and the customer’s answer lands on the timeline', async () => {
    await agent.getByTestId('customer-complaints').getByTestId('complaint-row').first().click();
    const view = detail();
    await view.getByTestId('step-close').click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('closed');
    await agent.getByTestId('complaint-close').click();

    await expect.poll(() => mailsTo(customer.email).length, { timeout: 30_000 }).toBe(3);
    const survey = mailsTo(customer.email)[2];
    const link = /https?:\/\/\S+\/survey\/\S+/.exec(survey?.text ?? '')?.[0];
    expect(link).toBeTruthy();

    const context = await browser.newContext({ viewport: { width: 480, height: 820 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    expect((await page.goto(link ?? ''))?.status()).toBe(200);
    await page.locator('label[for="csat-5"]').click();
    await page.locator('#comment').fill('Quick and kind. Thank you.');
    await page.screenshot({ path: join(ARTIFACTS, 'complaint-journey-survey-zh-CN.png'), fullPage: true });
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('[data-survey-message]').waitFor();

    const answer = agent.locator('[data-testid="timeline-item"][data-channel="survey"]');
    await expect.poll(() => answer.count(), { timeout: 30_000 }).toBe(1);
    expect(await answer.first().textContent()).toContain('Satisfaction 5/5');
    // The one timeline tells the whole story: the complaint's steps, the follow-up and the rating.
    for (const channel of ['complaint', 'follow-up', 'survey']) {
      expect(await agent.locator(`[data-testid="timeline-item"][data-channel="${channel}"]`).count(), channel).toBeGreaterThan(0);
    }
    await shot(agent, 'complaint-journey-timeline-en.png');
    await agent.getByTestId('language-zh-CN').click();
    await shot(agent, 'complaint-journey-timeline-zh-CN.png');
    await agent.getByTestId('language-en').click();
  });
});

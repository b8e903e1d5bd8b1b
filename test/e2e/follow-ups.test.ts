import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUp } from '../../shared/follow-ups/follow-up';
import { sqliteTestStore, type TestStore } from '../integration/helpers/test-stores';
import { startTestHub, type TestHub } from '../integration/helpers/test-hub';
import { badgeState, openCustomer, pendingCount, signIn } from './desktop';
import { freePort, launchChromium } from './harness';

/**
 * Follow-ups (回访) at the desk: an agent schedules one from the customer
 * 360; it sits on "My follow-ups"; when the hub's clock reaches its time it
 * falls due (the hub runs in this process, so the test moves its clock, and
 * the page's clock with it), the desktop reminds the agent once, and the
 * agent records "reached", which lands on the customer's timeline.
 * Supervisors see everyone's overdue follow-ups.
 */
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const MINUTE = 60_000;

let store: TestStore;
let t: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
let agent: Page;
let customerId: string;
let customerNumber: string;
let hubEnv: Record<string, string>;

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, name) });
const hubFollowUps = async (): Promise<FollowUp[]> =>
  (await t.hub.db.selectFrom('follow_ups').select('data').where('customer_id', '=', customerId).execute()).map((row) => JSON.parse(row.data) as FollowUp);
const pad = (n: number) => String(n).padStart(2, '0');
const localField = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  store = await sqliteTestStore();
  // The renderer the e2e build wrote; sessions outlive the clock moves.
  // A fixed port, so the page finds the hub again when the offline test starts it anew.
  hubEnv = {
    PORT: String(await freePort()),
    SEED_CUSTOMERS: '40',
    ACCESS_TTL_SEC: String(24 * 60 * 60),
    LOG_LEVEL: 'silent',
    SWITCHBOARD_RENDERER: join(process.cwd(), 'dist', 'renderer'),
  };
  t = await startTestHub(store, hubEnv);
  const row = await t.hub.db
    .selectFrom('customers')
    .innerJoin('identities', 'identities.customer_id', 'customers.id')
    .select(['customers.id', 'customers.number'])
    .where('identities.kind', '=', 'phone')
    .orderBy('customers.number')
    .executeTakeFirstOrThrow();
  customerId = row.id;
  customerNumber = row.number;
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
  await store?.cleanup();
});

describe('follow-ups at the desk', () => {
  it('schedules a follow-up from the customer 360; it is on My follow-ups at once', async () => {
    const signed = await signIn(browser, t.hub.url, 'agent1');
    contexts.push(signed.context);
    agent = signed.page;
    await openCustomer(agent, customerNumber);
    await agent.getByTestId('follow-up-schedule').click();
    const form = agent.getByTestId('follow-up-form');
    await form.waitFor();
    await agent.getByTestId('follow-up-kind').selectOption('return-visit');
    // Due in a few minutes: the test moves the clocks past it below.
    await agent.getByTestId('follow-up-due').fill(localField(Date.now() + 3 * MINUTE));
    await agent.getByTestId('follow-up-priority').selectOption('high');
    await agent.getByTestId('follow-up-notes').fill('Ask how the new router works');
    await agent.getByTestId('language-zh-CN').click();
    await shot(agent, 'follow-ups-schedule-form-zh-CN.png');
    await agent.getByTestId('language-en').click();
    await shot(agent, 'follow-ups-schedule-form-en.png');
    await agent.getByTestId('follow-up-submit').click();

    const mine = agent.getByTestId('my-follow-ups');
    await mine.getByTestId('follow-up-row').filter({ hasText: 'Return visit' }).waitFor();
    await expect.poll(async () => (await hubFollowUps()).map((f) => f.status)).toEqual(['scheduled']);
    const [stored] = await hubFollowUps();
    expect(stored).toMatchObject({ kind: 'return-visit', priority: 'high', notes: 'Ask how the new router works', queueId: null });
    // Its `scheduled` line reaches the timeline with the hub's answer.
    await agent.getByTestId('timeline-item').filter({ hasText: 'Scheduled' }).first().waitFor();
  });

  it('falls due when the hub clock reaches it: the desktop reminds the agent once and lists it as overdue', async () => {
    expect(await agent.getByTestId('follow-up-reminder').count()).toBe(0);
    t.clock.offsetMs += 10 * MINUTE;
    await agent.clock.setFixedTime(Date.now() + 10 * MINUTE);
    await t.hub.followUps.scheduler.check();
    const [due] = await hubFollowUps();
    expect(due?.status).toBe('due');
    // A call task was opened for it (the customer has a phone), preferring agent1.
    expect(due?.taskId).toBeTruthy();

    const reminder = agent.getByTestId('follow-up-reminder');
    await reminder.waitFor();
    expect(await reminder.count()).toBe(1);
    const overdue = agent.getByTestId('follow-ups-overdue');
    await overdue.getByTestId('follow-up-row').first().waitFor();
    expect(await overdue.getByTestId('follow-up-row').first().getAttribute('data-status')).toBe('due');
    await shot(agent, 'follow-ups-list-en.png');
    await agent.getByTestId('language-zh-CN').click();
    await shot(agent, 'follow-ups-list-zh-CN.png');
    await agent.getByTestId('language-en').click();
  });

  it('shows everyone\'s overdue follow-ups to a supervisor', async () => {
    const signed = await signIn(browser, t.hub.url, 'supervisor');
    contexts.push(signed.context);
    const sup = signed.page;
    await sup.getByTestId('supervisor-toggle').click();
    await sup.getByTestId('supervisor-tab-followUps').click();
    const rows = sup.getByTestId('overdue-follow-up');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(customerNumber);
    await shot(sup, 'follow-ups-supervisor-en.png');
    await sup.getByTestId('language-zh-CN').click();
    await shot(sup, 'follow-ups-supervisor-zh-CN.png');
  });

  it('lets an administrator turn a rule off and change its days, refusing days out of range', async () => {
    const signed = await signIn(browser, t.hub.url, 'admin');
    contexts.push(signed.context);
    const admin = signed.page;
    await admin.getByTestId('admin-toggle').click();
    await admin.getByTestId('admin-tab-follow-ups').click();
    const form = admin.getByTestId('follow-ups-admin-form');
    await form.waitFor();
    await admin.getByTestId('follow-ups-admin-decline-enabled').uncheck();
    await admin.getByTestId('follow-ups-admin-afterComplaint-days').fill('400');
    await admin.getByTestId('admin-save').click();
    await form.getByRole('alert').waitFor();
    await admin.getByTestId('follow-ups-admin-afterComplaint-days').fill('5');
    await admin.getByTestId('admin-save').click();
    await expect.poll(() => admin.getByTestId('admin-save-status').getAttribute('data-status')).toBe('saved');
    expect(await t.hub.followUps.service.settings()).toMatchObject({ afterComplaint: { enabled: true, days: 5 }, decline: { enabled: false } });
    await shot(admin, 'follow-ups-admin-en.png');
    await admin.getByTestId('language-zh-CN').click();
    await shot(admin, 'follow-ups-admin-zh-CN.png');
  });

  it('records "reached" with a note: the follow-up is done and the outcome is a timeline line', async () => {
    await agent.getByTestId('follow-up-reminder-open').click();
    expect(await agent.getByTestId('follow-up-reminder').count()).toBe(0);
    const row = agent.getByTestId('customer-follow-ups').getByTestId('follow-up-row').first();
    await row.getByTestId('follow-up-record').click();
    await row.getByTestId('follow-up-outcome-note').fill('Router fine, customer happy');
    await row.getByTestId('follow-up-reached').click();
    // The outcome line says what happened; opened, it shows the agent's note.
    const line = agent.getByTestId('timeline-item').filter({ hasText: 'Return visit · Reached' }).first();
    await line.waitFor();
    await line.getByRole('button').first().click();
    await line.getByTestId('timeline-details').filter({ hasText: 'Router fine, customer happy' }).waitFor();
    await expect.poll(async () => (await hubFollowUps()).map((f) => f.status)).toEqual(['done']);
    const [done] = await hubFollowUps();
    expect(done?.history.map((entry) => entry.outcome)).toEqual(['scheduled', 'reached']);
    expect(await agent.getByTestId('my-follow-ups').getByTestId('follow-up-row').count()).toBe(0);
    await shot(agent, 'follow-ups-reached-en.png');
  });

  it('schedules and records an outcome while the hub is down; the hub holds each exactly once', async () => {
    await t.close();
    await expect.poll(() => badgeState(agent), { timeout: 30_000 }).toBe('offline');
    await agent.getByTestId('follow-up-schedule').click();
    await agent.getByTestId('follow-up-kind').selectOption('renewal');
    await agent.getByTestId('follow-up-due').fill(localField(Date.now() + 2 * 86_400_000));
    await agent.getByTestId('follow-up-notes').fill('Contract ends next month');
    await agent.getByTestId('follow-up-submit').click();
    const row = agent.getByTestId('customer-follow-ups').getByTestId('follow-up-row').filter({ hasText: 'Renewal' });
    await row.waitFor();
    await row.getByTestId('follow-up-record').click();
    await row.getByTestId('follow-up-outcome-note').fill('Line busy');
    await row.getByTestId('follow-up-no-answer').click();
    await expect.poll(() => pendingCount(agent)).toBe(2);
    await shot(agent, 'follow-ups-offline-en.png');

    t = await startTestHub(store, hubEnv);
    await expect.poll(() => badgeState(agent), { timeout: 60_000 }).toBe('online');
    await expect.poll(() => pendingCount(agent), { timeout: 30_000 }).toBe(0);
    const renewals = (await hubFollowUps()).filter((f) => f.kind === 'renewal');
    expect(renewals).toHaveLength(1);
    expect(renewals[0]?.history.map((entry) => `${entry.outcome}:${entry.note}`)).toEqual(['scheduled:Contract ends next month', 'no-answer:Line busy']);
    const lines = await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', customerId).where('channel', '=', 'follow-up').execute();
    const renewalLines = lines.map((line) => JSON.parse(line.data) as { followUpId: string; outcome: string }).filter((line) => line.followUpId === renewals[0]?.id);
    expect(renewalLines.map((line) => line.outcome).sort()).toEqual(['no-answer', 'scheduled']);
    // Still open after no answer: on my list for another try.
    await agent.getByTestId('my-follow-ups').getByTestId('follow-up-row').filter({ hasText: 'Renewal' }).waitFor();
  });
});

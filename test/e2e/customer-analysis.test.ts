import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCustomer, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';
import { data, deskSocket } from './hub-client';

/**
 * Issue 7's customer analysis and cross-sell at the desk: the supervisor's
 * Customers tab draws the tier pyramid (a chart, with counts and profit
 * share), the lifecycle chart, tier migration between snapshots, the churn
 * list (a retention follow-up from one click) and the filtered customer list
 * with its CSV export; the 360 shows a cross-sell card whose buttons record
 * what the customer said.
 */
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const DAY = 86_400_000;

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Customer numbers that bought tea alone: the cross-sell card offers them the teapot. */
const teaOnly: string[] = [];

/**
 * Two snapshots written into the hub's SQLite file as the daily timer writes
 * them (WAL lets both write): 40 days ago every valuable customer made three
 * times today's profit and key customers were still ordinary (a month of
 * growth and a month of decline), and 10 days ago as today.
 */
function writeSnapshots(file: string): void {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  const day = (ago: number) => new Date(Date.now() - ago * DAY).toISOString().slice(0, 10);
  db.prepare(
    `insert into value_snapshots (day, customer_id, tier, stage, profit_cents, rfm_r)
     select ?, customer_id, case when tier = 'key' then 'ordinary' else tier end, stage, profit_cents * 3, rfm_r from customer_values where 1 = 1`,
  ).run(day(40));
  db.prepare('insert into value_snapshots (day, customer_id, tier, stage, profit_cents, rfm_r) select ?, customer_id, tier, stage, profit_cents, rfm_r from customer_values where 1 = 1').run(day(10));
  db.close();
}

async function shot(page: Page, name: string, testId: string): Promise<void> {
  for (const locale of ['zh-CN', 'en'] as const) {
    await page.getByTestId(`language-${locale}`).click();
    // The charts redraw their labels in the new language on the next frame.
    await page.waitForTimeout(300);
    await page.getByTestId(testId).screenshot({ path: join(ARTIFACTS, `${name}-${locale}.png`) });
  }
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-customer-analysis');
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { SEED_CUSTOMERS: '60', SEED_HEAVY_INTERACTIONS: '20', LOG_LEVEL: 'warn' } });
  browser = await launchChromium();
  const admin = await deskSocket(hub.url, 'admin');
  try {
    const customers = data(await admin.emitWithAck('customer:list', { sort: 'number', direction: 'asc', limit: 40 })).rows;
    // Twelve customers buy tea and a teapot together, six tea alone: "bought tea, also bought a teapot".
    for (const [i, customer] of customers.slice(0, 18).entries()) {
      const together = i < 12;
      if (!together) teaOnly.push(customer.number);
      data(
        await admin.emitWithAck('order:add', {
          customerId: customer.customerId,
          orderNo: `E2E-${i}`,
          amountCents: 50_000 + i * 10_000,
          profitCents: 20_000 + i * 5_000,
          items: together ? 'Longjing tea; Yixing teapot' : 'Longjing tea',
          orderedAt: Date.now() - (5 + i) * DAY,
        }),
      );
    }
    data(await admin.emitWithAck('admin:value:recompute', {}));
    data(await admin.emitWithAck('crossSell:mine', { settings: { minCount: 3, minSupport: 0, minConfidence: 0.2, minLift: 1 } }));
    // This supervisor takes work too (an agent profile), so a retention follow-up can be theirs.
    const supervisor = data(await admin.emitWithAck('admin:user:list', {})).find((user) => user.username === 'supervisor');
    if (!supervisor) throw new Error('the demo has no supervisor');
    data(await admin.emitWithAck('admin:agent:upsert', { userId: supervisor.id, skills: {}, queueIds: [], capacity: { call: 1 }, autoAccept: {}, maxMissedBeforeAway: 0 }));
  } finally {
    admin.disconnect();
  }
  writeSnapshots(join(dataDir, 'switchboard.sqlite'));
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('customer analysis at the desk', () => {
  let page: Page;

  it('draws the tier pyramid with counts and profit share, and the lifecycle and migration', async () => {
    const signedIn = await signIn(browser, hub.url, 'supervisor');
    contexts.push(signedIn.context);
    page = signedIn.page;
    await page.setViewportSize({ width: 1400, height: 1400 });
    await page.getByTestId('supervisor-toggle').click();
    await page.getByTestId('supervisor-tab-customers').click();
    const analysis = page.getByTestId('customer-analysis');
    await analysis.getByTestId('pyramid-chart').locator('canvas').waitFor({ timeout: 20_000 });
    await analysis.getByTestId('lifecycle-chart').locator('canvas').waitFor();

    const socket = await deskSocket(hub.url, 'supervisor');
    const pyramid = data(await socket.emitWithAck('analysis:pyramid', {}));
    socket.disconnect();
    expect(pyramid.customers).toBeGreaterThanOrEqual(60);
    for (const tier of pyramid.tiers) {
      expect(await analysis.getByTestId(`pyramid-row-${tier.tier}`).locator('td').first().textContent()).toBe(String(tier.customers));
    }
    // The key customers were ordinary 40 days ago: the matrix counts them as moved up.
    const key = pyramid.tiers.find((tier) => tier.tier === 'key')?.customers ?? 0;
    expect(key).toBeGreaterThan(0);
    await expect.poll(() => analysis.getByTestId('migration-row-ordinary').locator('td').nth(1).textContent()).toBe(String(key));
    await shot(page, 'customer-analysis-pyramid', 'pyramid-card');
    // Tall enough for the whole tab: the supervisor panel scrolls, and a screenshot shows only what is laid out on screen.
    await page.setViewportSize({ width: 1400, height: 2600 });
    await shot(page, 'customer-analysis-tab', 'customer-analysis');
    await page.setViewportSize({ width: 1400, height: 1400 });
  });

  it('filters the customer list and exports it', async () => {
    const list = page.getByTestId('customer-list');
    await list.getByTestId('customer-list-row').first().waitFor();
    await list.getByTestId('filter-tier-vip').check();
    await list.getByTestId('filter-tier-key').check();
    await list.getByTestId('filter-apply').click();
    await expect.poll(async () => new Set(await list.getByTestId('customer-list-row').getByTestId('tier-badge').evaluateAll((els) => els.map((el) => el.getAttribute('data-tier'))))).toEqual(new Set(['vip', 'key']));
    const shown = await list.getByTestId('customer-list-row').count();

    const [download] = await Promise.all([page.waitForEvent('download'), list.getByTestId('customers-export').click()]);
    const bytes = readFileSync(await download.path());
    expect(download.suggestedFilename()).toBe('customers.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Customer number,Name,Company,Tier,/);
    expect(lines.length - 2).toBe(shown);
  });

  it('creates a retention follow-up from the churn list in one click', async () => {
    const churn = page.getByTestId('churn-list');
    const row = churn.getByTestId('churn-row').first();
    await row.waitFor();
    expect(await row.getByTestId('churn-why').textContent()).toMatch(/profit .+ → /);
    const customerId = (await row.getAttribute('data-customer-id')) ?? '';
    await row.getByTestId('churn-follow').click();
    await row.getByTestId('churn-followed').waitFor();
    await shot(page, 'customer-analysis-churn', 'churn-card');

    const socket = await deskSocket(hub.url, 'supervisor');
    try {
      await expect
        .poll(async () => data(await socket.emitWithAck('followUp:list', { scope: 'mine' })).filter((f) => f.customerId === customerId && f.kind === 'retention'), { timeout: 15_000 })
        .toHaveLength(1);
      const [followUp] = data(await socket.emitWithAck('followUp:list', { scope: 'mine' })).filter((f) => f.customerId === customerId);
      const due = new Date(followUp?.dueAt ?? 0);
      expect([due.getHours(), due.getMinutes()]).toEqual([10, 0]);
      expect(followUp?.notes).toMatch(/^Churn risk: .*profit/);
    } finally {
      socket.disconnect();
    }
  });

  it('suggests the teapot on the 360 of a customer who bought tea alone, and records that it was taken', async () => {
    // Back to the desk (the supervisor area hides it), then to the customer.
    await page.getByTestId('supervisor-toggle').click();
    await openCustomer(page, teaOnly[0] ?? '');
    const card = page.getByTestId('cross-sell-card');
    const suggestion = card.getByTestId('cross-sell-suggestion').filter({ hasText: 'Yixing teapot' });
    await suggestion.waitFor({ timeout: 15_000 });
    // 18 baskets, tea in all of them, tea and teapot in 12: confidence 67 %, lift 1.
    expect(await suggestion.textContent()).toContain('Customers who bought Longjing tea also bought Yixing teapot');
    expect(await suggestion.getByTestId('cross-sell-figures').textContent()).toMatch(/^confidence 6\d\s?%/);
    await shot(page, 'customer-analysis-cross-sell-offer', 'cross-sell-card');
    await suggestion.getByTestId('cross-sell-made').click();
    await suggestion.getByTestId('cross-sell-state').waitFor();
    await suggestion.getByTestId('cross-sell-taken').click();
    await expect.poll(() => suggestion.getByTestId('cross-sell-state').textContent()).toBe('Taken');
    await shot(page, 'customer-analysis-cross-sell', 'cross-sell-card');

    const socket = await deskSocket(hub.url, 'supervisor');
    const figures = data(await socket.emitWithAck('crossSell:figures', {}));
    socket.disconnect();
    expect(figures.products.find((f) => f.product === 'Yixing teapot')).toMatchObject({ taken: 1, takeRate: 1 });

    // The supervisor's take-rate table shows it too.
    await page.getByTestId('supervisor-toggle').click();
    await page.getByTestId('supervisor-tab-customers').click();
    const table = page.getByTestId('cross-sell-figures-card');
    await expect.poll(() => table.getByTestId('cross-sell-figure-row').filter({ hasText: 'Yixing teapot' }).textContent(), { timeout: 15_000 }).toMatch(/Yixing teapot0\s*1\s*0\s*100\s?%/);
    await table.getByTestId('cross-sell-mine').click();
    await expect.poll(() => table.getByTestId('cross-sell-mined').textContent(), { timeout: 30_000 }).toMatch(/rules? from \d+ orders/);
    await shot(page, 'customer-analysis-take-rate', 'cross-sell-figures-card');
  });
});

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeState, openCustomer, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';
import { data, deskSocket } from './hub-client';

/**
 * Issue 7's customer value at the desk: after the hub's full recompute the
 * 360 shows the customer's tier, RFM, lifetime value with its inputs,
 * lifecycle stage and points; a supervisor adds a phone order and adjusts
 * points there (a redemption past the balance is refused with the balance);
 * the header badge follows the recomputed tier; offline the panel still
 * shows the cached figures, read-only.
 */
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const HUB_ENV = { SEED_CUSTOMERS: '100', SEED_HEAVY_INTERACTIONS: '100', LOG_LEVEL: 'warn' };

let hub: HubProcess;
let port: number;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

const panel = (page: Page) => page.getByTestId('customer-value');

async function shotPanel(page: Page, name: string): Promise<void> {
  for (const locale of ['zh-CN', 'en'] as const) {
    await page.getByTestId(`language-${locale}`).click();
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${locale}.png`), fullPage: true });
  }
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-customer-value');
  port = await freePort();
  hub = await startHubProcess({ port, dataDir, env: HUB_ENV });
  browser = await launchChromium();
  const admin = await deskSocket(hub.url, 'admin');
  try {
    // The first full run (the hub would do it at night): every seeded customer gets figures, tiers are redrawn.
    data(await admin.emitWithAck('admin:value:recompute', {}));
  } finally {
    admin.disconnect();
  }
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('customer value at the desk', () => {
  let page: Page;
  let customerId: string;

  it('shows the recomputed figures on the 360, with the badge the hub computed', async () => {
    const signedIn = await signIn(browser, hub.url, 'supervisor');
    contexts.push(signedIn.context);
    page = signedIn.page;
    await page.setViewportSize({ width: 1400, height: 1600 });
    await openCustomer(page, 'C000001');
    customerId = (await page.getByTestId('customer-view').getAttribute('data-customer-id')) ?? '';
    await panel(page).getByTestId('value-clv').waitFor({ timeout: 15_000 });

    const socket = await deskSocket(hub.url, 'agent1');
    const answer = data(await socket.emitWithAck('customer:value', { customerId }));
    socket.disconnect();
    const value = answer.value;
    if (!value) throw new Error('the recompute left C000001 without figures');
    // The header badge reads the customer record, which the recompute re-tiered; the panel reads the value row.
    await expect.poll(() => page.getByTestId('customer-profile').getByTestId('tier-badge').getAttribute('data-tier')).toBe(value.tier);
    expect(await panel(page).getByTestId('tier-badge').getAttribute('data-tier')).toBe(value.tier);
    expect(await panel(page).getByTestId('value-stage').getAttribute('data-stage')).toBe(value.lifecycle.stage);
    if (value.rfm) expect(await panel(page).getByTestId('rfm-recency').textContent()).toBe(`R${value.rfm.recency}`);
    await shotPanel(page, 'customer-value-panel');
  });

  it('adds a phone order and adjusts points there; a redemption past the balance is refused with the balance', async () => {
    const before = Number((await panel(page).getByTestId('points-balance').textContent())?.match(/\d+/)?.[0] ?? 0);
    await panel(page).getByTestId('order-add').click();
    const form = panel(page).getByTestId('order-add-form');
    await form.getByTestId('order-submit').click();
    expect(await form.locator('.form-error').count()).toBe(2);
    await form.getByTestId('order-no').fill('PHONE-0001');
    await form.getByTestId('order-amount').fill('1,288.00');
    await form.getByTestId('order-profit').fill('300');
    await form.getByTestId('order-items').fill('Longjing 250 g; gift tin');
    await form.getByTestId('order-submit').click();
    await form.waitFor({ state: 'detached' });
    // ¥1 288 earns 128 points at the default rule; the ledger shows the order.
    await expect.poll(() => panel(page).getByTestId('points-balance').textContent(), { timeout: 15_000 }).toContain(String(before + 128));
    await expect.poll(() => panel(page).getByTestId('value-ledger').textContent()).toContain('PHONE-0001');
    await expect.poll(() => page.getByTestId('timeline-item').filter({ hasText: 'PHONE-0001' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await panel(page).getByTestId('points-adjust').click();
    await panel(page).getByTestId('points-amount').fill('20');
    await panel(page).getByTestId('points-text').fill('Goodwill: late delivery');
    await panel(page).getByTestId('points-save').click();
    await expect.poll(() => panel(page).getByTestId('points-balance').textContent()).toContain(String(before + 148));

    await panel(page).getByTestId('points-redeem').click();
    await panel(page).getByTestId('points-amount').fill(String(before + 1_000));
    await panel(page).getByTestId('points-text').fill('GIFT-BOX');
    await panel(page).getByTestId('points-save').click();
    await expect.poll(() => panel(page).getByTestId('points-failure').textContent()).toBe(`The customer has only ${before + 148} points.`);
    await shotPanel(page, 'customer-value-refusal');
  });

  it('lets the administrator set the rules and recompute now', async () => {
    const signedIn = await signIn(browser, hub.url, 'admin');
    contexts.push(signedIn.context);
    const admin = signedIn.page;
    await admin.setViewportSize({ width: 1400, height: 1400 });
    await admin.getByTestId('admin-toggle').click();
    await admin.getByTestId('admin-area').waitFor();
    await admin.getByTestId('admin-tab-customer-value').click();
    const form = admin.getByTestId('value-admin');
    await form.waitFor();
    expect(await form.getByTestId('value-admin-vipShare').inputValue()).toBe('1');
    await form.getByTestId('value-admin-vipShare').fill('60');
    await form.getByTestId('value-admin-keyShare').fill('60');
    await admin.getByTestId('value-admin-save').click();
    await expect.poll(() => admin.locator('.admin-save-status').textContent()).toContain('more than 100');
    await form.getByTestId('value-admin-vipShare').fill('2');
    await form.getByTestId('value-admin-keyShare').fill('18');
    await admin.getByTestId('value-admin-save').click();
    await expect.poll(() => admin.locator('.admin-save-status').getAttribute('data-status')).toBe('saved');
    await form.getByTestId('value-recompute').click();
    await expect.poll(() => form.getByTestId('value-recomputed').textContent(), { timeout: 30_000 }).toMatch(/^100 customers/);
    for (const locale of ['zh-CN', 'en'] as const) {
      await admin.getByTestId(`language-${locale}`).click();
      await admin.screenshot({ path: join(ARTIFACTS, `customer-value-admin-${locale}.png`), fullPage: true });
    }
    const socket = await deskSocket(hub.url, 'admin');
    const saved = data(await socket.emitWithAck('admin:value:get', {}));
    socket.disconnect();
    expect(saved.tiers.shares).toEqual({ vip: 0.02, key: 0.18, ordinary: 0.3 });
  });

  it('keeps the figures on screen offline, without the actions', async () => {
    // Offline the hub's answer is gone: what shows now is the Dexie cache, kept current by sync.
    await hub.stop('SIGKILL');
    await expect.poll(() => badgeState(page), { timeout: 30_000 }).toBe('offline');
    await panel(page).getByTestId('value-offline').waitFor();
    expect(await panel(page).getByTestId('points-adjust').count()).toBe(0);
    expect(await panel(page).getByTestId('order-add').count()).toBe(0);
    expect(await panel(page).getByTestId('points-balance').textContent()).toMatch(/\d+/);
    await shotPanel(page, 'customer-value-offline');
    hub = await startHubProcess({ port, dataDir, env: HUB_ENV });
  });
});

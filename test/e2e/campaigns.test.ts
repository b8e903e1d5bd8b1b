import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTestStore, type TestStore } from '../integration/helpers/test-stores';
import { startTestHub, type TestHub } from '../integration/helpers/test-hub';
import { signIn } from './desktop';
import { freePort, launchChromium } from './harness';

/**
 * Outbound campaigns in the browser: a supervisor draws a list of the VIP
 * and key customers (the form counts them live), starts it; an agent asks for the
 * next customer, sees their 360 with the campaign bar, records "reached"
 * with a note, which lands on the timeline; the supervisor's list shows the
 * progress.
 */
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');

let store: TestStore;
let t: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
let sup: Page;
let agent: Page;
/** The VIP and key customers of the demo base: the list the supervisor draws. */
let vips: number;

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, name) });
async function bothLanguages(page: Page, name: string): Promise<void> {
  await page.getByTestId('language-zh-CN').click();
  await shot(page, `${name}-zh-CN.png`);
  await page.getByTestId('language-en').click();
  await shot(page, `${name}-en.png`);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  store = await sqliteTestStore();
  t = await startTestHub(store, {
    PORT: String(await freePort()),
    SEED_CUSTOMERS: '40',
    LOG_LEVEL: 'silent',
    SWITCHBOARD_RENDERER: join(process.cwd(), 'dist', 'renderer'),
  });
  const row = await t.hub.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('tier', 'in', ['vip', 'key']).executeTakeFirstOrThrow();
  vips = Number(row.n);
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
  await store?.cleanup();
});

describe('outbound campaigns', () => {
  it('lets a supervisor draw a list from a filter, counted live, and start it', async () => {
    // More than one, so the campaign is still running once the agent has worked one customer.
    expect(vips).toBeGreaterThan(1);
    const signed = await signIn(browser, t.hub.url, 'supervisor');
    contexts.push(signed.context);
    sup = signed.page;
    await sup.getByTestId('supervisor-toggle').click();
    await sup.getByTestId('supervisor-tab-campaigns').click();
    await sup.getByTestId('campaign-form').waitFor();
    await sup.getByTestId('campaign-name').fill('VIP check-in');
    await sup.getByTestId('campaign-tier-vip').check();
    await sup.getByTestId('campaign-tier-key').check();
    await expect.poll(() => sup.getByTestId('campaign-matches').textContent()).toBe(`${vips} customers match`);
    await bothLanguages(sup, 'campaigns-create');
    await sup.getByTestId('campaign-create').click();
    await expect.poll(() => sup.getByTestId('campaign-form-message').textContent()).toContain(`with ${vips} customers`);
    const row = sup.getByTestId('campaign-row').filter({ hasText: 'VIP check-in' });
    await row.waitFor();
    expect(await row.getByTestId('campaign-status').textContent()).toBe('Draft');
    await row.getByTestId('campaign-start').click();
    await expect.poll(() => row.getByTestId('campaign-status').textContent()).toBe('Running');
  });

  it('gives the agent the next customer in preview, and files the outcome on the timeline', async () => {
    const signed = await signIn(browser, t.hub.url, 'agent1');
    contexts.push(signed.context);
    agent = signed.page;
    const panel = agent.getByTestId('campaign-calls');
    await panel.getByTestId('campaign-next').click();
    const claim = panel.getByTestId('campaign-claim');
    await claim.waitFor();
    const customerId = await claim.getAttribute('data-customer');
    expect(customerId).toBeTruthy();
    // The 360 of that very customer opens beside the bar.
    await expect.poll(() => agent.getByTestId('customer-view').getAttribute('data-customer-id')).toBe(customerId);
    expect(await claim.textContent()).toContain('VIP check-in');
    // No softphone in this browser: the bar says why there is no Call button, or that there is no number.
    expect((await claim.getByTestId('campaign-call-reason').count()) + (await claim.getByTestId('campaign-no-phone').count())).toBe(1);
    // No skipping: recording without an outcome is refused on the spot.
    await claim.getByTestId('campaign-record').click();
    await claim.getByRole('alert').waitFor();
    await claim.getByTestId('campaign-outcome-reached').check();
    await claim.getByTestId('campaign-note').fill('Happy with the service; wants the new catalogue');
    await bothLanguages(agent, 'campaigns-preview');
    await claim.getByTestId('campaign-record').click();
    await expect.poll(() => panel.getByTestId('campaign-message').textContent()).toBe('Recorded. This customer is done.');
    const entry = await t.hub.db.selectFrom('campaign_entries').select(['status', 'last_outcome']).where('customer_id', '=', customerId ?? '').executeTakeFirstOrThrow();
    expect(entry).toEqual({ status: 'done', last_outcome: 'reached' });
    await agent.getByTestId('timeline-item').filter({ hasText: 'wants the new catalogue' }).first().waitFor();
  });

  it('shows the supervisor the progress', async () => {
    await sup.getByTestId('supervisor-tab-live').click();
    await sup.getByTestId('supervisor-tab-campaigns').click();
    const row = sup.getByTestId('campaign-row').filter({ hasText: 'VIP check-in' });
    await expect.poll(() => row.getByTestId('campaign-figures').textContent()).toContain(`1 of ${vips} worked`);
    await expect.poll(() => row.getByTestId('campaign-agents').textContent()).toContain('1 worked, 1 reached');
    expect(await row.getByTestId('campaign-status').textContent()).toBe('Running');
    await expect.poll(() => sup.getByTestId('campaign-matches').textContent()).toBe('40 customers match');
    await bothLanguages(sup, 'campaigns-progress');
  });
});

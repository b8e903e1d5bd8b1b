import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, badgeState, notesWithText, openCustomer, pendingCount, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

/**
 * The chaos property's real-browser run (test/integration/sync-chaos.test.ts
 * does it at scale in Node): two real desktops in Chromium lose the network,
 * both change the same customer — one change each that the other does not
 * touch, and one they both make, which the hub can take only once — the hub
 * restarts meanwhile, they come back one after the other, and both end with
 * the same customer, every note once, and the refused duplicate shown to
 * the agent who made it.
 */

const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const HUB_ENV = { SEED_CUSTOMERS: '40', SEED_HEAVY_INTERACTIONS: '100', LOG_LEVEL: 'warn' };
const CUSTOMER = 'C000003';

let hub: HubProcess;
let port: number;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  port = await freePort();
  dataDir = tempDataDir('sync-chaos');
  hub = await startHubProcess({ port, dataDir, env: HUB_ENV });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One customer as this desktop's cache holds it: the row (search terms aside), identities and timeline, sorted. */
function cachedCustomer(page: Page, number: string): Promise<unknown> {
  return page.evaluate(async (customerNumber) => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('switchboard:'));
    const name = names[0];
    if (names.length !== 1 || !name) throw new Error(`expected one cache, found ${names.length}`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error);
      });
    const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));
    const customer = (await all('customers')).find((row) => row.number === customerNumber);
    if (!customer) throw new Error(`${customerNumber} is not cached`);
    const { terms: _terms, ...row } = customer;
    const mine = (rows: Record<string, unknown>[]) => rows.filter((other) => other.customerId === customer.id).sort(byId);
    const state = { customer: row, identities: mine(await all('identities')), interactions: mine(await all('interactions')), outbox: (await all('outbox')).length };
    db.close();
    return state;
  }, number);
}

async function editProfile(page: Page, field: 'profile-name' | 'profile-company', value: string): Promise<void> {
  await page.getByTestId('profile-edit').click();
  await page.getByTestId(field).fill(value);
  await page.getByTestId('profile-save').click();
}

async function addPhone(page: Page, typed: string): Promise<void> {
  await page.getByTestId('identity-kind').selectOption('phone');
  await page.getByTestId('identity-value').fill(typed);
  await page.getByTestId('identity-submit').click();
}

const phones = (page: Page) => page.getByTestId('identity').filter({ hasText: '6123 4567' }).count();

describe('sync chaos in real browsers: two desktops off line, the hub restarting, one refusal', () => {
  it('converges both desktops on the hub and shows the refused change to its agent', async () => {
    const stamp = Date.now().toString(36);
    const a = await signIn(browser, `http://127.0.0.1:${port}`, 'agent1');
    const b = await signIn(browser, `http://127.0.0.1:${port}`, 'agent2', 'zh-CN');
    contexts.push(a.context, b.context);
    await openCustomer(a.page, CUSTOMER);
    await openCustomer(b.page, CUSTOMER);

    // Both lose the network; each works on, from its cache.
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await expect.poll(() => badgeState(a.page), { timeout: 30_000 }).toBe('offline');
    await expect.poll(() => badgeState(b.page), { timeout: 30_000 }).toBe('offline');
    const noteA = `Offline A ${stamp}`;
    const noteB = `离线 B ${stamp}`;
    await addNote(a.page, noteA);
    await editProfile(a.page, 'profile-company', `Chaos Trading ${stamp}`);
    await addPhone(a.page, '(021) 6123 4567');
    await addNote(b.page, noteB);
    await editProfile(b.page, 'profile-name', `混沌 Chaos ${stamp}`);
    // The same number in another format: the hub takes it once, from whoever comes back first.
    await addPhone(b.page, '+86 21 6123 4567');
    await expect.poll(() => pendingCount(a.page)).toBe(3);
    await expect.poll(() => pendingCount(b.page)).toBe(3);

    // The hub restarts on the same store while both are away.
    await hub.stop('SIGTERM');
    hub = await startHubProcess({ port, dataDir, env: HUB_ENV });

    await a.context.setOffline(false);
    await expect.poll(() => badgeState(a.page), { timeout: 60_000 }).toBe('online');
    await expect.poll(() => pendingCount(a.page), { timeout: 30_000 }).toBe(0);
    await b.context.setOffline(false);
    await expect.poll(() => badgeState(b.page), { timeout: 60_000 }).toBe('online');
    await expect.poll(() => pendingCount(b.page), { timeout: 30_000 }).toBe(0);

    // B's copy of the number was refused and said so; A's arrived in its place.
    const refused = (page: Page) => page.locator('[data-testid="notice"][data-kind="refused"]').count();
    await expect.poll(() => refused(b.page), { timeout: 30_000 }).toBe(1);
    expect(await refused(a.page)).toBe(0);
    expect(await b.page.locator('[data-testid="notice"][data-kind="refused"]').textContent()).toContain('新增的联系方式');
    for (const { page } of [a, b]) {
      await expect.poll(() => notesWithText(page, noteA), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => notesWithText(page, noteB), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => page.getByTestId('customer-company').textContent(), { timeout: 30_000 }).toBe(`Chaos Trading ${stamp}`);
      await expect.poll(() => page.getByTestId('customer-name').textContent(), { timeout: 30_000 }).toBe(`混沌 Chaos ${stamp}`);
      await expect.poll(() => phones(page), { timeout: 30_000 }).toBe(1);
    }
    // The two caches hold the same customer, identities and timeline, with nothing left to send.
    await expect.poll(async () => JSON.stringify(await cachedCustomer(a.page, CUSTOMER)) === JSON.stringify(await cachedCustomer(b.page, CUSTOMER)), { timeout: 30_000 }).toBe(true);
    expect(await cachedCustomer(a.page, CUSTOMER)).toMatchObject({ outbox: 0 });
    await a.page.screenshot({ path: join(ARTIFACTS, 'sync-chaos-converged-en.png') });
    await b.page.screenshot({ path: join(ARTIFACTS, 'sync-chaos-converged-zh.png') });
  });
});

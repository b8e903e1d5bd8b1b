import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from 'ulid';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Identity } from '../../shared/domain/customer';
import { badgeState, notesWithText, openCustomer, search, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';
import { data, deskSocket } from './hub-client';

/**
 * Data protection at the desk: a supervisor exports a customer's data as one
 * file, erases the customer after a confirm step with a reason, and the 360
 * shows the erased record; an agent's Chinese desktop that had the customer
 * cached forgets them (cache and screen); an administrator sets how long
 * recordings and files are kept.
 */
const SHOTS = process.env.CUSTOMER_SHOTS_DIR ?? join(process.cwd(), 'test-results', 'e2e');
const NUMBER = 'C000002';
const NOTE = `Lives at 7 Willow Lane, flat ${ulid().slice(-6)}`;

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let customer: Customer;
let identities: Identity[];

async function desktop(username: string, locale = 'en-US'): Promise<Page> {
  const { page, context } = await signIn(browser, hub.url, username, locale);
  contexts.push(context);
  return page;
}

/** How many rows of the customer the desktop's Dexie cache holds in one store (test-only read of IndexedDB). */
function cachedRows(page: Page, store: 'identities' | 'interactions', customerId: string, containing?: string): Promise<number> {
  return page.evaluate(
    async ({ store, customerId, containing }) => {
      const names = (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('switchboard:'));
      let count = 0;
      for (const name of names) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains(store)) {
              db.close();
              return resolve([]);
            }
            const read = db.transaction(store, 'readonly').objectStore(store).getAll();
            read.onsuccess = () => {
              db.close();
              resolve(read.result as unknown[]);
            };
            read.onerror = () => reject(read.error);
          };
        });
        count += rows.filter((row) => (row as { customerId?: string }).customerId === customerId && (!containing || JSON.stringify(row).includes(containing))).length;
      }
      return count;
    },
    { store, customerId, containing },
  );
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = tempDataDir('e2e-privacy');
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { SEED_CUSTOMERS: '30', SEED_HEAVY_INTERACTIONS: '40', LOG_LEVEL: 'warn', SMTP_PORT: '0' } });
  browser = await launchChromium();
  const socket = await deskSocket(hub.url, 'supervisor');
  try {
    const { changes } = data(await socket.emitWithAck('sync:pull', { since: 0, limit: 2_000 }));
    const found = changes.flatMap((change) => (change.entity === 'customer' && change.op === 'put' && change.data.number === NUMBER ? [change.data] : []))[0];
    if (!found) throw new Error(`no ${NUMBER}`);
    customer = found;
    identities = changes.flatMap((change) => (change.entity === 'identity' && change.op === 'put' && change.data.customerId === customer.id ? [change.data] : []));
    expect(identities.length).toBeGreaterThan(0);
    const { results } = data(
      await socket.emitWithAck('mutation:push', {
        mutations: [{ id: ulid(), createdAt: Date.now(), name: 'interaction.addNote', args: { interactionId: ulid(), customerId: customer.id, text: NOTE, occurredAt: Date.now() } }],
      }),
    );
    expect(results.map((result) => result.status)).toEqual(['applied']);
  } finally {
    socket.disconnect();
  }
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('customer data export and erasure', () => {
  let supervisor: Page;
  let agentZh: Page;

  it('shows agents no export or erase, and caches the customer on their desktop', async () => {
    agentZh = await desktop('agent2', 'zh-CN');
    await openCustomer(agentZh, NUMBER);
    await expect.poll(() => notesWithText(agentZh, NOTE), { timeout: 30_000 }).toBe(1);
    expect(await agentZh.getByTestId('privacy-actions').count()).toBe(0);
    expect(await cachedRows(agentZh, 'identities', customer.id)).toBe(identities.length);
    expect(await cachedRows(agentZh, 'interactions', customer.id, NOTE)).toBe(1);
  });

  it('exports everything held about the customer as one JSON download', async () => {
    supervisor = await desktop('supervisor');
    await openCustomer(supervisor, NUMBER);
    await supervisor.getByTestId('privacy-actions').waitFor();
    await supervisor.getByTestId('customer-profile').screenshot({ path: join(SHOTS, 'privacy-360-actions-en.png') });
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('privacy-export').click()]);
    expect(download.suggestedFilename()).toBe(`customer-${NUMBER}.json`);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { customer: Customer; identities: Identity[]; interactions: { channel: string; text?: string }[] };
    expect(exported.customer).toMatchObject({ id: customer.id, number: NUMBER, name: customer.name });
    expect(exported.identities.map((identity) => identity.value).sort()).toEqual(identities.map((identity) => identity.value).sort());
    expect(exported.interactions.filter((interaction) => interaction.text === NOTE)).toHaveLength(1);
  });

  it('erases after a confirm step with a reason, and the 360 shows the erased record', async () => {
    await supervisor.getByTestId('privacy-erase').click();
    const dialog = supervisor.getByTestId('erase-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('erase-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('erase-reason').fill('PIPL request 2026-118 by email');
    expect(await dialog.getByTestId('erase-confirm').isDisabled()).toBe(false);
    await dialog.screenshot({ path: join(SHOTS, 'privacy-erase-dialog-en.png') });
    await dialog.getByTestId('erase-confirm').click();

    await supervisor.getByTestId('customer-erased').waitFor({ timeout: 30_000 });
    await expect.poll(() => supervisor.getByTestId('customer-name').textContent()).toBe(`Erased customer #${NUMBER}`);
    await expect.poll(() => supervisor.getByTestId('erasure-detail').textContent()).toContain('PIPL request 2026-118 by email');
    await expect.poll(() => notesWithText(supervisor, NOTE)).toBe(0);
    expect(await supervisor.getByTestId('identity').count()).toBe(0);
    expect(await supervisor.getByTestId('privacy-actions').count()).toBe(0);
    await supervisor.screenshot({ path: join(SHOTS, 'privacy-360-erased-en.png') });
  });

  it('makes a second desktop forget the customer: its cache, its screen and the old phone number', async () => {
    await agentZh.getByTestId('customer-erased').waitFor({ timeout: 30_000 });
    await expect.poll(() => agentZh.getByTestId('customer-name').textContent()).toBe(`已删除的客户 #${NUMBER}`);
    expect(await agentZh.getByTestId('customer-erased').textContent()).toContain('该客户的个人信息已被删除');
    await expect.poll(() => cachedRows(agentZh, 'interactions', customer.id, NOTE)).toBe(0);
    expect(await cachedRows(agentZh, 'identities', customer.id)).toBe(0);
    expect(await notesWithText(agentZh, NOTE)).toBe(0);
    await agentZh.screenshot({ path: join(SHOTS, 'privacy-360-erased-zh.png') });
    const phone = identities.find((identity) => identity.kind === 'phone');
    if (phone) {
      await search(agentZh, phone.value);
      await expect.poll(() => agentZh.getByTestId('search-result').filter({ hasText: NUMBER }).count()).toBe(0);
    }
    // Found by their customer number, they are listed under the erased name in the desktop's language.
    await search(agentZh, NUMBER);
    await expect.poll(() => agentZh.getByTestId('search-result').filter({ hasText: NUMBER }).first().textContent()).toContain(`已删除的客户 #${NUMBER}`);
    expect(await badgeState(agentZh)).toBe('online');
  });
});

describe('retention settings', () => {
  async function openRetention(page: Page): Promise<void> {
    await page.getByTestId('admin-toggle').click();
    await page.getByTestId('admin-area').waitFor();
    await page.getByTestId('admin-tab-retention').click();
    await page.getByTestId('retention-admin').waitFor();
  }

  it('lets an administrator keep recordings and files for a number of days, refusing what is not one', async () => {
    const admin = await desktop('admin');
    await openRetention(admin);
    const form = admin.getByTestId('retention-admin');
    await form.getByTestId('retention-recordings').fill('abc');
    await form.getByTestId('retention-save').click();
    await form.getByTestId('retention-error-recordings').waitFor();
    await form.getByTestId('retention-recordings').fill('90');
    await form.getByTestId('retention-chat').fill('365');
    await form.getByTestId('retention-sms').fill('0');
    await form.getByTestId('retention-save').click();
    await expect.poll(() => form.getByTestId('admin-save-status').getAttribute('data-status')).toBe('saved');
    await form.getByTestId('retention-sweep').click();
    await expect.poll(() => form.getByTestId('retention-sweep-status').textContent()).toBe('0 files removed.');
    await form.screenshot({ path: join(SHOTS, 'privacy-retention-en.png') });

    const socket = await deskSocket(hub.url, 'supervisor');
    try {
      expect(data(await socket.emitWithAck('admin:retention:get', {}))).toEqual({ recordings: 90, email: null, chat: 365, sms: null });
    } finally {
      socket.disconnect();
    }
  });

  it('shows the settings in Chinese, read-only for a supervisor', async () => {
    const supervisorZh = await desktop('supervisor', 'zh-CN');
    await openRetention(supervisorZh);
    const form = supervisorZh.getByTestId('retention-admin');
    await expect.poll(() => form.getByTestId('retention-recordings').inputValue()).toBe('90');
    expect(await form.getByTestId('retention-recordings').getAttribute('readonly')).not.toBeNull();
    expect(await form.getByTestId('retention-save').count()).toBe(0);
    expect(await form.textContent()).toContain('通话录音（天）');
    await form.screenshot({ path: join(SHOTS, 'privacy-retention-zh.png') });
  });

  it('words the erase step in Chinese', async () => {
    const adminZh = await desktop('admin', 'zh-CN');
    await openCustomer(adminZh, 'C000003');
    await adminZh.getByTestId('privacy-erase').click();
    const dialog = adminZh.getByTestId('erase-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('此操作无法撤销');
    await dialog.getByTestId('erase-reason').fill('客户来电要求删除');
    await dialog.screenshot({ path: join(SHOTS, 'privacy-erase-dialog-zh.png') });
    await dialog.getByTestId('erase-cancel').click();
    await expect.poll(() => adminZh.getByTestId('erase-dialog').count()).toBe(0);
    expect(await adminZh.getByTestId('customer-erased').count()).toBe(0);
  });
});

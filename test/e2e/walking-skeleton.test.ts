import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, badgeState, notesWithText, openCustomer, pendingCount, search, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const HUB_ENV = { SEED_CUSTOMERS: '300', SEED_HEAVY_INTERACTIONS: '3000', LOG_LEVEL: 'warn' };

let hub: HubProcess;
let port: number;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function desktop(username: string, locale = 'en-US'): Promise<Page> {
  const { page, context } = await signIn(browser, hub.url, username, locale);
  contexts.push(context);
  return page;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  port = await freePort();
  dataDir = tempDataDir('e2e');
  hub = await startHubProcess({ port, dataDir, env: HUB_ENV });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('walking skeleton: two desktops, one hub, and a pulled plug', () => {
  let agentA: Page;
  let agentB: Page;
  const stamp = Date.now().toString(36);

  it('logs two agents in and finds customers by number, name, phone and email', async () => {
    agentA = await desktop('agent1');
    agentB = await desktop('agent2');

    await openCustomer(agentA, 'C000002');
    const name = (await agentA.getByTestId('customer-name').textContent()) ?? '';
    // A landline in a national format: the hub stores it as E.164, search accepts any format.
    await agentA.getByTestId('identity-kind').selectOption('phone');
    await agentA.getByTestId('identity-value').fill('(021) 6888 1234');
    await agentA.getByTestId('identity-submit').click();
    await expect.poll(() => agentA.getByTestId('identity').filter({ hasText: '6888 1234' }).count()).toBe(1);

    await search(agentA, '021-6888-1234');
    await expect.poll(() => agentA.getByTestId('search-result').filter({ hasText: 'C000002' }).count()).toBe(1);
    await search(agentA, '+86 21 6888 1234');
    await expect.poll(() => agentA.getByTestId('search-result').filter({ hasText: 'C000002' }).count()).toBe(1);

    await search(agentA, name.slice(0, 2));
    await expect.poll(() => agentA.getByTestId('search-result').filter({ hasText: 'C000002' }).count()).toBeGreaterThan(0);

    await openCustomer(agentA, 'C000002');
    const address =
      (await agentA.locator('[data-testid="identity"][data-kind="email"] .identity-value').first().textContent()) ?? '';
    expect(address, 'C000002 has an email identity').toContain('@');
    await search(agentA, address.toUpperCase());
    await expect.poll(() => agentA.getByTestId('search-result').filter({ hasText: 'C000002' }).count()).toBe(1);
  });

  it('shows a note added on desktop A on desktop B', async () => {
    await openCustomer(agentA, 'C000002');
    await openCustomer(agentB, 'C000002');
    const text = `Online note ${stamp}`;
    await addNote(agentA, text);
    await expect.poll(() => notesWithText(agentB, text), { timeout: 10_000 }).toBe(1);
  });

  it('shows hostile HTML in a note as text on every desktop, never as markup', async () => {
    const dialogs: string[] = [];
    agentB.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const hostile = `<img src=x onerror="alert('xss')"><script>alert('xss')</script> ${stamp}`;
    await addNote(agentA, hostile);
    await expect.poll(() => notesWithText(agentB, hostile), { timeout: 10_000 }).toBe(1);
    await agentB.getByTestId('timeline-item').filter({ hasText: hostile }).getByRole('button').first().click();
    expect(await agentB.locator('[data-testid="timeline"] img, [data-testid="timeline"] script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('keeps working offline and delivers everything exactly once when the hub returns', async () => {
    await hub.stop('SIGKILL');
    await expect.poll(() => badgeState(agentA), { timeout: 30_000 }).toBe('offline');
    await expect.poll(() => badgeState(agentB), { timeout: 30_000 }).toBe('offline');

    const offlineNotes = [`Offline note one ${stamp}`, `Offline note two ${stamp}`];
    for (const text of offlineNotes) await addNote(agentA, text);
    await agentA.getByTestId('profile-edit').click();
    await agentA.getByTestId('profile-company').fill(`Offline Trading ${stamp}`);
    await agentA.getByTestId('profile-save').click();
    await expect.poll(() => agentA.getByTestId('customer-company').textContent()).toBe(`Offline Trading ${stamp}`);
    expect(await pendingCount(agentA)).toBe(3);
    await expect(agentA.getByTestId('sync-badge').textContent()).resolves.toContain('3');

    // The cache serves search and other customers' timelines while the hub is gone.
    await openCustomer(agentA, 'C000004');
    await expect.poll(() => agentA.getByTestId('timeline-item').count()).toBeGreaterThan(0);
    await openCustomer(agentA, 'C000002');
    await agentA.screenshot({ path: join(ARTIFACTS, 'customer-360-offline.png') });

    // Web mode: the page itself reloads from the offline shell, with its cache and outbox intact.
    await agentA.reload();
    await expect.poll(() => badgeState(agentA), { timeout: 30_000 }).toBe('offline');
    expect(await pendingCount(agentA)).toBe(3);
    await openCustomer(agentA, 'C000002');
    await expect.poll(() => notesWithText(agentA, offlineNotes[0] as string)).toBe(1);

    hub = await startHubProcess({ port, dataDir, env: HUB_ENV });
    await expect.poll(() => badgeState(agentA), { timeout: 60_000 }).toBe('online');
    await expect.poll(() => pendingCount(agentA), { timeout: 30_000 }).toBe(0);

    for (const text of offlineNotes) {
      await expect.poll(() => notesWithText(agentB, text), { timeout: 30_000 }).toBe(1);
      expect(await notesWithText(agentA, text)).toBe(1);
    }
    await expect.poll(() => agentB.getByTestId('customer-company').textContent(), { timeout: 30_000 }).toBe(
      `Offline Trading ${stamp}`,
    );
    await agentB.screenshot({ path: join(ARTIFACTS, 'customer-360.png') });
  });

  it('lets a supervisor and an admin in, in Chinese', async () => {
    for (const username of ['supervisor', 'admin']) {
      const page = await desktop(username, 'zh-CN');
      await openCustomer(page, 'C000001');
      await expect(page.getByTestId('customer-view').textContent()).resolves.toContain('客户编号');
      if (username === 'admin') await page.screenshot({ path: join(ARTIFACTS, 'customer-360-zh.png') });
    }
  });
});

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeState } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');

/**
 * The desktop's bridge as Electron's preload gives it (electron/preload.ts),
 * standing in for the main process: settings kept in the page's storage, and
 * a saved hub change reloading the page, as electron/main.ts does so the new
 * hub's Content-Security-Policy applies.
 */
function fakeElectronBridge(): void {
  const stored = () => localStorage.getItem('fake-desktop-hub') ?? 'http://127.0.0.1:9';
  Object.assign(window, {
    desktop: {
      kind: 'electron',
      getSettings: async () => ({ ok: true, value: { hubUrl: stored() } }),
      setSettings: async (settings: { hubUrl: string }) => {
        const changed = settings.hubUrl !== stored();
        localStorage.setItem('fake-desktop-hub', settings.hubUrl);
        if (changed) setTimeout(() => location.reload(), 0);
        return { ok: true, value: settings };
      },
      notify: async () => ({ ok: true, value: null }),
      setTrayStatus: async () => ({ ok: true, value: null }),
      onDialLink: () => () => undefined,
    },
  });
}

let hub: HubProcess;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('hub-change');
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '100', LOG_LEVEL: 'warn' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('first run of the desktop: choosing the hub on the login screen', () => {
  for (const locale of ['en-US', 'zh-CN']) {
    it(`${locale}: a new hub address reloads the page for it, keeps the username and asks for the password again`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
      try {
        await context.addInitScript(fakeElectronBridge);
        const page = await context.newPage();
        await page.goto(hub.url);
        const hubField = page.getByTestId('login-hub-url');
        await expect.poll(() => hubField.inputValue()).toBe('http://127.0.0.1:9');
        await page.getByTestId('login-username').fill('agent1');
        await page.getByTestId('login-password').fill('demo1234');
        await hubField.fill(hub.url);
        await page.getByTestId('login-submit').click();

        await expect.poll(() => page.getByTestId('login-hub-changed').isVisible().catch(() => false), { timeout: 30_000 }).toBe(true);
        expect(await page.getByTestId('login-username').inputValue()).toBe('agent1');
        expect(await page.getByTestId('login-password').inputValue()).toBe('');
        expect(await hubField.inputValue()).toBe(hub.url);
        await page.screenshot({ path: join(ARTIFACTS, `desktop-hub-changed-${locale}.png`) });

        await page.getByTestId('login-password').fill('demo1234');
        await page.getByTestId('login-submit').click();
        await expect.poll(() => badgeState(page), { timeout: 60_000 }).toBe('online');
        // Signed in: the note is gone with the login screen, and a later reload does not bring it back.
        await page.reload();
        await expect.poll(() => badgeState(page), { timeout: 60_000 }).toBe('online');
      } finally {
        await context.close();
      }
    });
  }
});

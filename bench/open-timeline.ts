import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../hub/config';
import { startHub } from '../hub/server';
import { META_KEYS } from '../renderer/db/meta';
import { databaseNameFor } from '../renderer/db/schema';
import { customerNumber, DEMO_PASSWORD, demoUsers, HISTORY_SPAN_MS } from '../shared/demo';
import { launchBenchBrowser, rendererAssets } from './browser';
import { log } from './log';
import { scaled } from './scale';
import { report, round, summary } from './stats';

const DAY_MS = 86_400_000;
/** Wide enough for the demo's whole history (three years), so every interaction of the long timeline is cached. */
const WINDOW_DAYS = Math.ceil(HISTORY_SPAN_MS / DAY_MS) + 5;
const HEAVY = customerNumber(0);

async function search(page: Page, text: string, customerId: string): Promise<void> {
  await page.getByTestId('search-input').fill(text);
  await page.locator(`[data-testid="search-result"][data-customer-id="${customerId}"]`).waitFor();
}

/** Waits out rendering and idle work left over from the last step, so each click starts from a quiet page. */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 150)));
      }),
  );

/**
 * Click on the search result → the first frame after the first timeline
 * item of that customer is in the DOM, timed inside the page.
 */
function clickToFirstItem(page: Page, customerId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>(`[data-testid="search-result"][data-customer-id="${id}"]`);
        if (!button) throw new Error(`no search result for ${id}`);
        const item = `[data-testid="customer-view"][data-customer-id="${id}"] [data-testid="timeline-item"]`;
        let clickedAt = 0;
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error('no timeline item within 10 s'));
        }, 10_000);
        const observer = new MutationObserver(() => {
          if (!document.querySelector(item)) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - clickedAt));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        clickedAt = performance.now();
        button.click();
      }),
    customerId,
  );
}

/**
 * open-timeline: the real UI, signed in and synced, opening customer C000001
 * (10,000 interactions, all cached) from the search results; against raw
 * Dexie reading that customer's newest 50 interactions in the same page.
 */
export async function benchOpenTimeline(): Promise<void> {
  const heavyInteractions = scaled(10_000, 1_000);
  const repeats = 20;
  const { benchChunk } = rendererAssets();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-timeline-'));
  const hub = await startHub(
    loadConfig({
      SWITCHBOARD_DATA: dataDir,
      PORT: '0',
      SMTP_PORT: '0',
      SEED_CUSTOMERS: String(Math.max(repeats + 2, scaled(300))),
      SEED_HEAVY_INTERACTIONS: String(heavyInteractions),
      LOG_LEVEL: 'warn',
    }),
  );
  const browser = await launchBenchBrowser('timeline');
  try {
    const agent = demoUsers().find((user) => user.username === 'agent1');
    if (!agent) throw new Error('no demo agent1');
    const ids = new Map(
      (await hub.db.selectFrom('customers').select(['id', 'number']).execute()).map((row) => [row.number, row.id] as const),
    );
    const heavyId = ids.get(HEAVY);
    if (!heavyId) throw new Error(`${HEAVY} was not seeded`);
    const dbName = databaseNameFor(hub.url, agent.id);

    // The cache window is a per-desktop setting in the cache itself: set it before the first sign-in.
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/?bench`);
    await page.getByTestId('bench-ready').waitFor();
    await page.evaluate(
      async ({ name, key, days }) => {
        const api = window.switchboardBench;
        if (!api) throw new Error('no bench harness');
        const db = new api.SwitchboardDb(name);
        await db.meta.put({ key, value: { interactionWindowDays: days, region: 'CN' } });
        db.close();
      },
      { name: dbName, key: META_KEYS.settings, days: WINDOW_DAYS },
    );

    await page.goto(hub.url);
    await page.getByTestId('login-username').fill(agent.username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    const signedInAt = performance.now();
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="sync-badge"][data-state="online"]').waitFor({ timeout: 120_000 });
    const syncMs = performance.now() - signedInAt;

    // The harness's Dexie in the app's page, for the cache check and the baseline.
    await page.evaluate(async (src) => {
      const chunk = (await import(src)) as { installBenchApi(root: HTMLElement): void };
      chunk.installBenchApi(document.createElement('div'));
    }, benchChunk);
    const cached = await page.evaluate(
      async ({ name, id }) => {
        const api = window.switchboardBench;
        if (!api) throw new Error('no bench harness');
        const db = new api.SwitchboardDb(name);
        const count = await db.interactions
          .where('[customerId+occurredAt]')
          .between([id, api.Dexie.minKey], [id, api.Dexie.maxKey])
          .count();
        db.close();
        return count;
      },
      { name: dbName, id: heavyId },
    );
    const onHub = Number(
      (
        await hub.db
          .selectFrom('interactions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('customer_id', '=', heavyId)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const inDefaultWindow = Number(
      (
        await hub.db
          .selectFrom('interactions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('customer_id', '=', heavyId)
          .where('occurred_at', '>=', Date.now() - 730 * DAY_MS)
          .executeTakeFirstOrThrow()
      ).n,
    );
    log(`timeline: ${cached}/${onHub} interactions of ${HEAVY} cached; opening it ${repeats} times…`);

    const samples: number[] = [];
    // One unmeasured round first: the first open also pays for loading the code paths.
    for (let pass = 0; pass <= repeats; pass += 1) {
      const other = customerNumber(1 + (pass % (ids.size - 1)));
      const otherId = ids.get(other) as string;
      await search(page, other, otherId);
      await page.locator(`[data-testid="search-result"][data-customer-id="${otherId}"]`).click();
      await page.locator(`[data-testid="customer-view"][data-customer-id="${otherId}"]`).waitFor();
      await search(page, HEAVY, heavyId);
      await settle(page);
      const ms = await clickToFirstItem(page, heavyId);
      if (pass > 0) samples.push(ms);
    }
    const countText = await page.getByTestId('timeline-count').textContent();

    const raw = await page.evaluate(
      async ({ name, id, repeats }) => {
        const api = window.switchboardBench;
        if (!api) throw new Error('no bench harness');
        const db = new api.SwitchboardDb(name);
        await db.open();
        const newest50 = () =>
          db.interactions
            .where('[customerId+occurredAt]')
            .between([id, api.Dexie.minKey], [id, api.Dexie.maxKey])
            .reverse()
            .limit(50)
            .toArray();
        await newest50();
        const times: number[] = [];
        for (let i = 0; i < repeats; i += 1) {
          const started = performance.now();
          await newest50();
          times.push(performance.now() - started);
        }
        db.close();
        return times;
      },
      { name: dbName, id: heavyId, repeats },
    );

    const ui = summary(samples);
    const baseline = summary(raw);
    report('open-timeline', {
      customer: HEAVY,
      interactions: onHub,
      cached,
      allCached: cached === onHub,
      interactionWindowDays: WINDOW_DAYS,
      cachedWithDefault730DayWindow: inDefaultWindow,
      timelineCountShown: countText,
      signInToOnlineMs: Math.round(syncMs),
      unit: 'ms',
      clickToFirstItemPainted: ui,
      rawDexieNewest50: baseline,
      p95OverRaw: round(ui.p95 / baseline.p95),
      goalP95Ms: 100,
      meetsGoal: ui.p95 <= 100,
    });
  } finally {
    await browser.close();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../hub/config';
import { CHROMIUM_ARGS } from '../test/e2e/harness';

/** Also brings `window.switchboardBench` into scope for the callbacks handed to `page.evaluate`. */
export type { BenchApi } from '../renderer/bench/bench-api';

export type BenchBrowser = { context: BrowserContext; close(): Promise<void> };

/**
 * A persistent profile on disk, not an incognito context: incognito keeps
 * IndexedDB in memory, and the desktop's cache lives on disk.
 */
export async function launchBenchBrowser(label: string): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), `switchboard-bench-${label}-profile-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  // tsx (esbuild keepNames) wraps named functions in `__name(...)`; page.evaluate ships their source into the page.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** `<hub>/?bench`: the real sync engine and cache schema, no UI (renderer/bench/bench-api.ts). */
export async function openBenchPage(context: BrowserContext, hubUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${hubUrl}/?bench`);
  await page.getByTestId('bench-ready').waitFor({ timeout: 30_000 });
  return page;
}

/** The built renderer the hub serves; the benchmarks drive it, so it must exist. */
export function rendererAssets(): { dir: string; benchChunk: string } {
  const dir = loadConfig({}).paths.renderer;
  const assets = join(dir, 'assets');
  const benchChunk = existsSync(assets) ? readdirSync(assets).find((name) => /^bench-api-.*\.js$/.test(name)) : undefined;
  if (!existsSync(join(dir, 'index.html')) || !benchChunk) {
    throw new Error(`no built renderer with the bench harness in ${dir}: run \`npm run build:renderer\` first`);
  }
  return { dir, benchChunk: `/assets/${benchChunk}` };
}

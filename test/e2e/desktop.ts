import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** What a person does at the desktop, shared by every e2e suite. */

export async function signIn(browser: Browser, hubUrl: string, username: string, locale = 'en-US'): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  await page.goto(hubUrl);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect.poll(() => badgeState(page), { timeout: 60_000 }).toBe('online');
  return { page, context };
}

export const badgeState = (page: Page) => page.getByTestId('sync-badge').getAttribute('data-state');
export const pendingCount = async (page: Page) => Number(await page.getByTestId('sync-badge').getAttribute('data-pending'));

export async function search(page: Page, query: string): Promise<void> {
  await page.getByTestId('search-input').fill(query);
}

export async function openCustomer(page: Page, number: string): Promise<void> {
  await search(page, number);
  await page.getByTestId('search-result').filter({ hasText: number }).first().click();
  await expect.poll(() => page.getByTestId('customer-number').textContent()).toContain(number);
}

export async function addNote(page: Page, text: string): Promise<void> {
  await page.getByTestId('note-input').fill(text);
  await page.getByTestId('note-submit').click();
  await page.getByTestId('timeline-item').filter({ hasText: text }).first().waitFor();
}

export const notesWithText = (page: Page, text: string) => page.getByTestId('timeline-item').filter({ hasText: text }).count();

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { ulid } from 'ulid';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain/customer';
import type { Mutation } from '../../shared/protocol/mutations';
import { badgeState, notesWithText, openCustomer, pendingCount, search, signIn } from './desktop';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';
import { data, deskSocket } from './hub-client';

/**
 * Customer merge end to end: three records of one person (the same name
 * written with and without a space, the same mailbox with a `+tag`); agent1
 * sees them suggested on the profile, merges one while the hub is down, and
 * once it is back the survivor's timeline holds both histories and the audit
 * note — on agent2's Chinese desktop too, which then merges the third.
 */
const SHOTS = process.env.CUSTOMER_SHOTS_DIR ?? join(process.cwd(), 'test-results', 'e2e');
let HUB_ENV: Record<string, string>;
/** The demo mailbox the hub takes mail for (seeded to the General queue). */
const SUPPORT = 'support@switchboard.local';

let hub: HubProcess;
let port: number;
let smtpPort: number;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let customers: Map<string, Customer>;

const byNumber = (number: string): Customer => {
  const found = [...customers.values()].find((customer) => customer.number === number);
  if (!found) throw new Error(`no customer ${number}`);
  return found;
};

async function desktop(username: string, locale = 'en-US'): Promise<Page> {
  const { page, context } = await signIn(browser, hub.url, username, locale);
  contexts.push(context);
  return page;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  port = await freePort();
  smtpPort = await freePort();
  HUB_ENV = { SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '50', LOG_LEVEL: 'warn', SMTP_PORT: String(smtpPort) };
  dataDir = tempDataDir('e2e-merge');
  hub = await startHubProcess({ port, dataDir, env: HUB_ENV });
  browser = await launchChromium();

  // The duplicates, made the way they happen: agents typing the same person in again.
  const socket = await deskSocket(hub.url, 'supervisor');
  try {
    const { changes } = data(await socket.emitWithAck('sync:pull', { since: 0, limit: 500 }));
    customers = new Map();
    for (const change of changes) if (change.entity === 'customer' && change.op === 'put') customers.set(change.data.id, change.data);
    const [main, second, third] = ['C000002', 'C000003', 'C000004'].map(byNumber) as [Customer, Customer, Customer];
    // A Chinese name typed with spaces, a Latin one in the other order or in capitals: each the same name to the matcher.
    const chars = [...main.name.replace(/\s+/g, '')];
    const han = /\p{Script=Han}/u.test(main.name);
    const secondName = han ? chars.join(' ') : main.name.split(' ').reverse().join(' ');
    const thirdName = han ? `${chars[0]} ${chars.slice(1).join('')}` : main.name.toUpperCase();
    const mutations: Mutation[] = [
      { id: ulid(), createdAt: Date.now(), name: 'customer.update', args: { customerId: second.id, patch: { name: secondName } } },
      { id: ulid(), createdAt: Date.now(), name: 'customer.update', args: { customerId: third.id, patch: { name: thirdName } } },
      { id: ulid(), createdAt: Date.now(), name: 'customer.addIdentity', args: { identityId: ulid(), customerId: main.id, kind: 'email', value: 'merge.e2e@example.com' } },
      { id: ulid(), createdAt: Date.now(), name: 'customer.addIdentity', args: { identityId: ulid(), customerId: second.id, kind: 'email', value: 'merge.e2e+shop@example.com' } },
      ...[main, second, third].map(
        (customer): Mutation => ({
          id: ulid(),
          createdAt: Date.now(),
          name: 'interaction.addNote',
          args: { interactionId: ulid(), customerId: customer.id, text: `History of ${customer.number}`, occurredAt: Date.now() },
        }),
      ),
    ];
    const { results } = data(await socket.emitWithAck('mutation:push', { mutations }));
    expect(results.map((result) => result.status)).toEqual(mutations.map(() => 'applied'));
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

describe('customer merge from the profile', () => {
  let agentA: Page;
  let agentB: Page;

  it('suggests the look-alikes with their reasons', async () => {
    agentA = await desktop('agent1');
    await openCustomer(agentA, 'C000002');
    const second = agentA.locator('[data-testid="duplicate"]', { hasText: 'C000003' });
    await expect.poll(() => second.count(), { timeout: 20_000 }).toBe(1);
    const reasons = await second.getByTestId('duplicate-reason').evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-reason')));
    expect(reasons).toEqual(['same-email', 'same-name']);
    expect(await agentA.locator('[data-testid="duplicate"]', { hasText: 'C000004' }).count()).toBe(1);
    await agentA.getByTestId('possible-duplicates').screenshot({ path: join(SHOTS, 'merge-duplicates-en.png') });
  });

  it('merges offline: the duplicate leaves at once, and its history arrives when the hub is back', async () => {
    const second = agentA.locator('[data-testid="duplicate"]', { hasText: 'C000003' });
    await second.getByTestId('duplicate-merge').click();
    await agentA.getByTestId('merge-dialog').waitFor();
    await agentA.getByTestId('merge-dialog').screenshot({ path: join(SHOTS, 'merge-dialog-en.png') });

    await hub.stop('SIGKILL');
    await expect.poll(() => badgeState(agentA), { timeout: 30_000 }).toBe('offline');
    await agentA.getByTestId('merge-confirm').click();
    await agentA.getByTestId('merge-pending').waitFor();
    expect(await pendingCount(agentA)).toBe(1);
    await search(agentA, 'C000003');
    await expect.poll(() => agentA.getByTestId('search-result').filter({ hasText: 'C000003' }).count()).toBe(0);
    await agentA.screenshot({ path: join(SHOTS, 'merge-offline-en.png') });

    hub = await startHubProcess({ port, dataDir, env: HUB_ENV });
    await expect.poll(() => badgeState(agentA), { timeout: 60_000 }).toBe('online');
    await expect.poll(() => pendingCount(agentA), { timeout: 30_000 }).toBe(0);
    await openCustomer(agentA, 'C000002');
    await expect.poll(() => notesWithText(agentA, 'History of C000003'), { timeout: 30_000 }).toBe(1);
    expect(await notesWithText(agentA, 'History of C000002')).toBe(1);
    expect(await notesWithText(agentA, 'Merged customer C000003')).toBe(1);
    expect(await agentA.getByTestId('merge-pending').count()).toBe(0);
    await expect.poll(() => agentA.getByTestId('identity').filter({ hasText: 'merge.e2e+shop@example.com' }).count()).toBe(1);
    await agentA.screenshot({ path: join(SHOTS, 'merge-done-en.png') });
  });

  it('shows both histories on a Chinese desktop, which merges the third record', async () => {
    agentB = await desktop('agent2', 'zh-CN');
    await openCustomer(agentB, 'C000002');
    await expect.poll(() => notesWithText(agentB, 'History of C000003'), { timeout: 30_000 }).toBe(1);
    expect(await notesWithText(agentB, '已将客户 C000003')).toBe(1);
    const third = agentB.locator('[data-testid="duplicate"]', { hasText: 'C000004' });
    await expect.poll(() => third.count(), { timeout: 20_000 }).toBe(1);
    expect(await agentB.locator('[data-testid="duplicate"]', { hasText: 'C000003' }).count()).toBe(0);
    await agentB.getByTestId('possible-duplicates').screenshot({ path: join(SHOTS, 'merge-duplicates-zh.png') });
    await third.getByTestId('duplicate-merge').click();
    await agentB.getByTestId('merge-dialog').screenshot({ path: join(SHOTS, 'merge-dialog-zh.png') });
    await agentB.getByTestId('merge-confirm').click();
    await expect.poll(() => notesWithText(agentB, 'History of C000004'), { timeout: 30_000 }).toBe(1);
    await agentB.screenshot({ path: join(SHOTS, 'merge-done-zh.png') });
    // agent1's desktop hears of it too.
    await expect.poll(() => notesWithText(agentA, 'History of C000004'), { timeout: 30_000 }).toBe(1);
  });

  it('files the merged-away address’s next mail on the survivor, its picture previewed inline on the timeline', async () => {
    // A real picture: a corner of the desktop itself, as a PNG.
    const picture = await agentA.screenshot({ clip: { x: 0, y: 0, width: 320, height: 120 } });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, name: 'mx.example.com' });
    try {
      await transport.sendMail({
        from: 'Merge E2E <merge.e2e+shop@example.com>',
        to: SUPPORT,
        subject: 'Photo of the damaged parcel',
        text: 'See the picture attached.',
        attachments: [
          { filename: 'parcel.png', content: picture, contentType: 'image/png' },
          { filename: 'receipt.txt', content: 'Order 5521, paid', contentType: 'text/plain' },
        ],
      });
    } finally {
      transport.close();
    }
    await openCustomer(agentA, 'C000002');
    const mail = agentA.getByTestId('timeline-item').filter({ hasText: 'Photo of the damaged parcel' });
    await expect.poll(() => mail.count(), { timeout: 30_000 }).toBe(1);
    await mail.getByRole('button').first().click();
    const image = mail.locator('[data-testid="timeline-file"][data-kind="image"] img');
    await image.waitFor({ timeout: 20_000 });
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(await agentA.evaluate(() => 320 * window.devicePixelRatio));
    expect(await mail.locator('[data-testid="timeline-file"][data-kind="file"]').filter({ hasText: 'receipt.txt' }).count()).toBe(1);
    await mail.screenshot({ path: join(SHOTS, 'timeline-attachments-en.png') });

    await openCustomer(agentB, 'C000002');
    const mailZh = agentB.getByTestId('timeline-item').filter({ hasText: 'Photo of the damaged parcel' });
    await mailZh.getByRole('button').first().click();
    await mailZh.locator('[data-testid="timeline-file"][data-kind="image"] img').waitFor({ timeout: 20_000 });
    await mailZh.screenshot({ path: join(SHOTS, 'timeline-attachments-zh.png') });
  });
});

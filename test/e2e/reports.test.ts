import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from '../../shared/domain/routing';
import type { User } from '../../shared/domain/user';
import { signIn } from './desktop';
import { data, deskSocket, type HubSocket } from './hub-client';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const DAY = 86_400_000;
const RESOLVED = 'Resolved / 已解决';

let hub: HubProcess;
let dataDir: string;
let browser: Browser;
let feeder: HubSocket;
let agent: HubSocket;
let general: Queue;
let agent1: User;
const contexts: BrowserContext[] = [];
/** What the last six days hold, counted as they are written. */
const expected = { offered: 0, answered: 0, abandoned: 0 };

/**
 * The last six days of a General queue, written into the hub's SQLite file as
 * routing stores them (the hub keeps running; WAL lets both write): each day a
 * few more contacts, every fourth one abandoned after 40 s, the rest answered
 * by agent1 after a few seconds and done with a disposition 3 minutes later.
 */
function writeHistory(file: string): void {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  const task = db.prepare('insert into tasks (id, queue_id, status, assigned_to, offered_to, data, created_at, updated_at) values (?, ?, ?, null, null, ?, ?, ?)');
  const event = db.prepare('insert into task_events (task_id, queue_id, kind, at, agent_id, data) values (?, ?, ?, ?, ?, ?)');
  const q = general.id;
  db.transaction(() => {
    for (let daysAgo = 6; daysAgo >= 1; daysAgo--) {
      const noon = Date.parse(`${new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10)}T12:00:00Z`);
      for (let i = 0; i < 4 + daysAgo; i++) {
        const id = ulid();
        const at = noon + i * 600_000;
        const put = (kind: string, when: number, agentId: string | null, extra: Record<string, unknown> = {}) =>
          event.run(id, q, kind, when, agentId, JSON.stringify({ kind, at: when, taskId: id, queueId: q, ...(agentId ? { agentId } : {}), ...extra }));
        task.run(id, q, i % 4 === 3 ? 'abandoned' : 'done', '{}', at, at);
        // Every third customer is back the next day: their earlier contact was not resolved at first contact.
        const customerId = i % 3 === 0 ? `e2e-regular-${i}` : `e2e-once-${id}`;
        put('created', at, null, { channel: i % 2 ? 'call' : 'chat', customerId, priority: 0, customerTier: null, requiredSkills: {}, preferredAgentId: null });
        expected.offered++;
        if (i % 4 === 3) {
          put('abandoned', at + 40_000, null, { reason: null });
          expected.abandoned++;
          continue;
        }
        const answeredAt = at + ((i * 7) % 40) * 1000;
        put('accepted', answeredAt, agent1.id);
        put('done', answeredAt + 180_000, agent1.id, { disposition: RESOLVED });
        expected.answered++;
      }
    }
  })();
  db.close();
}

/** Today's work through the real ACD: a chat offered to agent1, answered and wrapped up. */
async function routeOneChat(): Promise<void> {
  data(await agent.emitWithAck('agent:state:set', { status: 'available' }));
  const offered = new Promise<string>((resolve) => agent.once('task:offer', (offer) => resolve(offer.task.id)));
  data(await feeder.emitWithAck('task:create', { channel: 'chat', queueId: general.id, customerId: null, subject: 'Where is my parcel?' }));
  const taskId = await offered;
  data(await agent.emitWithAck('task:accept', { taskId }));
  data(await agent.emitWithAck('task:complete', { taskId }));
  data(await agent.emitWithAck('task:wrapup', { taskId, disposition: RESOLVED }));
  expected.offered++;
  expected.answered++;
}

async function openReports(page: Page): Promise<void> {
  await page.getByTestId('supervisor-toggle').click();
  await page.getByTestId('supervisor-tab-reports').click();
  await page.getByTestId('reports-panel').waitFor();
}

async function runLast7(page: Page): Promise<void> {
  await page.getByTestId('reports-preset-last7').click();
  await page.getByTestId('reports-group').selectOption('queue');
  await page.getByTestId('reports-run').click();
  await page.getByTestId('report-table').waitFor({ timeout: 20_000 });
  // ECharts draws on a canvas inside the chart's element once it has data.
  await page.locator('[data-testid="report-chart"] canvas').first().waitFor();
  // Tall enough for the form, the chart and the table in one picture.
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.waitForTimeout(400);
}

/** The CSV the page saves, as bytes. */
async function downloadCsv(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reports-export').click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-reports');
  hub = await startHubProcess({ port: await freePort(), dataDir, env: { SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '20', LOG_LEVEL: 'warn' } });
  browser = await launchChromium();
  feeder = await deskSocket(hub.url, 'supervisor');
  agent = await deskSocket(hub.url, 'agent1');
  general = data(await feeder.emitWithAck('admin:queue:list', {})).find((queue) => queue.name.startsWith('General')) as Queue;
  agent1 = data(await feeder.emitWithAck('admin:user:list', {})).find((user) => user.username === 'agent1') as User;
  writeHistory(join(dataDir, 'switchboard.sqlite'));
  await routeOneChat();
});

afterAll(async () => {
  feeder?.disconnect();
  agent?.disconnect();
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('historical reports', () => {
  it('shows a supervisor the last seven days by queue as a chart and a table, and exports the CSV', async () => {
    const { page, context } = await signIn(browser, hub.url, 'supervisor');
    contexts.push(context);
    await openReports(page);
    await runLast7(page);
    const row = page.getByTestId('report-row').filter({ hasText: 'General' });
    const cells = async (locator: typeof row) => (await locator.locator('td').allTextContents()).map((text) => text.trim());
    const [offered, answered, abandoned] = await cells(row);
    expect([offered, answered, abandoned]).toEqual([String(expected.offered), String(expected.answered), String(expected.abandoned)]);
    expect((await cells(page.getByTestId('report-total')))[0]).toBe(String(expected.offered));
    await expect.poll(() => page.getByTestId('reports-csat-note').textContent()).toContain('surveys are not collected yet');
    await page.screenshot({ path: join(ARTIFACTS, 'reports-en.png') });

    const { name, bytes } = await downloadCsv(page);
    expect(name).toMatch(/^report-queue-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Queue,Offered,Answered,Abandoned,Overflowed,Service level %,ASA (s),AHT (s),Abandon rate %,FCR %,CSAT');
    expect(lines.find((line) => line.startsWith('General'))).toMatch(new RegExp(`^General / 综合服务,${expected.offered},${expected.answered},${expected.abandoned},0,`));
    expect(lines.at(-1)).toBe('');
    expect(bytes.subarray(3).toString('utf8')).not.toMatch(/[^\r]\n/);
  });

  it('speaks Chinese to a Chinese supervisor, on screen and in the CSV', async () => {
    const { page, context } = await signIn(browser, hub.url, 'supervisor', 'zh-CN');
    contexts.push(context);
    await openReports(page);
    await page.getByTestId('reports-interval').selectOption('day');
    await runLast7(page);
    const headings = (await page.getByTestId('report-table').locator('thead th').allTextContents()).map((text) => text.trim());
    expect(headings).toEqual(['队列', '进线量', '接通量', '放弃量', '溢出量', '服务水平', '平均应答时长', '平均处理时长', '放弃率', '首次解决率', '满意度']);
    const panelText = (await page.getByTestId('reports-panel').textContent()) ?? '';
    expect(panelText).not.toMatch(/reports\.[a-z]/);
    expect(panelText).toContain('尚未收集客户满意度调查');
    await page.screenshot({ path: join(ARTIFACTS, 'reports-zh.png') });

    const { bytes } = await downloadCsv(page);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]?.startsWith('队列,进线量,接通量')).toBe(true);
    expect(lines.at(-2)?.startsWith(`合计,${expected.offered},`)).toBe(true);
  });

  it('does not run a range that ends before it starts, and says why', async () => {
    const { page, context } = await signIn(browser, hub.url, 'supervisor');
    contexts.push(context);
    await openReports(page);
    await page.getByTestId('reports-from').fill('2026-03-10');
    await page.getByTestId('reports-to').fill('2026-03-01');
    await expect.poll(() => page.getByTestId('reports-problem').textContent()).toBe('The range ends before it starts.');
    expect(await page.getByTestId('reports-run').isDisabled()).toBe(true);
  });
});

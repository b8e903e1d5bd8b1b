import type { Page } from 'playwright-core';
import pg from 'pg';
import { databaseNameFor } from '../../renderer/db/schema';
import { demoUsers } from '../../shared/demo';
import { launchBenchBrowser } from '../browser';
import { log } from '../log';
import { sleep } from '../pool';
import { armScreenPop, type Caller, ring, screenPopTimes, settle, signInDesktop, timeInvites, VIEWPORT } from '../screen-pop';

/**
 * One real desktop in Chromium, signed in as `agent1` with its phone
 * registered at Kamailio over WebSocket, rung on its extension every few
 * seconds during the run by a known customer: INVITE arrival at sip.js →
 * the ringing card shows the customer and their 360 has its first timeline
 * rows painted (screen-pop.ts's measurement), then the desktop declines.
 * agent1 is in no queue for the run, so the 500 simulated agents take the
 * queue calls and every call this desktop sees is one of these.
 */

export const DESKTOP_AGENT = 'agent1';
const TIMELINE_ROWS = 50;
const CALLERS = 20;

type PopCaller = Pick<Caller, 'customerId' | 'number' | 'phone'> & { rows: number };

export type DesktopRun = { stop(): Promise<{ popMs: number[]; cardMs: number[]; failures: number; firstFailure: string | null }> };

/** Known customers with a phone number, and how many timeline rows their 360 shows first. */
async function popCallers(databaseUrl: string): Promise<PopCaller[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ id: string; number: string; phone: string; interactions: string }>(
      `select c.id, c.number, min(i.value) as phone, (select count(*) from interactions x where x.customer_id = c.id) as interactions
         from customers c join identities i on i.customer_id = c.id and i.kind = 'phone'
        group by c.id, c.number order by c.number limit $1`,
      [CALLERS],
    );
    return rows.rows.map((row) => ({ customerId: row.id, number: row.number, phone: row.phone, rows: Math.min(TIMELINE_ROWS, Number(row.interactions)) }));
  } finally {
    await client.end();
  }
}

/** A late INVITE must not be taken for the next call's: a card ringing is declined, and the caller has ended (SIPp gives up within 30 s). */
async function clearFailedCall(page: Page, sipp: ReturnType<typeof ring> | null): Promise<void> {
  const card = page.getByTestId('call-card');
  const decline = async () => {
    if (await card.isVisible()) await page.getByTestId('call-decline').click({ timeout: 5_000 });
  };
  let ended = sipp === null;
  const caller = sipp?.catch(() => undefined).finally(() => {
    ended = true;
  });
  try {
    while (!ended && !(await card.isVisible())) await sleep(500);
    await decline();
    await caller;
    await decline();
    await card.waitFor({ state: 'detached', timeout: 10_000 });
  } catch {
    // Best effort: the next call's measurement fails too if the page is stuck, and says why.
  }
}

export async function startDesktop(hubUrl: string, databaseUrl: string, kamailio: { sipAddress: string; wsUrl: string }, everyMs: number): Promise<DesktopRun> {
  const agent = demoUsers().find((user) => user.username === DESKTOP_AGENT);
  if (!agent) throw new Error(`no demo ${DESKTOP_AGENT}`);
  const callers = await popCallers(databaseUrl);
  if (callers.length === 0) throw new Error('no seeded customer with a phone number to call the desktop from');
  const browser = await launchBenchBrowser('load');
  await browser.context.addInitScript(timeInvites);
  const page: Page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORT);
  const syncMs = await signInDesktop(page, hubUrl, { username: agent.username, dbName: databaseNameFor(hubUrl, agent.id) }, kamailio.wsUrl);
  log(`load: Chromium desktop signed in as ${agent.username}, synced in ${Math.round(syncMs)} ms, phone registered`);

  const popMs: number[] = [];
  const cardMs: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let stopping = false;
  const loop = (async () => {
    for (let call = 0; !stopping; call += 1) {
      const began = performance.now();
      const caller = callers[call % callers.length] as PopCaller;
      let sipp: ReturnType<typeof ring> | null = null;
      try {
        await settle(page);
        await armScreenPop(page, caller, caller.rows);
        sipp = ring(kamailio, caller, agent.username);
        const times = await screenPopTimes(page);
        await page.getByTestId('call-decline').click();
        const result = await sipp;
        if (result.code !== 0) throw new Error(`SIPp call from ${caller.phone} ended ${result.code}: ${result.output.slice(-300)}`);
        await page.getByTestId('call-card').waitFor({ state: 'detached' });
        popMs.push(times.ms);
        cardMs.push(times.cardMs);
      } catch (error) {
        failures += 1;
        firstFailure ??= String(error);
        if (failures <= 3) log(`load: screen pop call failed: ${String(error)}`);
        await clearFailedCall(page, sipp);
      }
      const wait = began + everyMs - performance.now();
      if (wait > 0 && !stopping) await sleep(wait);
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await loop;
      await browser.close();
      return { popMs, cardMs, failures, firstFailure };
    },
  };
}

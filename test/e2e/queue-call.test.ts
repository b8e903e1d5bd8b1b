import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { notesWithText, signIn } from './desktop';
import { callPhase, customerWithPhone, registerPhone } from './hub-client';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

/**
 * The whole inbound call as a customer and an agent live it: an ordinary SIP
 * phone (SIPp, plain RTP) dials the support number, the hub's routing picks
 * the available agent, whose desktop in Chromium rings with the customer
 * popped, answers through rtpengine (which turns the phone's RTP offer into
 * DTLS-SRTP for the browser), talks, and the caller hangs up. The call lands
 * on the customer's timeline with its talk time, and the agent wraps up.
 */

const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
const CALLER_SCENARIO = fileURLToPath(new URL('../interop/sipp/caller-talks.xml', import.meta.url));
const VOICE_KEY = 'e2e-queue-call-voice-key-0123456789abcdef';
const DOMAIN = 'switchboard.local';

let hub: HubProcess;
let kamailio: RunningKamailio;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDataDir('e2e-queue-call');
  hub = await startHubProcess({
    port: await freePort(),
    dataDir,
    env: { SEED_CUSTOMERS: '50', LOG_LEVEL: 'warn', VOICE_KEY, SIP_DOMAIN: DOMAIN },
  });
  kamailio = await startKamailio({ listenAddress: '127.0.0.1', domain: DOMAIN, hubUrl: hub.url, voiceKey: VOICE_KEY, withRtpengine: true });
  // A fake microphone, allowed without a prompt: the desktop is a real WebRTC endpoint.
  browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await kamailio?.stop();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The caller: SIPp from the customer's number to a demo queue number; resolves
 * with its exit code, output, and the media line of the answer it got.
 */
function callFrom(phone: string, dialled: string): Promise<{ code: number | null; output: string; answer: string }> {
  const logFile = join(dataDir, 'caller.log');
  return new Promise((resolve) => {
    const child = spawn(
      'sipp',
      [
        kamailio.sipAddress,
        ...['-sf', CALLER_SCENARIO, '-s', dialled, '-key', 'caller', phone, '-m', '1', '-i', '127.0.0.1', '-p', '0', '-nostdin'],
        ...['-trace_logs', '-log_file', logFile],
        // A guard against a hung process, not an assertion: a broken call fails long before.
        ...['-timeout', '60s', '-timeout_error'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      const answer = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : '';
      resolve({ code, output: output.slice(-4000), answer });
    });
  });
}

/** Seconds in a timeline summary such as "Inbound · 0:02 · Resolved". */
function summarySeconds(summary: string): number {
  const match = /(?:(\d+):)?(\d+):(\d{2})/.exec(summary);
  if (!match) throw new Error(`no duration in "${summary}"`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

describe('a queue call from a customer, answered at the agent desktop', () => {
  it('rings the available agent with the customer popped; answered, talked, wrapped up, and on the timeline', async () => {
    const { page: agent, context } = await signIn(browser, hub.url, 'agent1');
    contexts.push(context);
    await registerPhone(agent, kamailio.wsUrl);
    await agent.getByTestId('agent-state-select').selectOption('available');
    await expect.poll(() => agent.getByTestId('agent-state').getAttribute('data-status')).toBe('available');

    const { customer, phone } = await customerWithPhone(hub.url);
    const caller = callFrom(phone, 'support');

    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('ringing');
    await expect.poll(() => agent.getByTestId('phone-pop').getAttribute('data-pop')).toBe('known');
    expect(await agent.getByTestId('call-card').getByTestId('tier-badge').getAttribute('data-tier')).toBe(customer.tier);
    await expect.poll(() => agent.getByTestId('customer-number').textContent()).toContain(customer.number);
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-ringing.png') });
    // The customer has called before: their earlier calls are already on the timeline.
    const callItems = agent.getByTestId('timeline-item').and(agent.locator('[data-channel="call"]'));
    const callIds = () => callItems.evaluateAll((items) => items.map((item) => item.getAttribute('data-interaction-id') ?? ''));
    await agent.getByTestId('timeline-item').first().waitFor();
    const earlierCalls = new Set(await callIds());

    await agent.getByTestId('call-answer').click();
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('connected');
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-in-call.png') });

    // The caller got the answer, talked, and hung up: the card goes.
    const result = await caller;
    expect(result.code, `${result.output}\n${kamailio.log()}`).toBe(0);
    // rtpengine turned the browser's DTLS-SRTP answer back into plain RTP for the phone.
    expect(result.answer).toMatch(/^ANSWER m=audio \d+ RTP\/AVP$/);
    await expect.poll(() => agent.getByTestId('call-card').count(), { timeout: 10_000 }).toBe(0);

    const task = agent.getByTestId('inbox-task').and(agent.locator('[data-channel="call"]'));
    await expect.poll(() => task.getAttribute('data-status'), { timeout: 10_000 }).toBe('wrap-up');
    await task.click();
    await agent.getByTestId('wrapup-form').waitFor();
    const dispositions = await agent.getByTestId('wrapup-disposition').locator('option').allTextContents();
    const resolved = dispositions.find((label) => /resolved/i.test(label));
    expect(resolved, `a "resolved" disposition among ${dispositions.join(', ')}`).toBeDefined();
    await agent.getByTestId('wrapup-disposition').selectOption({ label: resolved ?? '' });
    await agent.getByTestId('wrapup-note').fill('Called about a late parcel');
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-wrapup.png') });
    await agent.getByTestId('wrapup-submit').click();
    await expect.poll(() => task.count()).toBe(0);

    await expect.poll(() => notesWithText(agent, 'Called about a late parcel')).toBe(1);
    await expect(agent.getByTestId('timeline-item').filter({ hasText: 'Called about a late parcel' }).textContent()).resolves.toMatch(/resolved/i);

    // This call, new on the timeline, with the two seconds the caller talked.
    expect(await agent.getByTestId('customer-number').textContent()).toContain(customer.number);
    const newCalls = (await callIds()).filter((id) => !earlierCalls.has(id));
    expect(newCalls).toHaveLength(1);
    const thisCall = agent.locator(`[data-testid="timeline-item"][data-interaction-id="${newCalls[0]}"]`);
    expect(summarySeconds((await thisCall.locator('.tl-snippet').textContent()) ?? '')).toBeGreaterThanOrEqual(1);
  });
});

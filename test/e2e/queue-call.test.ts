import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesWithText } from './desktop';
import { callPhase, customerWithPhone, setAvailable } from './hub-client';
import { runSippCall } from './sipp-caller';
import { ARTIFACTS, startVoiceStage, type VoiceStage } from './voice-stage';

/**
 * The whole inbound call as a customer and an agent live it: an ordinary SIP
 * phone (SIPp, plain RTP) dials the support number, the hub's routing picks
 * the available agent, whose desktop in Chromium rings with the customer
 * popped, answers through rtpengine (which turns the phone's RTP offer into
 * DTLS-SRTP for the browser), holds and resumes, and hangs up. The agent
 * wraps up, and the call lands on the customer's timeline once, with its
 * wait, talk and hold times, disposition and notes.
 */

const CALLER_SCENARIO = fileURLToPath(new URL('./sipp/caller-held.xml', import.meta.url));

let stage: VoiceStage;

beforeAll(async () => {
  // rtpengine turns the phone's plain RTP into DTLS-SRTP for the browser; the stage wakes callers waiting in the queue.
  stage = await startVoiceStage({ name: 'queue-call', withRtpengine: true });
});

afterAll(async () => {
  await stage?.stop();
});

/**
 * The caller: SIPp from the customer's number to a demo queue number; resolves
 * with its exit code, output, and what it logged (the answer's media line, the re-INVITEs it answered).
 */
async function callFrom(phone: string, dialled: string): Promise<{ code: number | null; output: string; log: string }> {
  const logFile = join(stage.dataDir, 'caller.log');
  const { code, output } = await runSippCall({
    sipAddress: stage.kamailio.sipAddress,
    scenarioFile: CALLER_SCENARIO,
    service: dialled,
    args: ['-key', 'caller', phone, '-trace_logs', '-log_file', logFile, '-trace_msg', '-message_file', join(stage.dataDir, 'caller-messages.log')],
  });
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : '';
  return { code, output, log };
}

/** The calls on the open customer's timeline now, once it has loaded; `added()` reads the ones that have appeared since. */
async function timelineCalls(agent: Page): Promise<{ added: () => Promise<string[]> }> {
  const callItems = agent.getByTestId('timeline-item').and(agent.locator('[data-channel="call"]'));
  const callIds = () => callItems.evaluateAll((items) => items.map((item) => item.getAttribute('data-interaction-id') ?? ''));
  await agent.getByTestId('timeline-item').first().waitFor();
  const earlierCalls = new Set(await callIds());
  return { added: async () => (await callIds()).filter((id) => !earlierCalls.has(id)) };
}

/** Seconds in a duration such as "0:02" or "1:02:03" (the first one in the text). */
function seconds(text: string): number {
  const match = /(?:(\d+):)?(\d+):(\d{2})/.exec(text);
  if (!match) throw new Error(`no duration in "${text}"`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

describe('a queue call from a customer, answered at the agent desktop', () => {
  it('rings the available agent with the customer popped; answered, held, resumed, wrapped up, and on the timeline with its figures', async () => {
    const agent = await stage.desk('agent1', { available: true });

    const { customer, phone } = await customerWithPhone(stage.hub.url);
    const caller = callFrom(phone, 'support');

    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('ringing');
    await expect.poll(() => agent.getByTestId('phone-pop').getAttribute('data-pop')).toBe('known');
    expect(await agent.getByTestId('call-card').getByTestId('tier-badge').getAttribute('data-tier')).toBe(customer.tier);
    await expect.poll(() => agent.getByTestId('customer-number').textContent()).toContain(customer.number);
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-ringing.png') });
    // The customer has called before: their earlier calls are already on the timeline.
    const calls = await timelineCalls(agent);

    await agent.getByTestId('call-answer').click();
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('connected');
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-in-call.png') });

    // Hold (re-INVITE through rtpengine to the phone), long enough to show on the timeline, then resume.
    const hold = agent.getByTestId('call-hold');
    const console: string[] = [];
    agent.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
    await hold.click();
    await expect
      .poll(() => agent.getByTestId('call-card').getAttribute('data-held'), { timeout: 10_000 })
      .toBe('true')
      .catch((error: unknown) => {
        const messages = join(stage.dataDir, 'caller-messages.log');
        const trace = existsSync(messages) ? readFileSync(messages, 'utf8').slice(-12000) : '';
        throw new Error(`${String(error)}\n${console.join('\n')}\n${trace}`);
      });
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-on-hold.png') });
    await agent.waitForTimeout(2_500);
    await hold.click();
    await expect.poll(() => agent.getByTestId('call-card').getAttribute('data-held'), { timeout: 10_000 }).toBe('false');
    await agent.waitForTimeout(1_000);
    await agent.getByTestId('call-hang-up').click();

    // The caller was answered, held, resumed, and hung up on: the card goes.
    const result = await caller;
    expect(result.code, `${result.output}\n${stage.kamailio.log()}`).toBe(0);
    // rtpengine turned the browser's DTLS-SRTP answer back into plain RTP for the phone.
    expect(result.log).toMatch(/^ANSWER m=audio \d+ RTP\/AVP$/m);
    // SIPp prints its counters as floats ("2.000000").
    expect(result.log).toMatch(/^REINVITES 2(\.0+)?$/m);
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

    // This call, new on the timeline once, carrying the wrap-up: no separate note.
    expect(await agent.getByTestId('customer-number').textContent()).toContain(customer.number);
    await expect.poll(async () => (await calls.added()).length, { timeout: 10_000 }).toBe(1);
    const newCalls = await calls.added();
    const thisCall = agent.locator(`[data-testid="timeline-item"][data-interaction-id="${newCalls[0]}"]`);
    const summary = (await thisCall.locator('.tl-snippet').textContent()) ?? '';
    expect(summary).toMatch(/resolved/i);
    expect(summary).toMatch(/on hold \d+:\d{2}/);
    expect(await notesWithText(agent, 'Called about a late parcel')).toBe(0);

    await thisCall.getByRole('button', { expanded: false }).first().click();
    const details = thisCall.getByTestId('call-details');
    await details.waitFor();
    expect(await details.getByTestId('call-outcome').getAttribute('data-outcome')).toBe('answered');
    expect(await details.getByTestId('call-notes').textContent()).toBe('Called about a late parcel');
    expect(await details.getByTestId('call-disposition').textContent()).toMatch(/resolved/i);
    // The wait is shown as a duration (seconds() throws otherwise); hold and talk as the agent did them.
    seconds((await details.getByTestId('call-wait').textContent()) ?? '');
    expect(seconds((await details.getByTestId('call-hold').textContent()) ?? '')).toBeGreaterThanOrEqual(2);
    expect(seconds((await details.getByTestId('call-talk').textContent()) ?? '')).toBeGreaterThanOrEqual(1);
    expect(await details.textContent()).toContain('General / 综合服务');
    await thisCall.scrollIntoViewIfNeeded();
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-timeline-item.png') });
  });

  it('an unknown caller pops as a provisional customer; "link to existing" moves the call to the real customer', async () => {
    await stage.closeDesks();
    const agent = await stage.desk('agent2', { available: true });
    const { customer, phone } = await customerWithPhone(stage.hub.url);

    const caller = callFrom('13900009999', 'support');
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('ringing');
    // The hub made the caller a provisional customer; the pop shows it as soon as it reaches the cache.
    await expect.poll(() => agent.getByTestId('phone-pop').getAttribute('data-pop'), { timeout: 10_000 }).toBe('provisional');
    await expect.poll(() => agent.getByTestId('customer-number').textContent()).toMatch(/P\d{7}/);
    await agent.getByTestId('phone-pop-link').click();
    await agent.getByTestId('phone-pop-link-search').fill(phone);
    const choice = agent.getByTestId('phone-pop-link-to').filter({ hasText: customer.name });
    await choice.waitFor();
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-link-provisional.png') });
    await choice.click();
    // The number moved: the pop and the open customer are the real one now.
    await expect.poll(() => agent.getByTestId('phone-pop').getAttribute('data-pop'), { timeout: 10_000 }).toBe('known');
    await expect.poll(() => agent.getByTestId('customer-number').textContent()).toContain(customer.number);
    const calls = await timelineCalls(agent);

    await agent.getByTestId('call-answer').click();
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('connected');
    await agent.getByTestId('call-hang-up').click();
    const result = await caller;
    expect(result.code, `${result.output}\n${stage.kamailio.log()}`).toBe(0);

    const task = agent.getByTestId('inbox-task').and(agent.locator('[data-channel="call"]'));
    await expect.poll(() => task.getAttribute('data-status'), { timeout: 10_000 }).toBe('wrap-up');
    await task.click();
    await agent.getByTestId('wrapup-form').waitFor();
    const dispositions = await agent.getByTestId('wrapup-disposition').locator('option').allTextContents();
    await agent.getByTestId('wrapup-disposition').selectOption({ label: dispositions.find((label) => /resolved/i.test(label)) ?? '' });
    await agent.getByTestId('wrapup-note').fill('Rang from a new mobile');
    await agent.getByTestId('wrapup-submit').click();
    await expect.poll(() => task.count()).toBe(0);

    // On the real customer's timeline, from the number they rang from.
    expect(await agent.getByTestId('customer-number').textContent()).toContain(customer.number);
    await expect.poll(async () => (await calls.added()).length, { timeout: 10_000 }).toBe(1);
    const [linkedId] = await calls.added();
    const linkedCall = agent.locator(`[data-testid="timeline-item"][data-interaction-id="${linkedId}"]`);
    expect(await linkedCall.locator('.tl-snippet').textContent()).toMatch(/resolved/i);
    await linkedCall.getByRole('button', { expanded: false }).first().click();
    const details = linkedCall.getByTestId('call-details');
    expect(await details.getByTestId('call-notes').textContent()).toBe('Rang from a new mobile');
    expect(await details.textContent()).toContain('+86 139 0000 9999');
  });

  it('"save as new customer" keeps the caller as a customer of their own, profile open to fill in (in Chinese)', async () => {
    await stage.closeDesks();
    const agent = await stage.desk('agent3');
    await agent.getByTestId('language-zh-CN').click();
    await setAvailable(agent);

    const caller = callFrom('13900008888', 'support');
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('ringing');
    await expect.poll(() => agent.getByTestId('phone-pop').getAttribute('data-pop'), { timeout: 10_000 }).toBe('provisional');
    expect(await agent.getByTestId('phone-pop-provisional').textContent()).toContain('临时客户');
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-provisional-zh.png') });
    await agent.getByTestId('phone-pop-save-new').click();
    // The tag is gone at once (optimistic), the offers with it, and the profile waits to be filled in.
    await agent.getByTestId('profile-editor').waitFor();
    await expect.poll(() => agent.getByTestId('phone-pop').getAttribute('data-pop')).toBe('known');
    expect(await agent.getByTestId('customer-tags').count()).toBe(0);
    await agent.getByTestId('profile-name').fill('陈静');
    await agent.getByTestId('profile-save').click();
    await expect.poll(() => agent.getByTestId('call-card').getByTestId('phone-pop-open').textContent()).toContain('陈静');
    // Saving the name kept the tag dropped: a customer of their own now.
    expect(await agent.getByTestId('phone-pop').getAttribute('data-pop')).toBe('known');
    expect(await agent.getByTestId('customer-tags').count()).toBe(0);
    await agent.screenshot({ path: join(ARTIFACTS, 'queue-call-saved-new-zh.png') });

    await agent.getByTestId('call-answer').click();
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('connected');
    await agent.getByTestId('call-hang-up').click();
    const result = await caller;
    expect(result.code, `${result.output}\n${stage.kamailio.log()}`).toBe(0);
  });
});

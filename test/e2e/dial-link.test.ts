import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callPhase, customerWithPhone, phoneState } from './hub-client';
import { ARTIFACTS, DOMAIN, startVoiceStage, type VoiceStage } from './voice-stage';

/**
 * Click-to-dial in web mode: a tel:/sip: link opens the hub's page with the
 * link in ?dial= (what the browser's protocol handler does); the phone dock
 * asks "Call …?" with the number's screen pop, and only Call dials.
 */

let stage: VoiceStage;
let agent1: Page;
let agent2: Page;

beforeAll(async () => {
  stage = await startVoiceStage({ name: 'dial-link' });
});

afterAll(async () => {
  await stage?.stop();
});

/** What the browser's protocol handler does with a clicked link: opens the page with it in ?dial=. */
async function openLink(page: Page, query: string): Promise<void> {
  await page.goto(`${stage.hub.url}/?dial=${query}`);
  await expect.poll(() => phoneState(page), { timeout: 20_000 }).toBe('registered');
}

/** Signs in and points the phone at the test's Kamailio, as an agent would. */
const deskWithPhone = (username: string) => stage.desk(username);

describe('click-to-dial: a tel:/sip: link asks before it dials', () => {
  it('two agents sign in with registered phones', async () => {
    agent1 = await deskWithPhone('agent1');
    agent2 = await deskWithPhone('agent2');
    expect(await agent1.getByTestId('dial-link-prompt').count()).toBe(0);
  });

  it("a tel: link to a customer's number asks with their screen pop; Call dials it", async () => {
    const { customer, phone } = await customerWithPhone(stage.hub.url);
    // Typed as in a hand-written link: the "+" must stay a plus.
    await openLink(agent1, `tel:${phone}`);
    const prompt = agent1.getByTestId('dial-link-prompt');
    await expect.poll(() => prompt.getAttribute('data-state')).toBe('asking');
    // Read once and taken out of the address: a reload does not ask again.
    expect(new URL(agent1.url()).search).toBe('');
    expect(await agent1.getByTestId('dial-link-question').textContent()).toMatch(/^Call \+86 .+\?$/);
    await expect.poll(() => prompt.getByTestId('dial-link-pop').getAttribute('data-pop')).toBe('known');
    expect(await prompt.getByTestId('dial-link-pop').textContent()).toContain(customer.number);
    expect(await prompt.getByTestId('tier-badge').getAttribute('data-tier')).toBe(customer.tier);
    // Nothing was dialled by the link alone.
    expect(await agent1.getByTestId('call-card').count()).toBe(0);
    await agent1.screenshot({ path: join(ARTIFACTS, 'dial-link-prompt.png') });

    await prompt.getByTestId('dial-link-call').click();
    await expect.poll(() => agent1.getByTestId('dial-link-prompt').count()).toBe(0);
    // The call went out: Kamailio asked the hub, which has no outbound line (no SIP_TRUNK) to put it through.
    await expect.poll(() => agent1.getByTestId('phone-end').getAttribute('data-reason'), { timeout: 15_000 }).toBe('no-outbound-line');
    await agent1.screenshot({ path: join(ARTIFACTS, 'dial-link-no-outbound-line.png') });
    expect(await phoneState(agent1)).toBe('registered');
    await agent1.getByTestId('phone-end').getByRole('button').click();
  });

  it("a sip: link to a colleague's address rings them once the agent presses Call; they talk", async () => {
    await openLink(agent1, `sip:agent2@${DOMAIN}`);
    const prompt = agent1.getByTestId('dial-link-prompt');
    await expect.poll(() => agent1.getByTestId('dial-link-question').textContent()).toBe('Call agent2?');
    expect(await prompt.getByTestId('dial-link-pop').count()).toBe(0);
    await prompt.getByTestId('dial-link-call').click();

    await expect.poll(() => callPhase(agent2), { timeout: 15_000 }).toBe('ringing');
    expect(await agent2.getByTestId('call-card').textContent()).toContain('agent1');
    await agent2.getByTestId('call-answer').click();
    await expect.poll(() => callPhase(agent1), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => callPhase(agent2), { timeout: 20_000 }).toBe('connected');
    await agent1.screenshot({ path: join(ARTIFACTS, 'dial-link-connected.png') });

    await agent1.getByTestId('call-hang-up').click();
    await expect.poll(() => agent2.getByTestId('call-card').count(), { timeout: 10_000 }).toBe(0);
  });

  it('Cancel dials nothing', async () => {
    await openLink(agent1, 'tel:%2B8613912345678');
    await expect.poll(() => agent1.getByTestId('dial-link-prompt').getAttribute('data-state')).toBe('asking');
    await expect.poll(() => agent1.getByTestId('dial-link-pop').getAttribute('data-pop')).toBe('unknown');
    await agent1.getByTestId('dial-link-cancel').click();
    expect(await agent1.getByTestId('dial-link-prompt').count()).toBe(0);
    expect(await agent1.getByTestId('call-card').count()).toBe(0);
  });

  it('a sip: address in another domain is refused with the reason, and nothing is dialled', async () => {
    await openLink(agent1, 'sip:agent2@evil.example');
    await expect.poll(() => agent1.getByTestId('dial-link-prompt').getAttribute('data-state')).toBe('refused');
    expect(await agent1.getByTestId('dial-link-refused').getAttribute('data-error')).toBe('other-domain');
    expect(await agent1.getByTestId('dial-link-call').count()).toBe(0);
    await agent1.screenshot({ path: join(ARTIFACTS, 'dial-link-refused.png') });
    await agent1.getByTestId('dial-link-cancel').click();
  });

  it('a link that is not a dial link at all is ignored and taken out of the address', async () => {
    await openLink(agent1, 'javascript:alert(1)');
    expect(new URL(agent1.url()).search).toBe('');
    expect(await agent1.getByTestId('dial-link-prompt').count()).toBe(0);
  });

  it('the phone settings register this page for tel: and sip: links', async () => {
    if (!(await agent1.getByTestId('phone-panel').isVisible())) await agent1.getByTestId('phone-chip').click();
    await agent1.getByRole('button', { name: 'Phone settings' }).click();
    await agent1.getByTestId('dial-link-register').click();
    expect(await agent1.getByTestId('dial-link-register-result').textContent()).toBe('Asked the browser; it may ask you to allow it.');
    await agent1.screenshot({ path: join(ARTIFACTS, 'dial-link-setting.png') });
  });
});

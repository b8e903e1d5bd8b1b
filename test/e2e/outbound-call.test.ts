import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeSipPort } from '../../scripts/kamailio';
import { type RunningSipp, startSipp } from '../interop/helpers/sipp';
import { openCustomer } from './desktop';
import { callPhase, customerWithPhone } from './hub-client';
import { ARTIFACTS, startVoiceStage, type VoiceStage } from './voice-stage';

/**
 * An agent calls a customer: the ☎ beside the customer's number in Chromium
 * dials through Kamailio, which asks the hub (an authenticated agent, a
 * number at home: allowed) and sends the call to the carrier's gateway (SIPp
 * on the trunk, plain RTP through rtpengine). The carrier answers, the agent
 * hangs up, and the call is on that customer's timeline as outbound.
 */

const LINE = '+862088886666';
let stage: VoiceStage;
let carrierPort: number;
let carrier: RunningSipp | null = null;

beforeAll(async () => {
  carrierPort = await freeSipPort('127.0.0.1');
  const trunk = `sip:127.0.0.1:${carrierPort}`;
  stage = await startVoiceStage({ name: 'outbound-call', withRtpengine: true, trunk, env: { SIP_TRUNK: trunk, SIP_CALLER_ID: LINE, SIP_OUTBOUND_ALLOW: 'international' } });
});

afterAll(async () => {
  carrier?.stop();
  await stage?.stop();
});

describe('an agent calls a customer from their profile', () => {
  it('☎ dials the customer through the trunk; answered, hung up, and on their timeline as an outbound call', async () => {
    const agent = await stage.desk('agent1');
    const { customer } = await customerWithPhone(stage.hub.url);
    await openCustomer(agent, customer.number);
    const callItems = agent.getByTestId('timeline-item').and(agent.locator('[data-channel="call"]'));
    const callIds = () => callItems.evaluateAll((items) => items.map((item) => item.getAttribute('data-interaction-id') ?? ''));
    await agent.getByTestId('timeline-item').first().waitFor();
    const earlierCalls = new Set(await callIds());

    // The phone panel stays open after the phone was set up: close it, as an agent would, to reach the profile.
    if (await agent.getByTestId('phone-panel').isVisible()) await agent.getByTestId('phone-chip').click();
    await agent.screenshot({ path: join(ARTIFACTS, 'outbound-call-profile.png') });
    carrier = startSipp({ scenario: 'carrier-answers', localIp: '127.0.0.1', localPort: carrierPort });
    await agent.getByTestId('identity-dial').first().click({ timeout: 5_000 });
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('connected');
    await agent.screenshot({ path: join(ARTIFACTS, 'outbound-call-connected.png') });
    // Talk a moment, so the call has talk time on the timeline.
    await agent.waitForTimeout(1_500);
    await agent.getByTestId('call-hang-up').click();
    const trunkSide = await carrier.done;
    expect(trunkSide.exitCode, trunkSide.errors).toBe(0);
    expect(trunkSide.logged[0]).toMatch(new RegExp(`^R-URI sip:\\+\\d+@127\\.0\\.0\\.1:${carrierPort}$`));
    expect(trunkSide.logged[1]).toContain(`<sip:${LINE}@switchboard.local>`);

    await expect.poll(async () => (await callIds()).filter((id) => !earlierCalls.has(id)).length, { timeout: 10_000 }).toBe(1);
    const newCall = (await callIds()).find((id) => !earlierCalls.has(id));
    const thisCall = agent.locator(`[data-testid="timeline-item"][data-interaction-id="${newCall}"]`);
    expect((await thisCall.locator('.tl-snippet').textContent()) ?? '').toMatch(/^Outbound/);
    await thisCall.getByRole('button', { expanded: false }).first().click();
    const details = thisCall.getByTestId('call-details');
    await details.waitFor();
    expect(await details.getByTestId('call-outcome').getAttribute('data-outcome')).toBe('answered');
    expect(await details.textContent()).toContain('agent1');
    expect((await details.getByTestId('call-talk').textContent()) ?? '').toMatch(/^0:0[1-9]$/);
    await thisCall.scrollIntoViewIfNeeded();
    await agent.screenshot({ path: join(ARTIFACTS, 'outbound-call-timeline-item.png') });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KAMAILIO_TEMPLATE, sipTrunkFromEnv } from '../../../scripts/kamailio';
import { type KamailioSettings, renderKamailioConfig } from '../../../scripts/kamailio-config';
import { OUTBOUND_REFUSALS } from '../../../shared/protocol/voice';

const template = readFileSync(KAMAILIO_TEMPLATE, 'utf8');

const settings: KamailioSettings = {
  listenAddress: '127.0.0.1',
  sipPort: 5060,
  wsPort: 5066,
  domain: 'switchboard.local',
  hubUrl: 'http://127.0.0.1:4310',
  voiceKey: 'k'.repeat(43),
  maxAttempts: 200,
};

describe('the outbound trunk in the Kamailio config', () => {
  it('has none unless given: an agent dialling a number hears 503 No Outbound Line', () => {
    const config = renderKamailioConfig(template, settings);
    expect(config).not.toContain('#!define TRUNK_URI');
    expect(config).toContain('# outbound trunk: none');
    expect(config).toContain('t_reply("503", "No Outbound Line");');
  });

  it('defines the trunk URI and the host for the Request-URI, and loads uac to present the line’s number', () => {
    const config = renderKamailioConfig(template, { ...settings, trunk: 'sip:203.0.113.9:5060;transport=tcp' });
    expect(config).toContain('#!define TRUNK_URI "sip:203.0.113.9:5060;transport=tcp"\n#!define TRUNK_HOST "203.0.113.9:5060"');
    expect(renderKamailioConfig(template, { ...settings, trunk: 'sip:gw.carrier.example' })).toContain('#!define TRUNK_HOST "gw.carrier.example"');
  });

  it.each([
    ['a trunk with a user part', 'sip:+8613800138000@203.0.113.9'],
    ['a trunk with a quote', 'sip:gw.example"; exit; "'],
    ['a trunk that is not a SIP URI', 'tel:+862088886666'],
    ['a trunk over WebSocket', 'sip:gw.example;transport=ws'],
  ])('refuses %s, naming the setting', (_case, trunk) => {
    expect(() => renderKamailioConfig(template, { ...settings, trunk })).toThrow(/trunk:/);
  });

  it('sends each outbound refusal with the reason phrase the desktop reads', () => {
    for (const { status, phrase } of Object.values(OUTBOUND_REFUSALS)) expect(template).toContain(`t_reply("${status}", "${phrase}");`);
  });

  it('takes the trunk from SIP_TRUNK for npm start and npm run kamailio', () => {
    expect(sipTrunkFromEnv({})).toBeNull();
    expect(sipTrunkFromEnv({ SIP_TRUNK: ' ' })).toBeNull();
    expect(sipTrunkFromEnv({ SIP_TRUNK: ' sip:203.0.113.9:5060 ' })).toBe('sip:203.0.113.9:5060');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KAMAILIO_TEMPLATE, sipPolicyFromEnv } from '../../../scripts/kamailio';
import { KamailioConfigError, renderKamailioConfig } from '../../../scripts/kamailio-config';

const base = {
  listenAddress: '127.0.0.1',
  sipPort: 5060,
  wsPort: 5066,
  domain: 'switchboard.local',
  hubUrl: 'http://127.0.0.1:4310',
  voiceKey: 'k'.repeat(43),
  maxAttempts: 200,
};

describe('the SIP policy from the environment (npm start, npm run kamailio)', () => {
  it('trusts 127.0.0.1 only, has no overflow and limits floods at 60 requests per 2 s by default', () => {
    expect(sipPolicyFromEnv({})).toEqual({ trustedTrunks: ['127.0.0.1/32'], overflow: null, floodLimit: { requests: 60, perSeconds: 2 } });
  });

  it('reads the trunks, the overflow and the flood limit, or no limit at all', () => {
    expect(
      sipPolicyFromEnv({ SIP_TRUSTED_TRUNKS: ' 203.0.113.0/24, 198.51.100.7/32 ', SIP_OVERFLOW: 'sip:supervisor@switchboard.local', SIP_FLOOD_LIMIT: '100/5' }),
    ).toEqual({ trustedTrunks: ['203.0.113.0/24', '198.51.100.7/32'], overflow: 'sip:supervisor@switchboard.local', floodLimit: { requests: 100, perSeconds: 5 } });
    expect(sipPolicyFromEnv({ SIP_TRUSTED_TRUNKS: '', SIP_FLOOD_LIMIT: 'off' })).toMatchObject({ trustedTrunks: [], floodLimit: null });
  });

  it('leaves a malformed value for the config check to refuse, naming it', () => {
    const template = readFileSync(KAMAILIO_TEMPLATE, 'utf8');
    const render = (env: Record<string, string>) => () => renderKamailioConfig(template, { ...base, ...sipPolicyFromEnv(env) });
    expect(render({ SIP_FLOOD_LIMIT: 'lots' })).toThrow(KamailioConfigError);
    expect(render({ SIP_FLOOD_LIMIT: 'lots' })).toThrow(/floodLimit\.requests:/);
    expect(render({ SIP_TRUSTED_TRUNKS: 'carrier.example.com' })).toThrow(/trustedTrunks\.0:/);
    expect(render({ SIP_OVERFLOW: 'supervisor' })).toThrow(/overflow:/);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../hub/config';
import { HOME_ONLY } from '../../../../hub/voice/dial-policy';

describe('outbound line configuration', () => {
  it('has no trunk by default, and allows the home region only', () => {
    expect(loadConfig({}, '/srv').outbound).toEqual({ trunk: null, callerId: null, allow: HOME_ONLY });
  });

  it('reads SIP_TRUNK, SIP_CALLER_ID and SIP_OUTBOUND_ALLOW', () => {
    const config = loadConfig({ SIP_TRUNK: 'sip:203.0.113.9:5060', SIP_CALLER_ID: '+862088886666', SIP_OUTBOUND_ALLOW: 'hk,premium' }, '/srv');
    expect(config.outbound).toEqual({ trunk: 'sip:203.0.113.9:5060', callerId: '+862088886666', allow: { international: false, premium: true, regions: ['HK'] } });
  });

  it('refuses a trunk without a caller ID, and values that are not what they should be, all at once', () => {
    expect(() => loadConfig({ SIP_TRUNK: 'sip:203.0.113.9:5060' }, '/srv')).toThrow(/SIP_CALLER_ID is required with SIP_TRUNK/);
    try {
      loadConfig({ SIP_TRUNK: 'sip:+86@gw"', SIP_CALLER_ID: '020 8888 6666', SIP_OUTBOUND_ALLOW: 'HK,everywhere' }, '/srv');
      throw new Error('expected a ConfigError');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.problems.map((problem) => problem.split('=')[0])).toEqual(['SIP_TRUNK', 'SIP_CALLER_ID', 'SIP_OUTBOUND_ALLOW']);
      expect(error.problems[2]).toContain('unknown everywhere');
    }
  });
});

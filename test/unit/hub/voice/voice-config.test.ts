import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../hub/config';

describe('voice configuration', () => {
  it('defaults to a generated key and the demo SIP domain', () => {
    expect(loadConfig({}, '/srv').voice).toEqual({ key: null, sipDomain: 'switchboard.local' });
  });

  it('reads VOICE_KEY and SIP_DOMAIN', () => {
    const config = loadConfig({ VOICE_KEY: 'v'.repeat(32), SIP_DOMAIN: 'Sip.Example.COM' }, '/srv');
    expect(config.voice).toEqual({ key: 'v'.repeat(32), sipDomain: 'sip.example.com' });
  });

  it('refuses a short key and a domain that is not one', () => {
    expect(() => loadConfig({ VOICE_KEY: 'short', SIP_DOMAIN: 'not a domain' }, '/srv')).toThrow(ConfigError);
    try {
      loadConfig({ VOICE_KEY: 'short', SIP_DOMAIN: 'not a domain' }, '/srv');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.problems.map((problem) => problem.split('=')[0])).toEqual(['VOICE_KEY', 'SIP_DOMAIN']);
    }
  });
});

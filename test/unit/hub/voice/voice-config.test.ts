import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../hub/config';

describe('voice configuration', () => {
  it('defaults to a generated key and the demo SIP domain', () => {
    expect(loadConfig({}, '/srv').voice).toEqual({ key: null, sipDomain: 'switchboard.local', sipAuthSecret: null, kamailioWakeUrl: null, sipWsUrl: null });
  });

  it('reads VOICE_KEY and SIP_DOMAIN', () => {
    const config = loadConfig({ VOICE_KEY: 'v'.repeat(32), SIP_DOMAIN: 'Sip.Example.COM' }, '/srv');
    expect(config.voice).toEqual({ key: 'v'.repeat(32), sipDomain: 'sip.example.com', sipAuthSecret: null, kamailioWakeUrl: null, sipWsUrl: null });
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

  it('reads KAMAILIO_WAKE_URL and refuses one that is not an http URL', () => {
    expect(loadConfig({ KAMAILIO_WAKE_URL: 'http://127.0.0.1:5066/switchboard/wake' }, '/srv').voice.kamailioWakeUrl).toBe('http://127.0.0.1:5066/switchboard/wake');
    expect(() => loadConfig({ KAMAILIO_WAKE_URL: 'sip:kamailio@127.0.0.1' }, '/srv')).toThrow(/KAMAILIO_WAKE_URL="sip:kamailio@127.0.0.1": must be an http:\/\/ URL/);
  });

  it('reads SIP_WS_URL (where web visitors reach Kamailio) and refuses one that is not a WebSocket URL', () => {
    expect(loadConfig({ SIP_WS_URL: 'wss://sip.shop.example:7443' }, '/srv').voice.sipWsUrl).toBe('wss://sip.shop.example:7443');
    expect(() => loadConfig({ SIP_WS_URL: 'https://sip.shop.example' }, '/srv')).toThrow(/SIP_WS_URL="https:\/\/sip.shop.example": must be a ws:\/\/ or wss:\/\/ URL/);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../hub/config';

describe('SMTP_RELAY_URL', () => {
  it('is off unless set: replies wait in the outbox', () => {
    expect(loadConfig({}).smtpRelayUrl).toBeNull();
  });

  it('takes smtp:// and smtps:// URLs, credentials included', () => {
    expect(loadConfig({ SMTP_RELAY_URL: 'smtp://127.0.0.1:2587' }).smtpRelayUrl).toBe('smtp://127.0.0.1:2587');
    expect(loadConfig({ SMTP_RELAY_URL: ' smtps://user:pw@relay.example:465 ' }).smtpRelayUrl).toBe('smtps://user:pw@relay.example:465');
  });

  it('refuses anything else with a message naming the variable', () => {
    for (const bad of ['http://relay.example', 'relay.example:25', 'smtp//x']) {
      expect(() => loadConfig({ SMTP_RELAY_URL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ SMTP_RELAY_URL: bad })).toThrow(/SMTP_RELAY_URL/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SMTP_PORT, loadConfig } from '../../../../hub/config';

describe('the SMTP listener setting', () => {
  it('listens on 2525 unless told otherwise; 0 turns it off', () => {
    expect(loadConfig({}).email.smtpPort).toBe(DEFAULT_SMTP_PORT);
    expect(DEFAULT_SMTP_PORT).toBe(2525);
    expect(loadConfig({ SMTP_PORT: '0' }).email.smtpPort).toBe(0);
    expect(loadConfig({ SMTP_PORT: '25' }).email.smtpPort).toBe(25);
  });

  it('refuses a port that is not one', () => {
    expect(() => loadConfig({ SMTP_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_PORT: 'smtp' })).toThrow(/SMTP_PORT/);
  });
});

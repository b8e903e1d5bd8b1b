import { describe, expect, it } from 'vitest';
import { createSipCredentialsRoute, mintSipCredentials, SIP_CREDENTIALS_TTL_SEC } from '../../../../hub/voice/sip-credentials';
import { CLIENT_EVENTS } from '../../../../shared/protocol/events';
import { SipCredentialsSchema } from '../../../../shared/protocol/voice';

const SECRET = 'switchboard-sip-secret-0123456789abcdef';
// 2023-11-14T22:13:20Z; 12 hours later is 1700043200.
const NOW = 1_700_000_000_000;

describe('SIP credentials for auth_ephemeral', () => {
  it('signs "<expiry>:<username>" with HMAC-SHA1 in base64, as Kamailio checks it', () => {
    // Expected value from: printf '%s' 1700043200:agent1 | openssl dgst -sha1 -hmac <secret> -binary | base64
    expect(mintSipCredentials(SECRET, 'agent1', NOW)).toEqual({
      authorizationUsername: '1700043200:agent1',
      authorizationPassword: 'TUAnPCKjveTbbrEdQv+xt/VdR10=',
      expiresAt: 1_700_043_200_000,
    });
  });

  it('expires a whole number of seconds after now, the default TTL being a shift', () => {
    const credentials = mintSipCredentials(SECRET, 'agent1', NOW + 999, 60);
    expect(credentials.authorizationUsername).toBe('1700000060:agent1');
    expect(credentials.expiresAt).toBe(1_700_000_060_000);
    expect(SIP_CREDENTIALS_TTL_SEC).toBe(12 * 60 * 60);
  });

  it('gives different passwords for different agents, expiries and secrets', () => {
    const base = mintSipCredentials(SECRET, 'agent1', NOW).authorizationPassword;
    expect(mintSipCredentials(SECRET, 'agent2', NOW).authorizationPassword).not.toBe(base);
    expect(mintSipCredentials(SECRET, 'agent1', NOW + 1000).authorizationPassword).not.toBe(base);
    expect(mintSipCredentials(`${SECRET}x`, 'agent1', NOW).authorizationPassword).not.toBe(base);
  });

  it('mints what the contract accepts', () => {
    expect(SipCredentialsSchema.safeParse(mintSipCredentials(SECRET, 'wang.fang-2', NOW)).success).toBe(true);
  });

  it('is for agents and supervisors only, and always for the caller’s own username', async () => {
    expect(CLIENT_EVENTS['voice:credentials'].roles).toEqual(['agent', 'supervisor']);
    const credentials = createSipCredentialsRoute({ secret: SECRET, clock: () => NOW });
    const user = { id: '01HZX5V8Q2M3N4P5R6S7T8V9WA', username: 'agent1', displayName: 'Agent One', role: 'agent' as const };
    expect(await credentials.run({}, { user, socketId: 'desktop-1' })).toEqual({ ok: true, data: mintSipCredentials(SECRET, 'agent1', NOW) });
  });

  it('refuses a payload that asks for someone else’s credentials', async () => {
    const credentials = createSipCredentialsRoute({ secret: SECRET, clock: () => NOW });
    const user = { id: '01HZX5V8Q2M3N4P5R6S7T8V9WA', username: 'agent1', displayName: 'Agent One', role: 'agent' as const };
    const answer = await credentials.run({ username: 'agent2' }, { user, socketId: 'desktop-1' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });
});

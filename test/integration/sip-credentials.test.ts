import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIP_CREDENTIALS_TTL_SEC } from '../../hub/voice/sip-credentials';
import { SipCredentialsSchema } from '../../shared/protocol/voice';
import { expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import { sqliteTestStore, type TestStore } from './helpers/test-stores';

/**
 * 'voice:credentials' over a real socket: an agent gets time-limited SIP
 * credentials for their own username, signed with the secret Kamailio
 * shares; an administrator (no softphone) is refused.
 */

let store: TestStore;
let t: TestHub;

beforeAll(async () => {
  store = await sqliteTestStore();
  t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
});

afterAll(async () => {
  await t?.close();
  await store?.cleanup();
});

describe('voice:credentials', () => {
  it('gives an agent credentials for their own username, signed with the hub’s SIP secret, valid for a shift', async () => {
    const agent = await t.desktop('agent1');
    const before = t.clock.now();
    const credentials = SipCredentialsSchema.parse(expectOk(await agent.emitWithAck('voice:credentials', {})));
    const [expiry, username] = credentials.authorizationUsername.split(':');
    expect(username).toBe('agent1');
    expect(Number(expiry) * 1000).toBe(credentials.expiresAt);
    expect(credentials.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + SIP_CREDENTIALS_TTL_SEC * 1000);
    expect(credentials.authorizationPassword).toBe(createHmac('sha1', t.hub.sipAuthSecret).update(credentials.authorizationUsername).digest('base64'));
  });

  it('keeps the generated secret in the store: a restarted hub signs with the same one', async () => {
    const secret = t.hub.sipAuthSecret;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await t.close();
    t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
    expect(t.hub.sipAuthSecret).toBe(secret);
  });

  it('refuses an administrator, who has no softphone', async () => {
    const admin = await t.desktop('admin');
    expect(expectError(await admin.emitWithAck('voice:credentials', {})).code).toBe('forbidden');
  });

  it('refuses a payload that names another user', async () => {
    const agent = await t.desktop('agent2');
    // @ts-expect-error the contract takes no username: credentials are always the caller's own
    expect(expectError(await agent.emitWithAck('voice:credentials', { username: 'agent1' })).code).toBe('invalid-payload');
  });
});

describe('SIP_AUTH_SECRET', () => {
  it('is used as set, rather than a generated one', async () => {
    const other = await sqliteTestStore();
    const configured = await startTestHub(other, { SWITCHBOARD_RENDERER: `${other.dataDir}/x`, SIP_AUTH_SECRET: 'configured-sip-secret-0123456789abcdefgh' });
    try {
      expect(configured.hub.sipAuthSecret).toBe('configured-sip-secret-0123456789abcdefgh');
    } finally {
      await configured.close();
      await other.cleanup();
    }
  });
});

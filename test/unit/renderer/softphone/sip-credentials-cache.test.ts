import { describe, expect, it } from 'vitest';
import { mintSipCredentials } from '../../../../hub/voice/sip-credentials';
import {
  MIN_RENEW_DELAY_MS,
  RENEW_BEFORE_MS,
  readSipCredentials,
  renewDelayMs,
  usableCredentials,
  writeSipCredentials,
} from '../../../../renderer/softphone/sip-credentials-cache';
import { openTestDb } from '../fixtures';

const SECRET = 'switchboard-sip-secret-0123456789abcdef';
const NOW = 1_700_000_000_000;
const minted = mintSipCredentials(SECRET, 'agent1', NOW);

describe('cached SIP credentials', () => {
  it('are used while they last, for the agent they were minted for', () => {
    expect(usableCredentials(minted, 'agent1', NOW)).toEqual(minted);
    expect(usableCredentials(minted, 'agent1', minted.expiresAt - 1)).toEqual(minted);
  });

  it('are not used once expired, for another agent, or when malformed', () => {
    expect(usableCredentials(minted, 'agent1', minted.expiresAt)).toBeNull();
    expect(usableCredentials(minted, 'agent2', NOW)).toBeNull();
    // A username that merely ends like mine is someone else's.
    expect(usableCredentials(mintSipCredentials(SECRET, 'xagent1', NOW), 'agent1', NOW)).toBeNull();
    expect(usableCredentials({ ...minted, authorizationPassword: 'not base64 "' }, 'agent1', NOW)).toBeNull();
    expect(usableCredentials(undefined, 'agent1', NOW)).toBeNull();
    expect(usableCredentials('agent1:secret', 'agent1', NOW)).toBeNull();
  });

  it('are renewed an hour before expiry, never sooner than a minute from now', () => {
    expect(renewDelayMs(minted, NOW)).toBe(minted.expiresAt - NOW - RENEW_BEFORE_MS);
    expect(renewDelayMs(minted, minted.expiresAt - 5_000)).toBe(MIN_RENEW_DELAY_MS);
  });

  it('survive in the meta table for the same agent only', async () => {
    const db = openTestDb();
    expect(await readSipCredentials(db, 'agent1', NOW)).toBeNull();
    await writeSipCredentials(db, minted);
    expect(await readSipCredentials(db, 'agent1', NOW)).toEqual(minted);
    expect(await readSipCredentials(db, 'agent2', NOW)).toBeNull();
    expect(await readSipCredentials(db, 'agent1', minted.expiresAt + 1)).toBeNull();
    db.close();
  });
});

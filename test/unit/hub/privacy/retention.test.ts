import { describe, expect, it } from 'vitest';
import { retentionCuts } from '../../../../hub/privacy/retention';
import { KEEP_FOREVER } from '../../../../shared/protocol/privacy';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 3);

describe('retentionCuts', () => {
  it('gives no cut while everything is kept forever', () => {
    expect(retentionCuts(KEEP_FOREVER, NOW)).toEqual([]);
  });

  it('cuts each kind of file at its own age, and email covers quarantined raw mail', () => {
    expect(retentionCuts({ recordings: 30, email: 365, chat: null, sms: 1 }, NOW)).toEqual([
      { setting: 'recordings', kinds: ['recording'], before: NOW - 30 * DAY },
      { setting: 'email', kinds: ['email', 'email-raw'], before: NOW - 365 * DAY },
      { setting: 'sms', kinds: ['sms'], before: NOW - DAY },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Queue } from '../../../../shared/domain/routing';
import { visitorIdOfSipUser, visitorSipUser } from '../../../../shared/protocol/visitor';
import { mintSipCredentials, mintVisitorSipCredentials, VISITOR_SIP_CREDENTIALS_TTL_SEC } from '../../../../hub/voice/sip-credentials';
import { visitorCallChannel, visitorCallNumber } from '../../../../hub/voice/visitor-call';
import { demoQueues } from '../../../../hub/routing/demo-routing';

const SECRET = 'switchboard-sip-secret-0123456789abcdef';
const NOW = 1_700_000_000_000;
const VISITOR = '01HZX5V8Q2M3N4P5R6S7T8V9WA';
const [general, vip] = demoQueues() as [Queue, Queue];
const NUMBERS = [
  { dialled: 'support', queueId: general.id },
  { dialled: 'vip', queueId: vip.id },
];
const widget = { calls: true, queueId: general.id };

describe('a visitor’s SIP user', () => {
  it('is v~ and the visitor id, and reads back to it', () => {
    expect(visitorSipUser(VISITOR)).toBe(`v~${VISITOR}`);
    expect(visitorIdOfSipUser(`v~${VISITOR}`)).toBe(VISITOR);
  });

  it('is nothing else: agents, numbers, a bare prefix or a malformed id are not visitors', () => {
    for (const user of ['agent1', '+8613800138000', 'v~', 'v-01HZX5V8Q2M3N4P5R6S7T8V9WA', `v~${VISITOR.toLowerCase()}`, `v~${VISITOR}x`, `xv~${VISITOR}`]) {
      expect(visitorIdOfSipUser(user), user).toBeNull();
    }
  });
});

describe('visitor SIP credentials', () => {
  it('sign "<expiry>:v~<visitor>" as an agent’s are signed, valid for minutes only', () => {
    const minted = mintVisitorSipCredentials(SECRET, VISITOR, NOW);
    expect(minted).toEqual(mintSipCredentials(SECRET, `v~${VISITOR}`, NOW, VISITOR_SIP_CREDENTIALS_TTL_SEC));
    expect(minted.authorizationUsername).toBe(`${NOW / 1000 + VISITOR_SIP_CREDENTIALS_TTL_SEC}:v~${VISITOR}`);
    expect(VISITOR_SIP_CREDENTIALS_TTL_SEC).toBeLessThanOrEqual(15 * 60);
  });
});

describe('the number a widget’s visitor dials', () => {
  it('is the number that reaches the widget’s queue', () => {
    expect(visitorCallNumber(widget, general, NUMBERS, false, NOW)).toEqual({ ok: true, dial: 'support' });
    expect(visitorCallNumber({ calls: true, queueId: vip.id }, vip, NUMBERS, false, NOW)).toEqual({ ok: true, dial: 'vip' });
  });

  it('is none when the widget does not offer calls (absent = off, as in widgets saved before calls)', () => {
    expect(visitorCallNumber({ calls: false, queueId: general.id }, general, NUMBERS, false, NOW)).toEqual({ ok: false, bar: 'calls-off' });
    expect(visitorCallNumber({ queueId: general.id }, general, NUMBERS, false, NOW)).toEqual({ ok: false, bar: 'calls-off' });
  });

  it('is none when no number reaches the queue, or the queue takes no calls', () => {
    expect(visitorCallNumber(widget, general, NUMBERS.slice(1), false, NOW)).toEqual({ ok: false, bar: 'no-number' });
    expect(visitorCallNumber(widget, { ...general, channels: ['chat'] }, NUMBERS, false, NOW)).toEqual({ ok: false, bar: 'no-number' });
    expect(visitorCallNumber(widget, undefined, NUMBERS, false, NOW)).toEqual({ ok: false, bar: 'no-number' });
  });

  it('is none once the chat has ended, or while the queue is closed', () => {
    expect(visitorCallNumber(widget, general, NUMBERS, true, NOW)).toEqual({ ok: false, bar: 'ended' });
    // Open Mondays 09:00–10:00 in Shanghai; NOW is Wednesday 06:13 there.
    const closed: Queue = { ...general, businessHours: { timeZone: 'Asia/Shanghai', weekly: { mon: [{ open: '09:00', close: '10:00' }] }, holidays: [] } };
    expect(visitorCallNumber(widget, closed, NUMBERS, false, NOW)).toEqual({ ok: false, bar: 'closed' });
  });
});

describe('the task a visitor’s call opens', () => {
  it('a video call is a video task where the queue takes video; otherwise, and for voice, a call task', () => {
    expect(visitorCallChannel(true, { channels: ['call', 'video', 'chat'] })).toBe('video');
    expect(visitorCallChannel(false, { channels: ['call', 'video', 'chat'] })).toBe('call');
    expect(visitorCallChannel(true, { channels: ['call', 'chat'] })).toBe('call');
    expect(visitorCallChannel(true, undefined)).toBe('call');
  });
});

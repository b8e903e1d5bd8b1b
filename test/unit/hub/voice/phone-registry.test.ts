import { describe, expect, it } from 'vitest';
import { PhoneRegistry } from '../../../../hub/voice/phone-registry';

describe('the phone registry as routing gate', () => {
  it('closes calls and video to an agent whose softphone is not registered, and nothing else', () => {
    const phones = new PhoneRegistry();
    expect(phones.gate('u1', 'call')).toBe(false);
    expect(phones.gate('u1', 'video')).toBe(false);
    for (const channel of ['chat', 'email', 'sms'] as const) expect(phones.gate('u1', channel)).toBe(true);
    phones.set('u1', true);
    expect(phones.gate('u1', 'call')).toBe(true);
    expect(phones.gate('u2', 'call')).toBe(false);
    phones.set('u1', false);
    expect(phones.isRegistered('u1')).toBe(false);
  });
});

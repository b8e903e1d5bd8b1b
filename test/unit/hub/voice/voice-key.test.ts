import { describe, expect, it } from 'vitest';
import { presentedVoiceKey, voiceKeyMatches } from '../../../../hub/voice/voice-key';

describe('the voice key check', () => {
  it('accepts only the exact key, whatever the length given', () => {
    const key = 'k'.repeat(40);
    expect(voiceKeyMatches(key, key)).toBe(true);
    expect(voiceKeyMatches(`${key}x`, key)).toBe(false);
    expect(voiceKeyMatches('k', key)).toBe(false);
    expect(voiceKeyMatches('', key)).toBe(false);
    expect(voiceKeyMatches('K'.repeat(40), key)).toBe(false);
  });
});

describe('the voice key a request presents', () => {
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

  it('is the header when there is one, else the password of the voice user in HTTP Basic', () => {
    expect(presentedVoiceKey({ 'x-switchboard-voice-key': 'from-header', authorization: basic('kamailio:from-basic') })).toBe('from-header');
    expect(presentedVoiceKey({ authorization: basic('kamailio:a/b+c=d:e') })).toBe('a/b+c=d:e');
  });

  it('is nobody for another user, another scheme, or nothing at all', () => {
    expect(presentedVoiceKey({ authorization: basic('admin:the-key') })).toBeNull();
    expect(presentedVoiceKey({ authorization: 'Bearer the-key' })).toBeNull();
    expect(presentedVoiceKey({ authorization: 'Basic not base64!' })).toBeNull();
    expect(presentedVoiceKey({})).toBeNull();
  });
});

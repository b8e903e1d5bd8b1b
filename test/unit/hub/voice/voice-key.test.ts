import { describe, expect, it } from 'vitest';
import { voiceKeyMatches } from '../../../../hub/voice/voice-key';

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

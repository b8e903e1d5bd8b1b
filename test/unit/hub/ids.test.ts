import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../hub/ids';

describe('newId', () => {
  it('makes valid ULIDs carrying the given time', () => {
    const at = Date.UTC(2026, 10, 24, 9, 30);
    const id = newId(at);
    expect(isValid(id)).toBe(true);
    expect(id).toHaveLength(26);
    expect(decodeTime(id)).toBe(at);
  });

  it('draws the random part across every character, past the end of its pool, without repeats', () => {
    const ids = Array.from({ length: 5_000 }, () => newId(0));
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set(ids.flatMap((id) => [...id.slice(10)]));
    // Crockford base32: all 32 characters, and nothing else (the ULIDs are valid).
    expect(used.size).toBe(32);
    expect(ids.every((id) => isValid(id))).toBe(true);
  });
});

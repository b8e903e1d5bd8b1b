import { describe, expect, it } from 'vitest';
import { smsEncoding, smsSegments } from '../../../../shared/sms/segments';

describe('smsEncoding', () => {
  it('keeps plain English, digits and GSM accents in GSM-7', () => {
    expect(smsEncoding('Your order 42 ships today. Thanks!')).toBe('GSM-7');
    expect(smsEncoding('Ça coûte 5€ — no')).toBe('UCS-2'); // "û" and the em dash are not GSM
    expect(smsEncoding('Prix: 5€ à Paris, Ä Ö Ñ Ü ¿¡ £ ¥ §')).toBe('GSM-7');
    expect(smsEncoding('line one\nline two')).toBe('GSM-7');
  });

  it('needs UCS-2 for Chinese, emoji and characters outside the tables', () => {
    expect(smsEncoding('您好，订单已发货')).toBe('UCS-2');
    expect(smsEncoding('ok 👍')).toBe('UCS-2');
    expect(smsEncoding('`backtick`')).toBe('UCS-2');
    expect(smsEncoding('\u001b')).toBe('UCS-2');
  });
});

describe('smsSegments', () => {
  it('says nothing is sent for an empty text', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0, perSegment: 160, remaining: 160 });
  });

  it('fits 160 GSM-7 characters in one SMS and splits the 161st into parts of 153', () => {
    expect(smsSegments('a'.repeat(160))).toMatchObject({ segments: 1, units: 160, remaining: 0, perSegment: 160 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2, units: 161, perSegment: 153, remaining: 153 * 2 - 161 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3, remaining: 152 });
  });

  it('counts extension characters as two septets', () => {
    expect(smsSegments('{}[]~|^€\\')).toMatchObject({ encoding: 'GSM-7', units: 18 });
    expect(smsSegments(`${'a'.repeat(158)}€`)).toMatchObject({ segments: 1, units: 160, remaining: 0 });
    expect(smsSegments(`${'a'.repeat(159)}€`)).toMatchObject({ segments: 2, units: 161 });
  });

  it('never splits an escape pair across two parts', () => {
    // 152 septets, then € (2): it does not fit in part one's last septet, so part one carries 152 and part two starts with the €.
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`;
    expect(smsSegments(text)).toMatchObject({ segments: 2, units: 164, remaining: 153 - 12 });
  });

  it('fits 70 Chinese characters in one SMS and splits longer text into parts of 67', () => {
    expect(smsSegments('好'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, remaining: 0, perSegment: 70 });
    expect(smsSegments('好'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67, remaining: 67 * 2 - 71 });
    expect(smsSegments('好'.repeat(134))).toMatchObject({ segments: 2, remaining: 0 });
    expect(smsSegments('好'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('turns a whole message into UCS-2 for one Chinese character', () => {
    expect(smsSegments(`${'a'.repeat(100)}好`)).toMatchObject({ encoding: 'UCS-2', units: 101, segments: 2 });
  });

  it('counts an emoji as two UCS-2 units and keeps its surrogate pair in one part', () => {
    expect(smsSegments('👍')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1, remaining: 68 });
    expect(smsSegments('👍'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    // 66 units then an emoji: 68 does not fit a 67-unit part, so the emoji opens part two.
    const text = `${'好'.repeat(66)}👍${'好'.repeat(5)}`;
    expect(smsSegments(text)).toMatchObject({ units: 73, segments: 2, remaining: 67 - 7 });
  });
});

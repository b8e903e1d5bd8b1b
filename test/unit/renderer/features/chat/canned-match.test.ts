import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../../../../shared/domain/chat';
import { cannedToken, insertCanned, matchCanned, moveChoice } from '../../../../../renderer/features/chat/canned-match';

const ME = ulid();

function canned(shortcut: string, title: string, ownerId: string | null = null): CannedResponse {
  return { id: ulid(), ownerId, shortcut, title, text: `${title}.`, updatedAt: 1 };
}

describe('the canned response token', () => {
  it('opens on a slash at the start or after whitespace, up to the caret', () => {
    expect(cannedToken('/', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(cannedToken('/hel', 4)).toEqual({ start: 0, end: 4, query: 'hel' });
    expect(cannedToken('Thanks! /ref', 12)).toEqual({ start: 8, end: 12, query: 'ref' });
    expect(cannedToken('line one\n/退', 11)).toEqual({ start: 9, end: 11, query: '退' });
  });

  it('stays shut inside words, URLs and finished tokens', () => {
    expect(cannedToken('and/or', 6)).toBeNull();
    expect(cannedToken('see https://shop.example.com/help', 33)).toBeNull();
    expect(cannedToken('/hello there', 12)).toBeNull();
    expect(cannedToken('no slash', 8)).toBeNull();
  });

  it('reads only up to the caret', () => {
    expect(cannedToken('/refund please', 4)).toEqual({ start: 0, end: 4, query: 'ref' });
  });
});

describe('matching canned responses', () => {
  const refundMine = canned('refund', 'My refund wording', ME);
  const refundShared = canned('refund-policy', 'Refund policy');
  const hello = canned('hello', 'Greeting');
  const delivery = canned('ship', 'Delivery times and refunds');
  const all = [hello, delivery, refundShared, refundMine];

  it('ranks an exact shortcut, then shortcut prefixes, then titles', () => {
    expect(matchCanned(all, 'refund').map((c) => c.shortcut)).toEqual(['refund', 'refund-policy', 'ship']);
  });

  it('puts my own before shared ones of the same rank, and ignores case', () => {
    const sharedRe = canned('re', 'Shared re');
    const mineRe = canned('reply', 'Mine', ME);
    expect(matchCanned([sharedRe, mineRe, refundShared], 'RE').map((c) => c.shortcut)).toEqual(['re', 'reply', 'refund-policy']);
  });

  it('lists everything for a bare slash, capped', () => {
    const many = Array.from({ length: 20 }, (_, i) => canned(`c${String(i).padStart(2, '0')}`, `Reply ${i}`));
    expect(matchCanned(many, '')).toHaveLength(8);
    expect(matchCanned(many, '', 3).map((c) => c.shortcut)).toEqual(['c00', 'c01', 'c02']);
  });

  it('finds nothing for a word nobody used', () => {
    expect(matchCanned(all, 'zzz')).toEqual([]);
  });
});

describe('inserting a response', () => {
  it('replaces the token and puts the caret after the text', () => {
    const text = 'Hi! /ref and more';
    const token = cannedToken(text, 8);
    expect(token).not.toBeNull();
    if (!token) return;
    expect(insertCanned(text, token, { text: 'Refunds take 3 days.' })).toEqual({ text: 'Hi! Refunds take 3 days. and more', caret: 24 });
  });

  it('moves the choice round the list', () => {
    expect(moveChoice(0, -1, 3)).toBe(2);
    expect(moveChoice(2, 1, 3)).toBe(0);
    expect(moveChoice(0, 1, 0)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { composeSubject, ownMessageId, REFERENCES_KEPT, referencesFor, referencesHeader } from '../../../../shared/email/reply-headers';

describe('referencesFor', () => {
  it('is the parent’s References plus its own Message-ID, oldest first', () => {
    expect(referencesFor({ messageId: 'c@x', references: ['a@x', 'b@x'] })).toEqual(['a@x', 'b@x', 'c@x']);
    expect(referencesFor({ messageId: 'a@x', references: [] })).toEqual(['a@x']);
  });

  it('keeps each id once', () => {
    expect(referencesFor({ messageId: 'b@x', references: ['a@x', 'b@x', 'a@x'] })).toEqual(['a@x', 'b@x']);
  });

  it('trims a long chain to the root and the newest ids', () => {
    const references = Array.from({ length: 40 }, (_, i) => `m${i}@x`);
    const kept = referencesFor({ messageId: 'last@x', references });
    expect(kept).toHaveLength(REFERENCES_KEPT);
    expect(kept[0]).toBe('m0@x');
    expect(kept.at(-1)).toBe('last@x');
    expect(kept.at(-2)).toBe('m39@x');
  });

  it('formats the header with angle brackets', () => {
    expect(referencesHeader(['a@x', 'b@x'])).toBe('<a@x> <b@x>');
  });
});

describe('ownMessageId', () => {
  it('is the mail’s id at the mailbox’s domain', () => {
    expect(ownMessageId('01JD0000000000000000000000', 'Support@Shop.Example')).toBe('01jd0000000000000000000000@shop.example');
  });
});

describe('composeSubject', () => {
  it('adds Re: or Fwd: once, in English or Chinese mail', () => {
    expect(composeSubject('Where is my order?', 'reply')).toBe('Re: Where is my order?');
    expect(composeSubject('Re: Where is my order?', 'reply-all')).toBe('Re: Where is my order?');
    expect(composeSubject('回复：订单', 'reply')).toBe('回复：订单');
    expect(composeSubject('RE:  订单', 'reply')).toBe('RE:  订单');
    expect(composeSubject('Order', 'forward')).toBe('Fwd: Order');
    expect(composeSubject('转发: Order', 'forward')).toBe('转发: Order');
    expect(composeSubject('Re: Order', 'forward')).toBe('Fwd: Re: Order');
  });
});

import { describe, expect, it } from 'vitest';
import { elapsedSec, formatBytes, hubHref, isWorthRetrying, lineMark, problemKey } from '../../../../../renderer/features/chat/chat-logic';
import { en } from '../../../../../renderer/i18n/catalogue-en';

const receipts = { conversationId: 'c', visitorDelivered: 5, visitorRead: 3, agentDelivered: 0, agentRead: 0 };

describe('chat view logic', () => {
  it('ticks my lines as the visitor receives and reads them', () => {
    expect(lineMark({ seq: 2 }, receipts)).toBe('read');
    expect(lineMark({ seq: 3 }, receipts)).toBe('read');
    expect(lineMark({ seq: 5 }, receipts)).toBe('delivered');
    expect(lineMark({ seq: 6 }, receipts)).toBe('sent');
    expect(lineMark({ seq: 1 }, null)).toBe('sent');
  });

  it('makes attachment paths absolute on the hub, and no further', () => {
    expect(hubHref('http://10.0.0.5:4310', '/api/chat/file/01J?sig=a b')).toBe('http://10.0.0.5:4310/api/chat/file/01J?sig=a%20b');
    expect(hubHref('https://hub.example.com/desk/', '/api/chat/file/x')).toBe('https://hub.example.com/api/chat/file/x');
  });

  it('has a message for every problem a line or a file can meet', () => {
    const problems = ['conflict', 'forbidden', 'not-found', 'rate-limited', 'too-large', 'unsupported-type', 'empty', 'network', 'bad-answer', 'internal', 'invalid-payload'] as const;
    for (const problem of problems) expect(en[problemKey(problem)]).toBeTruthy();
    expect(problemKey('conflict')).toBe('chat.problem.conflict');
    expect(problemKey('internal')).toBe('error.internal');
  });

  it('offers a retry only when the refusal was about the moment', () => {
    expect(isWorthRetrying('rate-limited')).toBe(true);
    expect(isWorthRetrying('internal')).toBe(true);
    expect(isWorthRetrying('conflict')).toBe(false);
    expect(isWorthRetrying('forbidden')).toBe(false);
  });

  it('formats sizes and timers', () => {
    expect(formatBytes(830)).toBe('830 B');
    expect(formatBytes(12_300)).toBe('12 KB');
    expect(formatBytes(2_516_582)).toBe('2.4 MB');
    expect(elapsedSec(10_000, 75_999)).toBe(65);
    expect(elapsedSec(10_000, 5_000)).toBe(0);
  });
});

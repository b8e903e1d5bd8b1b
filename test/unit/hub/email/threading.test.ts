import { describe, expect, it } from 'vitest';
import { chooseThread, referencedIds } from '../../../../hub/email/threading';

const known = new Map([
  ['first@example.com', 'THREAD-A'],
  ['agent-reply@switchboard.local', 'THREAD-A'],
  ['other@example.com', 'THREAD-B'],
]);
const noRef = () => null;

describe('email threading', () => {
  it('follows In-Reply-To first', () => {
    expect(chooseThread({ inReplyTo: 'agent-reply@switchboard.local', references: ['other@example.com'], subject: 'Re: x' }, known, noRef)).toBe('THREAD-A');
  });

  it('falls back to References, newest first', () => {
    const clues = { inReplyTo: 'unknown@elsewhere', references: ['other@example.com', 'first@example.com', 'gone@x'], subject: 'Re: x' };
    expect(referencedIds(clues)).toEqual(['unknown@elsewhere', 'gone@x', 'first@example.com', 'other@example.com']);
    expect(chooseThread(clues, known, noRef)).toBe('THREAD-A');
  });

  it('uses the ticket token in the subject when the headers were dropped', () => {
    const byRef = (ref: string) => (ref === 'T-ABCD1234' ? 'THREAD-C' : null);
    expect(chooseThread({ inReplyTo: null, references: [], subject: 'Re: order [#t-abcd1234]' }, known, byRef)).toBe('THREAD-C');
    // Headers win over the token: they name the very mail answered.
    expect(chooseThread({ inReplyTo: 'first@example.com', references: [], subject: 'Re: [#T-ABCD1234]' }, known, byRef)).toBe('THREAD-A');
  });

  it('starts a new conversation when nothing matches', () => {
    expect(chooseThread({ inReplyTo: null, references: [], subject: 'Hello' }, known, noRef)).toBeNull();
    expect(chooseThread({ inReplyTo: 'nobody@x', references: [], subject: 'Re: [#T-ZZZZZZZZ]' }, known, noRef)).toBeNull();
  });
});

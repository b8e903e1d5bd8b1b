import { describe, expect, it } from 'vitest';
import { type DuplicateCandidate, editDistance, findDuplicates, mailboxKey, nameKey, nameReason, phoneKey, scoreOf } from '../../../../shared/customers/duplicates';

const customer = (id: string, name: string, identities: DuplicateCandidate['identities'] = []): DuplicateCandidate => ({
  id,
  number: `C${id.padStart(6, '0')}`,
  name,
  identities,
});

describe('duplicate keys', () => {
  it('reads a national number and its E.164 form as one phone', () => {
    expect(phoneKey('138 1234 5678', 'CN')).toBe('+8613812345678');
    expect(phoneKey('+86 138-1234-5678', 'CN')).toBe('+8613812345678');
    expect(phoneKey('12', 'CN')).toBeNull();
  });

  it('reads an address without case, +tag or Gmail dots', () => {
    expect(mailboxKey('Wang.Fang+shop@GMail.com')).toBe('wangfang@gmail.com');
    expect(mailboxKey('wangfang@googlemail.com')).toBe('wangfang@gmail.com');
    // Dots matter everywhere else.
    expect(mailboxKey('wang.fang@example.com')).toBe('wang.fang@example.com');
    expect(mailboxKey('no-at-sign')).toBeNull();
  });

  it('keeps only letters of a name, without case, width or accents', () => {
    expect(nameKey('  Wáng  Fāng ')).toBe('wangfang');
    expect(nameKey('王 芳')).toBe('王芳');
    expect(nameKey('ＷＡＮＧ')).toBe('wang');
  });

  it('counts edits and gives up past the limit', () => {
    expect(editDistance('jonathan', 'jonathon', 2)).toBe(1);
    expect(editDistance('smith', 'smyth', 1)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('name reasons', () => {
  it('matches Chinese names only when identical once spaces are gone', () => {
    expect(nameReason('王芳', '王 芳')).toEqual({ kind: 'same-name' });
    // One character apart is another person.
    expect(nameReason('王芳', '王方')).toBeNull();
  });

  it('matches Latin names in any word order, and with a typo by length', () => {
    expect(nameReason('Fang Wang', 'wang, fang')).toEqual({ kind: 'same-name' });
    expect(nameReason('Jonathan Smith', 'Jonathon Smith')).toEqual({ kind: 'similar-name', distance: 1 });
    expect(nameReason('Alexandra Carter', 'Alexandre Karter')).toEqual({ kind: 'similar-name', distance: 2 });
    // Short names: one letter is a different name (Anna / Anne).
    expect(nameReason('Anna', 'Anne')).toBeNull();
    expect(nameReason('Peter Brown', 'Susan Green')).toBeNull();
  });

  it('never matches names without letters (a provisional caller named by their number)', () => {
    expect(nameReason('+86 138 1234 5678', '+86 138 1234 5678')).toBeNull();
  });
});

describe('findDuplicates', () => {
  const subject = customer('1', '王芳', [
    { kind: 'phone', value: '+8613812345678' },
    { kind: 'email', value: 'wang.fang@gmail.com' },
  ]);

  it('scores and explains each suggestion, strongest first, leaving out the subject and strangers', () => {
    const found = findDuplicates(
      subject,
      [
        subject,
        customer('2', '王 芳', []),
        customer('3', 'Fang W.', [{ kind: 'phone', value: '138 1234 5678' }]),
        customer('4', '王芳', [{ kind: 'email', value: 'WangFang+orders@gmail.com' }]),
        customer('5', '李雷', [{ kind: 'phone', value: '+8613900000000' }]),
      ],
      'CN',
    );
    expect(found).toEqual([
      // Same mailbox and same name: 1 − 0.1 × 0.5.
      { customerId: '4', number: 'C000004', name: '王芳', score: 0.95, reasons: [{ kind: 'same-email', value: 'WangFang+orders@gmail.com' }, { kind: 'same-name' }] },
      { customerId: '3', number: 'C000003', name: 'Fang W.', score: 0.9, reasons: [{ kind: 'same-phone', value: '138 1234 5678' }] },
      { customerId: '2', number: 'C000002', name: '王 芳', score: 0.5, reasons: [{ kind: 'same-name' }] },
    ]);
  });

  it('combines reasons as independent evidence', () => {
    expect(scoreOf([{ kind: 'same-phone', value: 'x' }, { kind: 'same-email', value: 'y' }])).toBe(0.99);
    expect(scoreOf([{ kind: 'similar-name', distance: 1 }])).toBe(0.3);
    expect(scoreOf([])).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { cleanDisplayName, DISPLAY_MAX, parseCallerId, parseNameAddr } from '../../../../shared/phone/caller-id';

const caller = (fromUser: string, fromDisplay = '', assertedIdentity = '') => parseCallerId({ fromUser, fromDisplay, assertedIdentity }, 'CN');

describe('parseCallerId', () => {
  it('normalises national, international and punctuated numbers to E.164', () => {
    expect(caller('13812345678')).toEqual({ kind: 'number', e164: '+8613812345678', display: null });
    expect(caller('+8613812345678')).toEqual({ kind: 'number', e164: '+8613812345678', display: null });
    expect(caller('008613812345678').kind).toBe('number');
    expect(caller('+44 20 7946 0018')).toEqual({ kind: 'number', e164: '+442079460018', display: null });
  });

  it('keeps an agent or desk-phone extension as typed', () => {
    expect(caller('agent2', 'Agent Two')).toEqual({ kind: 'extension', user: 'agent2', display: 'Agent Two' });
    expect(caller('1001')).toEqual({ kind: 'extension', user: '1001', display: null });
  });

  it('prefers P-Asserted-Identity over the caller-set From', () => {
    const party = caller('1001', 'Spoofed Bank', '"Li Na" <sip:+8613900001111@trunk.example;user=phone>');
    expect(party).toEqual({ kind: 'number', e164: '+8613900001111', display: 'Li Na' });
  });

  it('takes the number out of a sip and tel pair, whichever comes first', () => {
    const party = caller('anonymous', '', '<sip:li@trunk.example>, <tel:+86-10-8888-6666>');
    expect(party).toEqual({ kind: 'number', e164: '+861088886666', display: null });
  });

  it('falls back to the From display name when the asserted identity has none', () => {
    expect(caller('13812345678', 'Wang', '<tel:+8613812345678>')).toEqual({ kind: 'number', e164: '+8613812345678', display: 'Wang' });
  });

  it('treats anonymous, restricted and empty callers as withheld', () => {
    expect(caller('anonymous', 'Anonymous')).toEqual({ kind: 'anonymous' });
    expect(caller('Restricted')).toEqual({ kind: 'anonymous' });
    expect(caller('')).toEqual({ kind: 'anonymous' });
    expect(caller('anonymous', '', '<sip:anonymous@anonymous.invalid>')).toEqual({ kind: 'anonymous' });
  });

  it('keeps a hostile display name as plain text, never dropping or interpreting it', () => {
    const party = caller('13812345678', '<script>alert(1)</script>');
    expect(party).toEqual({ kind: 'number', e164: '+8613812345678', display: '<script>alert(1)</script>' });
  });

  it('keeps non-ASCII names', () => {
    expect(caller('13812345678', '王小明')).toMatchObject({ display: '王小明' });
    expect(caller('13812345678', 'Zoë Ørsted 👋')).toMatchObject({ display: 'Zoë Ørsted 👋' });
  });
});

describe('cleanDisplayName', () => {
  it('caps a very long name by code points, ending in an ellipsis', () => {
    const long = '长'.repeat(10_000);
    const cleaned = cleanDisplayName(long) ?? '';
    expect(Array.from(cleaned)).toHaveLength(DISPLAY_MAX);
    expect(cleaned.endsWith('…')).toBe(true);
  });

  it('does not split an emoji when capping', () => {
    const cleaned = cleanDisplayName('👋'.repeat(100)) ?? '';
    expect(cleaned).toBe(`${'👋'.repeat(DISPLAY_MAX - 1)}…`);
  });

  it('strips control and bidi-override characters, quotes and runs of space', () => {
    expect(cleanDisplayName('"Evil\u202Emoc.knab"')).toBe('Evilmoc.knab');
    expect(cleanDisplayName('  Li\r\n\tNa\u0000 ')).toBe('Li Na');
    expect(cleanDisplayName('   ')).toBeNull();
  });

  it('undoes quoted-string escapes with or without the quotes (sip.js hands the name over unquoted)', () => {
    // RFC 4475 wsinv: "J Rosenberg \\\"" is the name J Rosenberg \"
    expect(cleanDisplayName(String.raw`"J Rosenberg \\\""`)).toBe(String.raw`J Rosenberg \"`);
    expect(cleanDisplayName(String.raw`J Rosenberg \\\"`)).toBe(String.raw`J Rosenberg \"`);
    expect(cleanDisplayName(String.raw`"Li \"Na\""`)).toBe('Li "Na"');
  });
});

describe('parseNameAddr', () => {
  it('reads name-addr, addr-spec and tel forms', () => {
    expect(parseNameAddr('"Li" <sip:+86139@host;user=phone>')).toEqual({ display: '"Li" ', user: '+86139' });
    expect(parseNameAddr('sip:alice@host')).toEqual({ display: '', user: 'alice' });
    expect(parseNameAddr('<tel:+8613900001111;phone-context=x>')).toEqual({ display: '', user: '+8613900001111' });
    expect(parseNameAddr('<sip:%2B8613900001111@host>')).toEqual({ display: '', user: '+8613900001111' });
  });

  it('answers null for what is not a SIP or tel URI, and survives bad escapes', () => {
    expect(parseNameAddr('<mailto:a@b>')).toBeNull();
    expect(parseNameAddr('garbage')).toBeNull();
    expect(parseNameAddr('<sip:%E0%A4%A@host>')).toEqual({ display: '', user: '%E0%A4%A' });
  });
});

describe('quoted display names', () => {
  it('undoes the quoted-string escapes', () => {
    expect(cleanDisplayName('  "Quoted \\"Name\\""  ')).toBe('Quoted "Name"');
    expect(cleanDisplayName('"back\\\\slash"')).toBe('back\\slash');
  });
});

describe('withheld names', () => {
  it('does not label an asserted number with the word Anonymous', () => {
    expect(parseCallerId({ fromUser: 'anonymous', fromDisplay: '"Anonymous"', assertedIdentity: '<sip:+8613912345680@carrier>' }, 'CN')).toEqual({
      kind: 'number',
      e164: '+8613912345680',
      display: null,
    });
  });
});

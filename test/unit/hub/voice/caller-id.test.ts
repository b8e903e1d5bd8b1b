import { describe, expect, it } from 'vitest';
import { CALLER_NAME_MAX, callSubject, cleanCallerName, parseCallerId, uriUser } from '../../../../hub/voice/caller-id';

const caller = (fromUser: string, fromDisplay = '', assertedIdentity = '') => parseCallerId({ fromUser, fromDisplay, assertedIdentity }, 'CN');

describe('caller ID from SIP headers', () => {
  it('reads national and international numbers as E.164', () => {
    expect(caller('13800138000').number).toBe('+8613800138000');
    expect(caller('+8613800138000').number).toBe('+8613800138000');
    expect(caller('008613800138000').number).toBe('+8613800138000');
    expect(caller('+442079460018').number).toBe('+442079460018');
  });

  it('prefers P-Asserted-Identity over From, in any URI form', () => {
    expect(caller('13900139000', '', '"Carrier" <sip:+8613800138000@trunk.example;user=phone>').number).toBe('+8613800138000');
    expect(caller('13900139000', '', '<tel:+8613800138000;npdi>').number).toBe('+8613800138000');
    expect(caller('13900139000', '', 'sip:13800138000@trunk.example').number).toBe('+8613800138000');
  });

  it('falls back to From when the asserted identity holds no number', () => {
    expect(caller('13900139000', '', '<sip:anonymous@anonymous.invalid>').number).toBe('+8613900139000');
  });

  it('gives no number for withheld or unreadable callers', () => {
    expect(caller('anonymous', 'Anonymous')).toEqual({ number: null, name: '' });
    expect(caller('Restricted').number).toBeNull();
    expect(caller('').number).toBeNull();
    expect(caller('alice').number).toBeNull();
    expect(caller('12').number).toBeNull();
  });

  it('takes the name from From, else from the asserted identity', () => {
    expect(caller('13800138000', '"Wang Fang"').name).toBe('Wang Fang');
    expect(caller('13800138000', '', '"王芳" <sip:+8613800138000@trunk>').name).toBe('王芳');
  });
});

describe('display names as untrusted text', () => {
  it('keeps markup as literal text (the desktop never renders it as HTML)', () => {
    expect(cleanCallerName('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('drops control characters and bidirectional overrides and collapses whitespace', () => {
    expect(cleanCallerName('Ev\u0000il\r\nCaller\u202e')).toBe('Evil Caller');
    expect(cleanCallerName('  "Quoted \\"Name\\""  ')).toBe('Quoted "Name"');
  });

  it('caps the length by whole characters', () => {
    const name = cleanCallerName('长'.repeat(300));
    expect(Array.from(name)).toHaveLength(CALLER_NAME_MAX);
    expect(name).toBe('长'.repeat(CALLER_NAME_MAX));
    const emoji = cleanCallerName('😀'.repeat(100));
    expect(Array.from(emoji).every((char) => char === '😀')).toBe(true);
  });
});

describe('URI user parts', () => {
  it('finds the user in name-addr, addr-spec and bare forms', () => {
    expect(uriUser('"Bob" <sips:+8613800138000@carrier>')).toBe('+8613800138000');
    expect(uriUser('sip:%2B8613800138000@carrier')).toBe('+8613800138000');
    expect(uriUser('13800138000')).toBe('13800138000');
    expect(uriUser('sip:%zz@carrier')).toBe('%zz');
  });
});

describe('call subjects', () => {
  it('name the number, then the caller-given name', () => {
    expect(callSubject({ number: '+8613800138000', name: '' })).toBe('Call from +8613800138000');
    expect(callSubject({ number: '+8613800138000', name: 'Wang Fang' })).toBe('Call from +8613800138000 (Wang Fang)');
    expect(callSubject({ number: null, name: '' })).toBe('Call from an anonymous caller');
  });
});

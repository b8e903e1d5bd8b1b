import { describe, expect, it } from 'vitest';
import { callerOf, callSubject } from '../../../../hub/voice/caller-id';

const caller = (fromUser: string, fromDisplay = '', assertedIdentity = '') => callerOf({ fromUser, fromDisplay, assertedIdentity }, 'CN');

describe('caller ID on a call', () => {
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

  it('falls back to From when the asserted identity is withheld', () => {
    expect(caller('13900139000', '', '<sip:anonymous@anonymous.invalid>').number).toBe('+8613900139000');
  });

  it('gives no number for withheld callers or extensions', () => {
    expect(caller('anonymous', 'Anonymous')).toEqual({ number: null, name: '' });
    expect(caller('Restricted').number).toBeNull();
    expect(caller('withheld').number).toBeNull();
    expect(caller('').number).toBeNull();
    expect(caller('alice').number).toBeNull();
    expect(caller('12').number).toBeNull();
  });

  it('takes the name from From, else from the asserted identity, as text', () => {
    expect(caller('13800138000', '"Wang Fang"').name).toBe('Wang Fang');
    expect(caller('13800138000', '', '"王芳" <sip:+8613800138000@trunk>').name).toBe('王芳');
    expect(caller('13800138000', '"Quoted \\"Name\\""').name).toBe('Quoted "Name"');
    expect(caller('13800138000', '<script>alert(1)</script>').name).toBe('<script>alert(1)</script>');
  });
});

describe('call subjects', () => {
  it('name the number, then the caller-given name', () => {
    expect(callSubject({ number: '+8613800138000', name: '' })).toBe('Call from +8613800138000');
    expect(callSubject({ number: '+8613800138000', name: 'Wang Fang' })).toBe('Call from +8613800138000 (Wang Fang)');
    expect(callSubject({ number: null, name: '' })).toBe('Call from an anonymous caller');
  });
});

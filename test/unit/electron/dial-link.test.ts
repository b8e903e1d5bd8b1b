import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDialLinkInArgv, MAX_DIAL_LINK_LENGTH, parseDialLink } from '../../../electron/dial-link';
import { DialLinkSchema } from '../../../shared/protocol/desktop';

describe('parseDialLink — tel:', () => {
  it.each([
    ['tel:+86 138-1234-5678', '+8613812345678'],
    ['tel:+86%20138-1234-5678', '+8613812345678'],
    ['tel:%2B442079460000', '+442079460000'],
    ['tel:+44 (20) 7946.0000', '+442079460000'],
    ['TEL:+1-202-555-0143', '+12025550143'],
    ['tel://+1-202-555-0143', '+12025550143'],
    ['tel:+1-202-555-0143;ext=1234', '+12025550143'],
    ['tel:7042;phone-context=example.com', '7042'],
    ['tel:*21#', '*21#'],
    ['  tel:10086  ', '10086'],
  ])('%s → %s', (raw, target) => {
    expect(parseDialLink(raw)).toEqual({ scheme: 'tel', target });
  });

  it.each([
    'tel:',
    'tel:+',
    'tel:1-800-FLOWERS',
    'tel:12%3',
    'tel:+1%0A202',
    'tel:+1%00',
    'tel:++44',
    `tel:+${'1'.repeat(33)}`,
    'tel:+1\u202e2025550143',
    'tel:+１２０２', // full-width digits that merely look like numbers
  ])('refuses %j', (raw) => {
    expect(parseDialLink(raw)).toBeNull();
  });
});

describe('parseDialLink — sip:', () => {
  it.each([
    ['sip:1001@pbx.example.com', '1001@pbx.example.com'],
    ['SIP:Alice@PBX.Example.COM', 'Alice@pbx.example.com'],
    ['sip:1001@pbx.example.com:5060', '1001@pbx.example.com:5060'],
    ['sip:1001@pbx.example.com;transport=ws;lr', '1001@pbx.example.com'],
    ['sip:1001@pbx.example.com?subject=callback&priority=urgent', '1001@pbx.example.com'],
    ['sip:+4420794600@gw.example.com;user=phone', '+4420794600@gw.example.com'],
    ['sip:1001;isub=7@pbx.example.com', '1001@pbx.example.com'],
    ['sip:alice:secret@pbx.example.com', 'alice@pbx.example.com'],
    ['sip:1001@192.0.2.10:5080', '1001@192.0.2.10:5080'],
    ['sip:1001@[2001:db8::1]', '1001@[2001:db8::1]'],
    ['sip:john%2Edoe@example.com', 'john.doe@example.com'],
    ['sip:1001', '1001'],
  ])('%s → %s', (raw, target) => {
    expect(parseDialLink(raw)).toEqual({ scheme: 'sip', target });
  });

  it.each([
    'sip:',
    'sip:@pbx.example.com',
    'sip:pbx.example.com',
    'sip:1001@',
    'sip:1001@pbx..example.com',
    'sip:1001@-pbx.example.com',
    'sip:1001@pbx.example.com:0',
    'sip:1001@pbx.example.com:70000',
    'sip:1001@999.1.1.1',
    'sip:al%0Dice@example.com', // CR smuggled into a SIP message
    'sip:alice%40evil.example@pbx.example.com', // decoded @ would re-point the call
    'sip:a%3Bb@example.com',
    'sip:alice@exa mple.com',
    'sip:alice@例え.jp',
  ])('refuses %j', (raw) => {
    expect(parseDialLink(raw)).toBeNull();
  });
});

describe('parseDialLink — other input', () => {
  it.each([
    'sips:1001@pbx.example.com',
    'callto:+12025550143',
    'https://example.com/tel:123',
    'javascript:alert(1)',
    'file:///etc/passwd',
    '',
    'tel',
  ])('refuses %j', (raw) => {
    expect(parseDialLink(raw)).toBeNull();
  });

  it('refuses non-strings', () => {
    for (const value of [null, undefined, 42, {}, ['tel:1']]) expect(parseDialLink(value)).toBeNull();
  });

  it('refuses overlong input before looking at it', () => {
    expect(parseDialLink(`tel:1${' '.repeat(MAX_DIAL_LINK_LENGTH)}`)).toBeNull();
    expect(parseDialLink(`sip:${'a'.repeat(MAX_DIAL_LINK_LENGTH)}@example.com`)).toBeNull();
  });

  it('refuses a target longer than the protocol allows', () => {
    expect(parseDialLink(`sip:${'a'.repeat(250)}@example.com`)).toBeNull();
  });

  it('never throws and only returns schema-valid, printable links', () => {
    const interesting = fc.constantFrom('tel:', 'sip:', 'TEL:', 'sip:1001@', '%', '%2B', '@', ';', '?', ':', '[', ']', '+', '#', '*', ' ', '.', '-');
    const input = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(fc.oneof(interesting, fc.string({ maxLength: 8 })), { maxLength: 40 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (raw) => {
        const link = parseDialLink(raw);
        if (link === null) return;
        expect(DialLinkSchema.safeParse(link).success).toBe(true);
        expect(link.target).toMatch(/^[\x21-\x7e]+$/);
        expect(link.target).not.toMatch(/[;?\s]/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('findDialLinkInArgv', () => {
  it('finds the link among Electron and Chromium arguments', () => {
    const argv = ['/opt/Switchboard/switchboard', '--allow-file-access-from-files', '/work/main', 'tel:+86 138-1234-5678'];
    expect(findDialLinkInArgv(argv)).toEqual({ scheme: 'tel', target: '+8613812345678' });
  });

  it('skips a broken link and takes the next good one', () => {
    expect(findDialLinkInArgv(['app', 'tel:abc', 'sip:1001@pbx.example.com'])).toEqual({ scheme: 'sip', target: '1001@pbx.example.com' });
  });

  it('returns null when there is no link', () => {
    expect(findDialLinkInArgv(['app', '--flag', 'https://example.com'])).toBeNull();
    expect(findDialLinkInArgv([])).toBeNull();
  });
});

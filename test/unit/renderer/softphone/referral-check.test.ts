import { describe, expect, it } from 'vitest';
import { checkReferTo, sipfragStatus } from '../../../../renderer/softphone/referral-check';

const DOMAIN = 'switchboard.local';

describe('checkReferTo', () => {
  it('follows a sip: user in our domain, bracketed or bare, with or without a display name', () => {
    expect(checkReferTo(['<sip:agent2@switchboard.local>'], DOMAIN)).toEqual({ ok: true, user: 'agent2', replaces: false });
    expect(checkReferTo(['sip:support@switchboard.local'], DOMAIN)).toEqual({ ok: true, user: 'support', replaces: false });
    expect(checkReferTo(['"Agent Two" <sips:agent2@Switchboard.Local;transport=ws>'], DOMAIN)).toEqual({ ok: true, user: 'agent2', replaces: false });
    expect(checkReferTo(['<sip:+8613812345678@switchboard.local:5060>'], DOMAIN)).toEqual({ ok: true, user: '+8613812345678', replaces: false });
    expect(checkReferTo(['"<b>Two</b> \\" <x>" <sip:agent2@switchboard.local>'], DOMAIN)).toEqual({ ok: true, user: 'agent2', replaces: false });
  });

  it('sees the Replaces of an attended transfer', () => {
    const value = '<sip:agent2@switchboard.local?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>';
    expect(checkReferTo([value], DOMAIN)).toEqual({ ok: true, user: 'agent2', replaces: true });
  });

  it('refuses a missing or doubled Refer-To with 400', () => {
    expect(checkReferTo([], DOMAIN)).toMatchObject({ ok: false, statusCode: 400, reasonPhrase: 'Missing Refer-To' });
    expect(checkReferTo(['<sip:a@switchboard.local>', '<sip:b@switchboard.local>'], DOMAIN)).toMatchObject({ ok: false, statusCode: 400 });
    expect(checkReferTo(['<sip:agent2@switchboard.local'], DOMAIN)).toMatchObject({ ok: false, statusCode: 400 });
    expect(checkReferTo(['agent2'], DOMAIN)).toMatchObject({ ok: false, statusCode: 400 });
  });

  it('refuses a URI that is not sip: with 416', () => {
    expect(checkReferTo(['<http://evil.example/steal>'], DOMAIN)).toMatchObject({ ok: false, statusCode: 416 });
    expect(checkReferTo(['<tel:+19005550100>'], DOMAIN)).toMatchObject({ ok: false, statusCode: 416 });
    expect(checkReferTo(['javascript:alert(1)'], DOMAIN)).toMatchObject({ ok: false, statusCode: 416 });
  });

  it('refuses a target outside our domain with 403, and one with no user with 484', () => {
    expect(checkReferTo(['<sip:premium@toll.example>'], DOMAIN)).toMatchObject({ ok: false, statusCode: 403 });
    expect(checkReferTo(['<sip:agent2@switchboard.local.evil.example>'], DOMAIN)).toMatchObject({ ok: false, statusCode: 403 });
    expect(checkReferTo(['<sip:switchboard.local>'], DOMAIN)).toMatchObject({ ok: false, statusCode: 484 });
  });

  it('refuses a user part we would never dial', () => {
    expect(checkReferTo(['<sip:<script>@switchboard.local>'], DOMAIN)).toMatchObject({ ok: false });
    expect(checkReferTo([`<sip:${'a'.repeat(65)}@switchboard.local>`], DOMAIN)).toMatchObject({ ok: false, statusCode: 400 });
  });
});

describe('sipfragStatus', () => {
  it('reads the status line of a NOTIFY body', () => {
    expect(sipfragStatus('SIP/2.0 200 OK')).toBe(200);
    expect(sipfragStatus('SIP/2.0 180 Ringing\r\n')).toBe(180);
    expect(sipfragStatus('  SIP/2.0 486 Busy Here')).toBe(486);
  });

  it('gives null for a body with no status line', () => {
    expect(sipfragStatus('')).toBeNull();
    expect(sipfragStatus('INVITE sip:a@b SIP/2.0')).toBeNull();
    expect(sipfragStatus('SIP/2.0 2000 OK')).toBeNull();
  });
});

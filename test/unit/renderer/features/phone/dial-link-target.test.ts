import { describe, expect, it } from 'vitest';
import { dialLinkTarget } from '../../../../../renderer/features/phone/dial-link-target';

const DOMAIN = 'switchboard.local';

describe('dialLinkTarget', () => {
  it.each([
    [{ scheme: 'tel', target: '+8613812345678' }, '+8613812345678'],
    // National numbers are read in the site's region, by the shared E.164 parser.
    [{ scheme: 'tel', target: '13812345678' }, '+8613812345678'],
    [{ scheme: 'tel', target: '01088886666' }, '+861088886666'],
  ] as const)('%o calls the number %s', (link, e164) => {
    expect(dialLinkTarget(link, 'CN', DOMAIN)).toEqual({ ok: true, target: { target: e164, party: { kind: 'number', e164, display: null } } });
  });

  it.each([
    [{ scheme: 'sip', target: 'agent2@switchboard.local' }, 'agent2'],
    [{ scheme: 'sip', target: 'agent2@SWITCHBOARD.local' }, 'agent2'],
    [{ scheme: 'sip', target: '1001' }, '1001'],
    [{ scheme: 'tel', target: '1001' }, '1001'],
  ] as const)('%o calls the extension %s', (link, user) => {
    expect(dialLinkTarget(link, 'CN', DOMAIN)).toEqual({ ok: true, target: { target: user, party: { kind: 'extension', user, display: null } } });
  });

  it('refuses a sip: address in another domain: our softphone would ring our own user of that name', () => {
    expect(dialLinkTarget({ scheme: 'sip', target: 'agent2@evil.example' }, 'CN', DOMAIN)).toEqual({ ok: false, error: 'other-domain' });
    expect(dialLinkTarget({ scheme: 'sip', target: 'agent2@switchboard.local:5070' }, 'CN', DOMAIN)).toEqual({ ok: false, error: 'other-domain' });
    // The phone has not heard its domain yet: nothing with a host can be checked.
    expect(dialLinkTarget({ scheme: 'sip', target: 'agent2@switchboard.local' }, 'CN', null)).toEqual({ ok: false, error: 'other-domain' });
  });

  it('refuses what is neither a number nor an extension (service codes the SIP user part cannot carry)', () => {
    expect(dialLinkTarget({ scheme: 'tel', target: '*21#' }, 'CN', DOMAIN)).toEqual({ ok: false, error: 'not-a-number' });
    expect(dialLinkTarget({ scheme: 'sip', target: "o'neil@switchboard.local" }, 'CN', DOMAIN)).toEqual({ ok: false, error: 'not-a-number' });
  });
});

import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../../electron/app-protocol';
import {
  decideLink,
  externalLinkToOpen,
  isAllowedNavigation,
  isAllowedSubframeNavigation,
  isAppPage,
  isPermissionAllowed,
  isTrustedSender,
} from '../../../electron/web-policy';

const INDEX = APP_INDEX_URL;

describe('isAppPage / isAllowedNavigation', () => {
  it.each([INDEX, `${INDEX}#/queues`, `${INDEX}?tab=calls#/customers/42`])('allows our page %s', (url) => {
    expect(isAppPage(url, INDEX)).toBe(true);
    expect(isAllowedNavigation(url, INDEX)).toBe(true);
  });

  it.each([
    'app://switchboard/other.html',
    'app://switchboard/assets/index.html',
    'app://evil/index.html',
    'file:///opt/Switchboard/resources/app.asar/renderer/index.html',
    'file:///etc/passwd',
    'https://hub.example.com/',
    'http://127.0.0.1:4310/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url, INDEX)).toBe(false);
  });
});

describe('externalLinkToOpen', () => {
  it('passes web links and mail addresses through, normalised', () => {
    expect(externalLinkToOpen('https://example.com/order?id=7')).toBe('https://example.com/order?id=7');
    expect(externalLinkToOpen('HTTPS://Example.COM')).toBe('https://example.com/');
    expect(externalLinkToOpen('http://example.com/')).toBe('http://example.com/');
    expect(externalLinkToOpen('mailto:care@example.com?subject=Order%207')).toBe('mailto:care@example.com?subject=Order%207');
  });

  it.each([
    'mailto:',
    'mailto:not-an-address',
    'mailto:a@b/../../x',
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'tel:+12025550143',
    'https://bank.example.com@evil.example/',
    'https://user:pass@example.com/',
    `https://example.com/${'a'.repeat(3000)}`,
    'https://',
    'garbage',
  ])('refuses %s', (url) => {
    expect(externalLinkToOpen(url)).toBeNull();
  });
});

describe('decideLink', () => {
  it('dials tel: and sip: links in the app rather than handing them to the OS', () => {
    expect(decideLink('tel:+1-202-555-0143')).toEqual({ kind: 'dial', link: { scheme: 'tel', target: '+12025550143' } });
    expect(decideLink('SIP:1001@pbx.example.com')).toEqual({ kind: 'dial', link: { scheme: 'sip', target: '1001@pbx.example.com' } });
    expect(decideLink('tel:1-800-FLOWERS')).toEqual({ kind: 'refused' });
  });

  it('sends allow-listed links out and refuses the rest', () => {
    expect(decideLink('https://example.com/')).toEqual({ kind: 'external', url: 'https://example.com/' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'vbscript:x', 'ms-settings:', `https://example.com/${'a'.repeat(3000)}`]) {
      expect(decideLink(url), url).toEqual({ kind: 'refused' });
    }
  });
});

describe('isAllowedSubframeNavigation', () => {
  it('allows only inline documents', () => {
    expect(isAllowedSubframeNavigation('about:srcdoc')).toBe(true);
    expect(isAllowedSubframeNavigation('about:blank')).toBe(true);
    expect(isAllowedSubframeNavigation('https://example.com/')).toBe(false);
    expect(isAllowedSubframeNavigation(INDEX)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const trusted = { webContentsId: 7, indexUrl: INDEX };
  const sender = { webContentsId: 7, frameUrl: `${INDEX}#/softphone`, isMainFrame: true };

  it('trusts our window showing our page', () => {
    expect(isTrustedSender(sender, trusted)).toBe(true);
  });

  it.each([
    ['another webContents', { ...sender, webContentsId: 8 }],
    ['a subframe', { ...sender, isMainFrame: false }],
    ['a frame that is gone', { ...sender, frameUrl: null }],
    ['our window after navigating away', { ...sender, frameUrl: 'https://evil.example/' }],
    ['another local file', { ...sender, frameUrl: 'file:///tmp/evil.html' }],
  ])('refuses %s', (_label, candidate) => {
    expect(isTrustedSender(candidate, trusted)).toBe(false);
  });

  it('refuses everything while no window exists', () => {
    expect(isTrustedSender(sender, { ...trusted, webContentsId: null })).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  it('allows microphone and camera, and the harmless permissions the app uses, for our page', () => {
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true, mediaTypes: ['audio'] })).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true, mediaTypes: ['audio', 'video'] })).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true })).toBe(true); // a check, no device list
    for (const permission of ['fullscreen', 'clipboard-sanitized-write', 'speaker-selection']) {
      expect(isPermissionAllowed({ permission, fromAppPage: true }), permission).toBe(true);
    }
  });

  it('refuses a media request with no or unknown devices', () => {
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true, mediaTypes: [] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true, mediaTypes: ['audio', 'screen'] })).toBe(false);
  });

  it.each(['notifications', 'display-capture', 'geolocation', 'clipboard-read', 'openExternal', 'midiSysex', 'hid', 'usb', 'serial', 'fileSystem', 'pointerLock', 'unknown'])(
    'refuses %s',
    (permission) => {
      expect(isPermissionAllowed({ permission, fromAppPage: true })).toBe(false);
    },
  );

  it('refuses everything to anything but our page', () => {
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: false, mediaTypes: ['audio'] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'fullscreen', fromAppPage: false })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { externalLinkToOpen, isAllowedNavigation, isAppPage, isPermissionAllowed, isTrustedSender } from '../../../electron/web-policy';

const INDEX = 'file:///opt/Switchboard/resources/app/dist/renderer/index.html';

describe('isAppPage / isAllowedNavigation', () => {
  it.each([INDEX, `${INDEX}#/queues`, `${INDEX}?tab=calls#/customers/42`])('allows our page %s', (url) => {
    expect(isAppPage(url, INDEX)).toBe(true);
    expect(isAllowedNavigation(url, INDEX)).toBe(true);
  });

  it.each([
    'file:///opt/Switchboard/resources/app/dist/renderer/other.html',
    'file:///etc/passwd',
    'file:///opt/Switchboard/resources/app/dist/renderer/../../../../../etc/passwd',
    'file://evil-share/opt/Switchboard/resources/app/dist/renderer/index.html',
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
  it('passes https links through, normalised', () => {
    expect(externalLinkToOpen('https://example.com/order?id=7')).toBe('https://example.com/order?id=7');
    expect(externalLinkToOpen('HTTPS://Example.COM')).toBe('https://example.com/');
  });

  it.each([
    'http://example.com/',
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
  it('allows microphone, camera and notifications for our page', () => {
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true, mediaTypes: ['audio'] })).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true, mediaTypes: ['audio', 'video'] })).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true })).toBe(true); // a check, no device list
    expect(isPermissionAllowed({ permission: 'notifications', fromAppPage: true })).toBe(true);
  });

  it('refuses a media request with no or unknown devices', () => {
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true, mediaTypes: [] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: true, mediaTypes: ['audio', 'screen'] })).toBe(false);
  });

  it.each(['display-capture', 'geolocation', 'clipboard-read', 'openExternal', 'midiSysex', 'hid', 'usb', 'serial', 'fileSystem', 'pointerLock', 'unknown'])(
    'refuses %s',
    (permission) => {
      expect(isPermissionAllowed({ permission, fromAppPage: true })).toBe(false);
    },
  );

  it('refuses everything to anything but our page', () => {
    expect(isPermissionAllowed({ permission: 'media', fromAppPage: false, mediaTypes: ['audio'] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'notifications', fromAppPage: false })).toBe(false);
  });
});

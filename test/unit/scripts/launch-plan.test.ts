import { describe, expect, it } from 'vitest';
import { type ElectronProbe, electronEnv, type LaunchFacts, planDesktopLaunch, webModeMessage } from '../../../scripts/launch-plan';

const installed: ElectronProbe = { kind: 'path', path: '/repo/node_modules/electron/dist/electron', exists: true };
const facts = (overrides: Partial<LaunchFacts>): LaunchFacts => ({ platform: 'linux', env: { DISPLAY: ':0' }, electron: () => installed, ...overrides });

describe('planDesktopLaunch', () => {
  it('launches Electron when the binary exists and there is a display', () => {
    expect(planDesktopLaunch(facts({}))).toEqual({ kind: 'electron', electronPath: installed.path });
    expect(planDesktopLaunch(facts({ env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toEqual({ kind: 'electron', electronPath: installed.path });
  });

  it('falls back to web mode when the binary was never downloaded (require throws)', () => {
    const electron: ElectronProbe = { kind: 'error', message: 'Electron failed to install correctly, please delete node_modules/electron and try installing again' };
    expect(planDesktopLaunch(facts({ electron: () => electron }))).toEqual({ kind: 'web', reason: 'binary-missing' });
  });

  it('falls back to web mode when the reported binary is not on disk', () => {
    expect(planDesktopLaunch(facts({ electron: () => ({ ...installed, exists: false }) }))).toEqual({ kind: 'web', reason: 'binary-missing' });
    expect(planDesktopLaunch(facts({ electron: () => ({ kind: 'path', path: '', exists: true }) }))).toEqual({ kind: 'web', reason: 'binary-missing' });
  });

  it('falls back to web mode on a Linux box with no display server', () => {
    expect(planDesktopLaunch(facts({ env: {} }))).toEqual({ kind: 'web', reason: 'no-display' });
    expect(planDesktopLaunch(facts({ env: { DISPLAY: '', WAYLAND_DISPLAY: '  ' } }))).toEqual({ kind: 'web', reason: 'no-display' });
  });

  it('does not ask for DISPLAY on macOS or Windows', () => {
    expect(planDesktopLaunch(facts({ platform: 'darwin', env: {} })).kind).toBe('electron');
    expect(planDesktopLaunch(facts({ platform: 'win32', env: {} })).kind).toBe('electron');
  });

  it('reports the missing binary before the missing display (the real blocker here)', () => {
    expect(planDesktopLaunch(facts({ env: {}, electron: () => ({ kind: 'error', message: 'x' }) }))).toEqual({ kind: 'web', reason: 'binary-missing' });
  });

  it('honours SWITCHBOARD_WEB_ONLY without looking for Electron (that may start a download)', () => {
    const probe = () => {
      throw new Error('Electron was looked for');
    };
    expect(planDesktopLaunch(facts({ env: { DISPLAY: ':0', SWITCHBOARD_WEB_ONLY: '1' }, electron: probe }))).toEqual({ kind: 'web', reason: 'web-only-requested' });
    expect(planDesktopLaunch(facts({ env: { DISPLAY: ':0', SWITCHBOARD_WEB_ONLY: '0' } })).kind).toBe('electron');
  });
});

describe('webModeMessage', () => {
  it('prints the one plain line for a missing binary', () => {
    expect(webModeMessage('binary-missing', 'http://127.0.0.1:4310')).toBe(
      'Electron is not available here (its binary was never downloaded) — the desktop is served in web mode at http://127.0.0.1:4310',
    );
  });

  it('names the cause and the URL for every reason, on one line', () => {
    for (const reason of ['binary-missing', 'no-display', 'web-only-requested'] as const) {
      const message = webModeMessage(reason, 'http://127.0.0.1:5000');
      expect(message).toContain('http://127.0.0.1:5000');
      expect(message).not.toContain('\n');
    }
    expect(webModeMessage('no-display', 'http://h')).toContain('DISPLAY');
  });
});

describe('electronEnv', () => {
  it('passes the hub URL and drops ELECTRON_RUN_AS_NODE', () => {
    const env = electronEnv({ PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1', SWITCHBOARD_HUB_URL: 'http://old', UNSET: undefined }, 'http://127.0.0.1:4310');
    expect(env).toEqual({ PATH: '/usr/bin', SWITCHBOARD_HUB_URL: 'http://127.0.0.1:4310' });
  });
});

import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL, APP_ORIGIN } from '../../../electron/app-protocol';
import { serveAppFile } from '../../../electron/app-protocol-serve';
import { buildContentSecurityPolicy, SIP_WEBSOCKET_SOURCES } from '../../../electron/csp';
import { senderOf } from '../../../electron/ipc';
import { applySessionPolicy } from '../../../electron/session-policy';
import { lockDownWebContents } from '../../../electron/web-contents-lock';
import { mainWindowOptions } from '../../../electron/window-options';

/**
 * Electron's security checklist (deploy/desktop-security.md maps each item to
 * the code), exercised on the code main.ts runs: the window's options, the
 * policy the page is served with, and the handlers installed on stand-ins
 * for a webContents and a session. Electron itself cannot start here.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const source = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the agent window (checklist 2, 3, 4, 6, 8, 9, 10, 11)', () => {
  const options = mainWindowOptions({ placement: { x: 0, y: 0, width: 1280, height: 800, maximized: false }, preloadPath: '/app/preload.js', devTools: false });
  const prefs = options.webPreferences ?? {};

  it('isolates and sandboxes the page, with no Node anywhere in it', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
    });
  });

  it('keeps web security on, insecure content, experimental and Blink features off, and no <webview>', () => {
    expect(prefs).toMatchObject({ webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false, navigateOnDragDrop: false });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.devTools).toBe(false);
  });

  it('is the only BrowserWindow the app creates, and every renderer is sandboxed besides', () => {
    const main = source('electron/main.ts');
    expect(main).toContain('app.enableSandbox();');
    const creators = readdirSync(path.join(ROOT, 'electron')).filter((file) => file.endsWith('.ts') && source(`electron/${file}`).includes('new BrowserWindow('));
    expect(creators).toEqual(['window.ts']);
    expect(source('electron/window.ts')).toContain('new BrowserWindow(mainWindowOptions(');
  });
});

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the Content-Security-Policy the page is served with (checklist 7)', async () => {
  const hubUrl = 'https://hub.example.com:8443';
  const policy = buildContentSecurityPolicy({ hubUrl, extraConnectSources: SIP_WEBSOCKET_SOURCES });
  // The same call main.ts makes for every app:// request; the folder does not matter for the header.
  const response = await serveAppFile({ url: `${APP_ORIGIN}/missing-or-not`, method: 'GET' }, ROOT, policy);
  const page = await serveAppFile({ url: `${APP_ORIGIN}/package.json`, method: 'GET' }, ROOT, policy);
  const served = directives(page.headers.get('content-security-policy') ?? '');

  it('rides on the response', () => {
    expect(response.status).toBe(404);
    expect(page.headers.get('content-security-policy')).toBe(policy);
  });

  it('runs only the app’s own scripts: no inline script, no eval, no plugins, no framing, no base or form hijack', () => {
    expect(served.get('default-src')).toEqual(["'none'"]);
    expect(served.get('script-src')).toEqual(["'self'"]);
    expect(served.get('object-src')).toEqual(["'none'"]);
    expect(served.get('frame-src')).toEqual(["'none'"]);
    expect(served.get('frame-ancestors')).toEqual(["'none'"]);
    expect(served.get('base-uri')).toEqual(["'none'"]);
    expect(served.get('form-action')).toEqual(["'none'"]);
    expect(served.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('has no wildcard, no unsafe-eval, and fetches only from the hub', () => {
    const all = [...served.values()].flat();
    expect(all).not.toContain('*');
    expect(all).not.toContain("'unsafe-eval'");
    expect(all.filter((s) => s === "'unsafe-inline'")).toHaveLength(1); // styles only
    expect(served.get('style-src')).toContain("'unsafe-inline'");
    expect(served.get('connect-src')).toEqual(["'self'", hubUrl, 'wss://hub.example.com:8443', ...SIP_WEBSOCKET_SOURCES]);
    expect(served.get('connect-src')).not.toContain('https:');
    expect(served.get('connect-src')).not.toContain('http:');
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  fire(name: string, details: Record<string, unknown>): boolean {
    const event = { ...details, preventDefault: vi.fn() };
    this.emit(name, event);
    return event.preventDefault.mock.calls.length > 0;
  }
}

describe('navigation, new windows, webviews and openExternal (checklist 12, 13, 14, 15)', () => {
  const setup = () => {
    const contents = new FakeContents();
    const links = { openExternal: vi.fn(), dial: vi.fn() };
    lockDownWebContents(contents as unknown as WebContents, APP_INDEX_URL, links);
    return { contents, links };
  };

  it('lets the page move within itself only; a web link goes to the browser, never into the window', () => {
    const { contents, links } = setup();
    expect(contents.fire('will-navigate', { url: `${APP_INDEX_URL}#/queues` })).toBe(false);
    expect(contents.fire('will-navigate', { url: 'https://shop.example.com/order/7' })).toBe(true);
    expect(links.openExternal).toHaveBeenCalledWith('https://shop.example.com/order/7');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://attacker/share', 'app://evil/index.html']) {
      expect(contents.fire('will-navigate', { url }), url).toBe(true);
    }
    expect(links.openExternal).toHaveBeenCalledTimes(1);
    expect(contents.fire('will-redirect', { url: 'https://evil.example/' })).toBe(true);
  });

  it('keeps subframes on their inline document', () => {
    const { contents } = setup();
    expect(contents.fire('will-frame-navigate', { url: 'about:srcdoc', isMainFrame: false })).toBe(false);
    expect(contents.fire('will-frame-navigate', { url: 'https://tracker.example/', isMainFrame: false })).toBe(true);
    expect(contents.fire('will-frame-navigate', { url: `${APP_INDEX_URL}#/x`, isMainFrame: true })).toBe(false);
  });

  it('never opens a window: web and mail links go out, tel:/sip: are dialled in the app, the rest is dropped', () => {
    const { contents, links } = setup();
    const open = (url: string) => contents.openHandler?.({ url });
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('mailto:care@example.com')).toEqual({ action: 'deny' });
    expect(open('tel:+86 138-1234-5678')).toEqual({ action: 'deny' });
    expect(open('sip:1001@pbx.example.com')).toEqual({ action: 'deny' });
    expect(open('ms-msdt:/id PCWDiagnostic')).toEqual({ action: 'deny' });
    expect(links.openExternal.mock.calls).toEqual([['https://example.com/'], ['mailto:care@example.com']]);
    expect(links.dial.mock.calls).toEqual([[{ scheme: 'tel', target: '+8613812345678' }], [{ scheme: 'sip', target: '1001@pbx.example.com' }]]);
  });

  it('refuses to attach any <webview>', () => {
    const { contents } = setup();
    expect(contents.fire('will-attach-webview', {})).toBe(true);
  });

  it('is applied to every webContents the app creates, and shell.openExternal is reached only through it', () => {
    const main = source('electron/main.ts');
    expect(main).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => lockDownWebContents\(contents, INDEX_URL, \{ openExternal, dial: receiveDialLink \}\)\)/);
    expect(main.match(/shell\.openExternal\(/g)).toHaveLength(1);
    expect(main.match(/openExternal\b/g)?.length).toBe(3); // defined once, passed once, called once
  });
});

describe('permission request and check handlers (checklist 5)', () => {
  const ours = { id: 1, getURL: () => `${APP_INDEX_URL}#/softphone` };
  const other = { id: 2, getURL: () => 'https://evil.example/' };
  type Handler = (...args: unknown[]) => unknown;
  const handlers: { request?: Handler; check?: Handler; device?: Handler } = {};
  const session = {
    setPermissionRequestHandler: (handler: Handler) => {
      handlers.request = handler;
    },
    setPermissionCheckHandler: (handler: Handler) => {
      handlers.check = handler;
    },
    setDevicePermissionHandler: (handler: Handler) => {
      handlers.device = handler;
    },
    webRequest: { onHeadersReceived: vi.fn() },
  };
  applySessionPolicy(session as unknown as Session, { indexUrl: APP_INDEX_URL, isOurWindow: (c) => c === (ours as unknown), contentSecurityPolicy: () => "default-src 'none'" });

  const request = (contents: unknown, permission: string, details: Record<string, unknown>) => {
    let answer: boolean | undefined;
    handlers.request?.(contents, permission, (granted: boolean) => (answer = granted), { requestingUrl: APP_INDEX_URL, ...details });
    return answer;
  };
  const check = (contents: unknown, permission: string, details: Record<string, unknown>) =>
    handlers.check?.(contents, permission, APP_ORIGIN, { requestingUrl: APP_INDEX_URL, ...details });

  it('grants the microphone and camera to our page only', () => {
    expect(request(ours, 'media', { mediaTypes: ['audio'] })).toBe(true);
    expect(request(ours, 'media', { mediaTypes: ['audio', 'video'] })).toBe(true);
    expect(check(ours, 'media', { mediaType: 'audio' })).toBe(true);
    expect(request(other, 'media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(request(ours, 'media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check(other, 'media', { mediaType: 'audio', requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check(null, 'media', { mediaType: 'audio' })).toBe(false);
  });

  it.each(['notifications', 'geolocation', 'display-capture', 'clipboard-read', 'openExternal', 'midiSysex', 'hid', 'usb', 'serial', 'pointerLock', 'keyboardLock', 'window-management', 'storage-access', 'unknown'])(
    'denies %s, asked or checked',
    (permission) => {
      expect(request(ours, permission, {})).toBe(false);
      expect(check(ours, permission, {})).toBe(false);
    },
  );

  it('denies raw USB/HID/serial devices', () => {
    expect(handlers.device?.({ deviceType: 'hid', origin: APP_ORIGIN })).toBe(false);
  });
});

describe('IPC sender validation (checklist 17)', () => {
  it('reads the sender from the frame that sent the message, not from the window', () => {
    const top = { url: `${APP_INDEX_URL}#/`, parent: null };
    expect(senderOf({ sender: { id: 4 } as WebContents, senderFrame: top as never })).toEqual({ webContentsId: 4, frameUrl: `${APP_INDEX_URL}#/`, isMainFrame: true });
    expect(senderOf({ sender: { id: 4 } as WebContents, senderFrame: { url: 'about:srcdoc', parent: top } as never }).isMainFrame).toBe(false);
    expect(senderOf({ sender: { id: 4 } as WebContents, senderFrame: null })).toEqual({ webContentsId: 4, frameUrl: null, isMainFrame: false });
  });

  it('registers every ipcMain handler through dispatchIpc, which checks the sender first', () => {
    const main = source('electron/main.ts');
    const registrations = main.match(/ipcMain\.\w+\(/g) ?? [];
    expect(registrations).toEqual(['ipcMain.handle(']);
    expect(main).toContain('ipcMain.handle(channel, (event, ...args: unknown[]) => dispatchIpc(deps, routes, channel, senderOf(event), args));');
  });
});

describe('no remote module, a current Electron, a safe custom protocol (checklist 16, 18, 20)', () => {
  const pkg = JSON.parse(source('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

  it('has no @electron/remote and no code asks for a remote module', () => {
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('@electron/remote');
    for (const file of readdirSync(path.join(ROOT, 'electron')).filter((f) => f.endsWith('.ts'))) {
      expect(source(`electron/${file}`), file).not.toMatch(/enableRemoteModule|@electron\/remote|require\(['"]electron['"]\)\.remote/);
    }
  });

  it('builds against a supported Electron major (the latest three are supported; 45 is the newest as of this check)', () => {
    const installed = JSON.parse(source('node_modules/electron/package.json')) as { version: string };
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(43);
    expect(pkg.devDependencies.electron).toMatch(/^\^4[3-9]\./);
  });

  it('loads the page from app://, registers the scheme before ready and serves it through serveAppFile only', () => {
    const main = source('electron/main.ts');
    expect(main).toContain('protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);');
    expect(main.indexOf('registerSchemesAsPrivileged')).toBeLessThan(main.indexOf('await app.whenReady()'));
    expect(main).toContain('protocol.handle(APP_SCHEME, (request) => serveAppFile(request, RENDERER_DIR, contentSecurityPolicy()))');
    expect(main).toContain('loadURL(INDEX_URL)');
    expect(main).not.toContain('loadFile(');
  });

  it('exposes exactly one narrow object to the page, never ipcRenderer itself', () => {
    const preload = source('electron/preload.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("contextBridge.exposeInMainWorld('desktop', desktop);");
  });
});

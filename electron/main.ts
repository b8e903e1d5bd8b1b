import path from 'node:path';
import {
  app,
  type BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  protocol,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import { type DialLink, DialLinkSchema, IPC, IPC_SCHEMAS } from '../shared/protocol/desktop.js';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol.js';
import { serveAppFile } from './app-protocol-serve.js';
import { buildContentSecurityPolicy, SIP_WEBSOCKET_SOURCES } from './csp.js';
import { findDialLinkInArgv, parseDialLink } from './dial-link.js';
import { createDialLinkDispatcher } from './dial-link-dispatch.js';
import { BridgeError, createIpcRoutes, dispatchIpc, type IpcDependencies, senderOf } from './ipc.js';
import { applySessionPolicy } from './session-policy.js';
import { applyHubUrlOverride, type StoredSettings, toDesktopSettings, withDesktopSettings, withWindowBounds } from './settings.js';
import { createSettingsStore } from './settings-store.js';
import { createStatusTray, type StatusTray } from './tray.js';
import { isAppPage, isTrustedSender } from './web-policy.js';
import { lockDownWebContents } from './web-contents-lock.js';
import { createMainWindow } from './window.js';
import { placeWindow } from './window-bounds.js';

/**
 * The Electron main process: lifecycle, the one agent window, tray, OS
 * notifications and tel:/sip: links. Built as ES module output next to
 * preload.js in dist/electron/; the renderer is served from dist/renderer/ on
 * disk (as app://switchboard/, see app-protocol.ts) so the desktop opens, and
 * works from its cache, while the hub is down.
 */

const RENDERER_DIR = path.join(import.meta.dirname, '../renderer');
const INDEX_URL = APP_INDEX_URL;
const PRELOAD = path.join(import.meta.dirname, 'preload.js');
const DIAL_SCHEMES = ['tel', 'sip'] as const;
/** A renderer that crashes again within this window is left down rather than reloaded in a loop. */
const CRASH_RELOAD_INTERVAL_MS = 10_000;

// Every renderer sandboxed, even one created by code that forgets to ask.
app.enableSandbox();
// Must happen before 'ready': privileges cannot be granted to a scheme later.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

// A second copy would fight the first over the softphone registration; it
// hands its tel:/sip: link to the running one and exits instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void run().catch((error: unknown) => {
    console.error('Switchboard failed to start', error);
    dialog.showErrorBox('Switchboard could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

async function run(): Promise<void> {
  let window: BrowserWindow | null = null;
  let tray: StatusTray | null = null;
  const notifications = new Set<Notification>(); // held so they are not garbage-collected before a click

  const dialLinks = createDialLinkDispatcher((link) => {
    // Validated again on the way out, as every message crossing the bridge is.
    const checked = DialLinkSchema.safeParse(link);
    if (checked.success && window && !window.isDestroyed()) window.webContents.send(IPC.dialLink, checked.data);
  });
  const receiveDialLink = (link: DialLink | null) => {
    if (!link) return;
    showWindow();
    dialLinks.dispatch(link);
  };

  function showWindow(): void {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  // Links reach us three ways: our own argv (Windows/Linux cold start), a
  // second instance's argv, and macOS's open-url event.
  app.on('second-instance', (_event, argv) => {
    showWindow();
    receiveDialLink(findDialLinkInArgv(argv));
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receiveDialLink(parseDialLink(url));
  });
  receiveDialLink(findDialLinkInArgv(process.argv));
  registerDialProtocols();

  const openExternal = (url: string) => {
    shell.openExternal(url).catch((error: unknown) => console.warn('could not open link in the browser', error));
  };
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, INDEX_URL, { openExternal, dial: receiveDialLink }));

  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId('com.switchboard.desktop');

  const store = createSettingsStore(path.join(app.getPath('userData'), 'settings.json'));
  const read = await store.read();
  for (const problem of read.problems) console.warn(`settings: ${problem}`);
  let saved: StoredSettings = read.settings;
  let current: StoredSettings = applyHubUrlOverride(saved, process.env.SWITCHBOARD_HUB_URL);

  const isOurWindow = (contents: WebContents | null): boolean =>
    contents !== null && window !== null && !window.isDestroyed() && contents.id === window.webContents.id;

  // Read per response, so a hub URL changed at the login screen takes effect on the next load.
  const contentSecurityPolicy = () => buildContentSecurityPolicy({ hubUrl: current.hubUrl, extraConnectSources: SIP_WEBSOCKET_SOURCES });
  applySessionPolicy(session.defaultSession, { indexUrl: INDEX_URL, isOurWindow, contentSecurityPolicy });
  session.defaultSession.protocol.handle(APP_SCHEME, (request) => serveAppFile(request, RENDERER_DIR, contentSecurityPolicy()));

  const deps: IpcDependencies = {
    isTrustedSender: (sender) =>
      isTrustedSender(sender, { webContentsId: window && !window.isDestroyed() ? window.webContents.id : null, indexUrl: INDEX_URL }),
    getSettings: () => toDesktopSettings(current),
    async saveSettings(update) {
      const hubChanged = update.hubUrl !== current.hubUrl;
      saved = withDesktopSettings(saved, update);
      current = withDesktopSettings(current, update);
      try {
        await store.write(saved);
      } catch (error) {
        throw new BridgeError(`settings could not be saved: ${error instanceof Error ? error.message : String(error)}`);
      }
      // A page's Content-Security-Policy is fixed when it loads, and it lets the
      // page reach only the hub it was loaded for; after the answer is sent, the
      // page reloads under the new hub's policy (the login screen, first run).
      if (hubChanged) {
        setImmediate(() => {
          if (window && !window.isDestroyed()) window.webContents.reload();
        });
      }
      return toDesktopSettings(current);
    },
    notify(request) {
      if (!Notification.isSupported()) throw new BridgeError('this system does not support desktop notifications');
      const notification = new Notification({ title: request.title, body: request.body });
      notifications.add(notification);
      notification.on('click', () => {
        notifications.delete(notification);
        showWindow();
      });
      notification.on('close', () => notifications.delete(notification));
      notification.show();
    },
    setTrayStatus: (status) => tray?.update(status),
    logError: (message, error) => console.error(message, error),
  };
  const routes = createIpcRoutes(deps);
  for (const channel of Object.keys(IPC_SCHEMAS)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => dispatchIpc(deps, routes, channel, senderOf(event), args));
  }

  try {
    tray = createStatusTray({ show: showWindow, quit: () => app.quit() });
  } catch (error) {
    // Some Linux desktops have no tray; the app is still fully usable without it.
    console.warn('no system tray available', error);
  }

  const openWindow = async (): Promise<void> => {
    const primary = screen.getPrimaryDisplay().workArea;
    const placement = placeWindow(saved.windowBounds, screen.getAllDisplays().map((display) => display.workArea), primary);
    const created = createMainWindow({
      placement,
      preloadPath: PRELOAD,
      devTools: !app.isPackaged,
      onClose: (bounds) => {
        saved = withWindowBounds(saved, bounds);
        current = withWindowBounds(current, bounds);
        store.write(saved).catch((error: unknown) => console.warn('window position not saved', error));
      },
    });
    window = created;
    watchRenderer(created);
    await created.loadURL(INDEX_URL);
  };

  function watchRenderer(win: BrowserWindow): void {
    let lastCrashReload = 0;
    win.webContents.on('did-start-loading', () => dialLinks.rendererGone());
    win.webContents.on('did-finish-load', () => {
      if (isAppPage(win.webContents.getURL(), INDEX_URL)) dialLinks.rendererReady();
    });
    win.webContents.on('render-process-gone', (_event, details) => {
      dialLinks.rendererGone();
      console.error(`renderer gone: ${details.reason}`);
      // An agent mid-shift should get the app back without hunting for a restart.
      if (details.reason !== 'clean-exit' && Date.now() - lastCrashReload > CRASH_RELOAD_INTERVAL_MS) {
        lastCrashReload = Date.now();
        win.reload();
      }
    });
    win.on('closed', () => {
      dialLinks.rendererGone();
      if (window === win) window = null;
    });
  }

  // Pending settings writes (window bounds on close) finish before the process exits.
  let flushed = false;
  app.on('will-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    void store.flush().finally(() => {
      flushed = true;
      tray?.destroy();
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (window === null) openWindow().catch(reportLoadFailure);
  });

  await openWindow().catch(reportLoadFailure);
}

function registerDialProtocols(): void {
  for (const scheme of DIAL_SCHEMES) {
    // Run unpackaged (`electron .`), the OS must start Electron *with our app
    // path*, or a click would open a bare Electron instead of Switchboard.
    const entry = process.argv[1];
    const registered =
      process.defaultApp && entry !== undefined
        ? app.setAsDefaultProtocolClient(scheme, process.execPath, [path.resolve(entry)])
        : app.setAsDefaultProtocolClient(scheme);
    if (!registered) console.warn(`could not register as the ${scheme}: handler (the OS may ask the user instead)`);
  }
}

function reportLoadFailure(error: unknown): void {
  console.error('could not load the renderer', error);
  dialog.showErrorBox(
    'Switchboard could not open its window',
    `The app's page could not be loaded from ${RENDERER_DIR}.\nBuild it with "npm run build:renderer" (npm start does this for you).`,
  );
  app.exit(1);
}

import { BrowserWindow, type WebContents } from 'electron';
import type { WindowBounds } from './settings.js';
import { MIN_WINDOW_SIZE, type WindowPlacement } from './window-bounds.js';
import { externalLinkToOpen, isAllowedNavigation } from './web-policy.js';

/**
 * Thin adapter: the agent window and the navigation rules every webContents
 * gets. The decisions (which URL, which bounds) come from tested pure modules.
 */

export interface MainWindowOptions {
  placement: WindowPlacement;
  preloadPath: string;
  /** called as the window closes, with the bounds to restore next time */
  onClose(bounds: WindowBounds): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { placement } = options;
  const window = new BrowserWindow({
    x: placement.x,
    y: placement.y,
    width: placement.width,
    height: placement.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Switchboard',
    show: false, // shown on ready-to-show, so the agent never sees a blank white frame
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // An incoming call must ring on time even while the window is behind
      // others; Chromium's background timer throttling would delay it.
      backgroundThrottling: false,
    },
  });
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    options.onClose({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  });
  return window;
}

/** Applied to every webContents the app ever creates (app 'web-contents-created'). */
export function lockDownWebContents(contents: WebContents, indexUrl: string, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, indexUrl)) return;
    event.preventDefault();
    // A plain <a href="https://…"> in an email would otherwise replace the app.
    const external = externalLinkToOpen(event.url);
    if (external) openExternal(external);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, indexUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkToOpen(url);
    if (external) openExternal(external);
    return { action: 'deny' };
  });
}

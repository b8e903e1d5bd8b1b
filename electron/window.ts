import { BrowserWindow } from 'electron';
import type { WindowBounds } from './settings.js';
import type { WindowPlacement } from './window-bounds.js';
import { mainWindowOptions } from './window-options.js';

/**
 * Thin adapter: the agent window. Its options (security flags included) and
 * bounds come from tested pure modules.
 */

export interface MainWindowOptions {
  placement: WindowPlacement;
  preloadPath: string;
  devTools: boolean;
  /** called as the window closes, with the bounds to restore next time */
  onClose(bounds: WindowBounds): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { placement } = options;
  const window = new BrowserWindow(mainWindowOptions({ placement, preloadPath: options.preloadPath, devTools: options.devTools }));
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    options.onClose({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  });
  return window;
}

import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_WINDOW_SIZE, type WindowPlacement } from './window-bounds.js';

/**
 * The agent window's options, built apart from the window so the security
 * flags are unit-tested (Electron's own defaults are the same today, but a
 * default can change in an upgrade; these are stated, not assumed).
 */
export interface WindowOptionsInput {
  placement: WindowPlacement;
  preloadPath: string;
  /** Developer tools only in a development run; a packaged build has none. */
  devTools: boolean;
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { placement } = input;
  return {
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
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: input.devTools,
      // An incoming call must ring on time even while the window is behind
      // others; Chromium's background timer throttling would delay it.
      backgroundThrottling: false,
    },
  };
}

import type { DesktopBridge, DialLink, TrayStatus } from '../../shared/protocol/desktop';
import { createElectronPlatform } from './electron-platform';
import { createWebPlatform } from './web-platform';

declare global {
  interface Window {
    /** Present only inside the Electron shell (see electron/preload.ts). */
    desktop?: DesktopBridge;
  }
}

/** Everything the renderer needs from the operating system, the same in Electron and in a browser. */
export interface Platform {
  readonly kind: 'electron' | 'web';
  /** Where the hub is: a setting in Electron, the page's own origin on the web. */
  hubUrl(): Promise<string>;
  /** Only Electron can change it; the web page is served by its hub. */
  readonly canChangeHubUrl: boolean;
  setHubUrl(url: string): Promise<boolean>;
  notify(title: string, body: string): void;
  setTrayStatus(status: TrayStatus): void;
  onDialLink(listener: (link: DialLink) => void): () => void;
  /**
   * A link from a customer's mail, after the agent confirmed it: the system
   * browser in Electron (the main process checks it: https only, no
   * credentials), a new tab with no way back to this page on the web.
   */
  openExternal(url: string): void;
}

function isBridge(value: unknown): value is DesktopBridge {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'electron';
}

let platform: Platform | null = null;

export function getPlatform(): Platform {
  platform ??= isBridge(window.desktop) ? createElectronPlatform(window.desktop) : createWebPlatform(window);
  return platform;
}

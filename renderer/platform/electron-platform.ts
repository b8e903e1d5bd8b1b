import type { DesktopBridge } from '../../shared/protocol/desktop';
import { DesktopSettingsSchema } from '../../shared/protocol/desktop';
import type { Platform } from './platform';

/** The fallback when Electron's settings cannot be read: the embedded hub's default address. */
const DEFAULT_HUB_URL = 'http://127.0.0.1:4310';

export function createElectronPlatform(bridge: DesktopBridge): Platform {
  return {
    kind: 'electron',
    async hubUrl() {
      const result = await bridge.getSettings();
      return result.ok ? result.value.hubUrl : DEFAULT_HUB_URL;
    },
    canChangeHubUrl: true,
    async setHubUrl(url) {
      const parsed = DesktopSettingsSchema.safeParse({ hubUrl: url });
      if (!parsed.success) return false;
      const result = await bridge.setSettings(parsed.data);
      return result.ok;
    },
    notify(title, body) {
      void bridge.notify({ title: title.slice(0, 120), body: body.slice(0, 500) });
    },
    setTrayStatus(status) {
      void bridge.setTrayStatus(status);
    },
    onDialLink: (listener) => bridge.onDialLink(listener),
    // The main process's window-open handler (electron/window.ts) denies the window and hands a safe URL to the browser.
    openExternal(url) {
      globalThis.open(url, '_blank', 'noopener,noreferrer');
    },
  };
}

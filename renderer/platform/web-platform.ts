import { createDialParamSource } from './dial-link-param';
import type { Platform } from './platform';

/** A browser tab served by the hub: the hub is the page's origin; no tray; dial links arrive as `?dial=`. */
export function createWebPlatform(win: Window): Platform {
  const dialLinks = createDialParamSource(win);
  return {
    kind: 'web',
    hubUrl: () => Promise.resolve(win.location.origin),
    canChangeHubUrl: false,
    setHubUrl: () => Promise.resolve(false),
    notify(title, body) {
      // Only when the agent is looking elsewhere, and only if they allowed it; the in-app notice is always shown.
      if (typeof Notification === 'undefined' || !win.document.hidden) return;
      if (Notification.permission === 'granted') new Notification(title, { body });
    },
    setTrayStatus() {},
    onDialLink: (listener) => dialLinks.onDialLink(listener),
    openExternal(url) {
      win.open(url, '_blank', 'noopener,noreferrer');
    },
  };
}

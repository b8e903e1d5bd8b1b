/**
 * The preload: exposes exactly one object, `window.desktop` (DesktopBridge),
 * to the renderer. Each method invokes one fixed channel with one argument;
 * the renderer never sees ipcRenderer, channel names or IPC event objects.
 *
 * Why this file looks unusual: the window is sandboxed, and Electron runs a
 * sandboxed preload as a CommonJS-style script whose `require` knows only
 * 'electron' and a few Node built-ins — no ES modules, no relative files, no
 * npm packages (so no zod here; the main process validates everything). So
 * this file has no import/export statements: tsc emits it as a plain script,
 * and it borrows types from the protocol through `import()` type queries,
 * which vanish on compile. The block keeps its names out of the global scope.
 */
{
  type Protocol = typeof import('../shared/protocol/desktop.js');
  type DesktopBridge = import('../shared/protocol/desktop.js').DesktopBridge;
  type DialLink = import('../shared/protocol/desktop.js').DialLink;

  const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');

  // A copy of the protocol's channel names, because the protocol module cannot
  // be required here; `satisfies` makes any drift from IPC a compile error.
  const CHANNEL = {
    getSettings: 'settings:get',
    setSettings: 'settings:set',
    notify: 'notify:show',
    trayStatus: 'tray:status',
    dialLink: 'link:dial',
  } as const satisfies Protocol['IPC'];

  const MAX_TARGET_LENGTH = 256;

  // Main already validated the link; this cheap re-check keeps anything else
  // from ever reaching renderer code through this subscription.
  const isDialLink = (value: unknown): value is DialLink =>
    typeof value === 'object' &&
    value !== null &&
    'scheme' in value &&
    (value.scheme === 'tel' || value.scheme === 'sip') &&
    'target' in value &&
    typeof value.target === 'string' &&
    value.target.length > 0 &&
    value.target.length <= MAX_TARGET_LENGTH;

  // Links that arrive before the renderer subscribes are held, not dropped:
  // the app is often *started* by a tel: click, and React subscribes only
  // after its first render. Only the last few are kept (see main's dispatcher).
  const MAX_HELD_LINKS = 3;
  const listeners = new Set<(link: DialLink) => void>();
  let held: DialLink[] = [];

  ipcRenderer.on(CHANNEL.dialLink, (_event: unknown, link: unknown) => {
    if (!isDialLink(link)) return;
    const copy: DialLink = { scheme: link.scheme, target: link.target };
    if (listeners.size === 0) {
      held = [...held, copy].slice(-MAX_HELD_LINKS);
      return;
    }
    for (const listener of listeners) {
      try {
        listener(copy);
      } catch (error) {
        // One broken subscriber must not stop the others from hearing the link.
        console.error('desktop.onDialLink listener failed', error);
      }
    }
  });

  const desktop: DesktopBridge = {
    kind: 'electron',
    getSettings: () => ipcRenderer.invoke(CHANNEL.getSettings),
    setSettings: (settings) => ipcRenderer.invoke(CHANNEL.setSettings, settings),
    notify: (request) => ipcRenderer.invoke(CHANNEL.notify, request),
    setTrayStatus: (status) => ipcRenderer.invoke(CHANNEL.trayStatus, status),
    onDialLink(listener) {
      listeners.add(listener);
      const waiting = held;
      held = [];
      for (const link of waiting) listener(link);
      return () => {
        listeners.delete(listener);
      };
    },
  };

  contextBridge.exposeInMainWorld('desktop', desktop);
}

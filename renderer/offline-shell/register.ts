/**
 * Registers the offline shell in web mode only: Electron loads the renderer
 * from local files and needs none. Failure is not fatal — the page still
 * works, it just cannot be reloaded while the hub is down.
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src*="assets/"]')?.src ?? '';
  const build = /assets\/([^/]+)\.js$/.exec(entry)?.[1] ?? 'unknown';
  navigator.serviceWorker.register(`./service-worker.js?build=${encodeURIComponent(build)}`).catch((error: unknown) => {
    console.warn('offline shell not installed', error);
  });
}

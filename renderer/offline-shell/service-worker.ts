import { cacheName, classifyRequest, shellAssets } from './shell-policy';

/**
 * Web mode's offline shell: once the desktop has loaded from the hub, it can
 * be reloaded while the hub is down and still open on its Dexie cache.
 * Navigations go to the network first (a new build shows at once) and fall
 * back to the cached page; hashed assets are served from the cache first.
 */
declare const self: ServiceWorkerGlobalScope;

// The build id is the hashed entry script's name, so each deployment gets its own cache.
const BUILD = new URL(self.location.href).searchParams.get('build') ?? 'dev';
const CACHE = cacheName(BUILD);
const INDEX = './';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const index = await fetch(INDEX, { cache: 'no-store' });
      if (!index.ok) return;
      const html = await index.clone().text();
      await cache.put(INDEX, index);
      await cache.addAll(shellAssets(html));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('switchboard-shell-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const kind = classifyRequest(event.request, self.location.origin);
  if (kind === 'navigation') event.respondWith(networkFirst(event.request));
  else if (kind === 'asset') event.respondWith(cacheFirst(event.request));
  // live and foreign requests are left to the network untouched
});

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(INDEX, response.clone());
    return response;
  } catch {
    return (await cache.match(INDEX)) ?? Response.error();
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

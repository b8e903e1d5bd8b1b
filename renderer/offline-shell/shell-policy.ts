/**
 * What the offline shell keeps. Pure, so the rules are tested without a
 * service worker: the app's own files are cached; the hub's live traffic
 * (API, socket.io, health) never is — a stale answer there would lie.
 */

const LIVE_PREFIXES = ['/api/', '/socket.io/', '/healthz'];
/**
 * The visitor chat widget (loader, frame, demo page) is another app on the
 * same origin: the agent's shell must neither cache it nor answer its
 * navigations with the desktop's index.html.
 */
const OTHER_APP_PREFIXES = ['/widget'];

export type RequestKind = 'navigation' | 'asset' | 'live' | 'foreign';

export function classifyRequest(request: { url: string; method: string; mode: string }, origin: string): RequestKind {
  const url = new URL(request.url);
  if (url.origin !== origin || request.method !== 'GET') return 'foreign';
  if (OTHER_APP_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) return 'foreign';
  if (LIVE_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) return 'live';
  // `?bench` pages and any other query-carrying navigation are still the same app shell.
  if (request.mode === 'navigate') return 'navigation';
  return 'asset';
}

/** Script, style and module-preload files the built index.html names, to fetch and keep at install. */
export function shellAssets(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const match of indexHtml.matchAll(/(?:src|href)="(\.?\/?assets\/[^"]+)"/g)) {
    const path = match[1];
    if (path) found.add(path.replace(/^\.?\//, './'));
  }
  return [...found];
}

/** One cache per build, so a new deployment never mixes its files with the last one's. */
export const cacheName = (buildId: string): string => `switchboard-shell-${buildId}`;

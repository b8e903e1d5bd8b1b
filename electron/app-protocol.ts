import path from 'node:path';

/**
 * The renderer is served from `app://switchboard/`, a custom scheme, rather
 * than file://. A file:// page shares one opaque origin with every other
 * local file and needs Electron's extra file privileges (a fuse we turn off,
 * see scripts/packaging/fuses.ts) to load its ES modules; a custom scheme
 * gives the app an origin of its own, serves only the renderer's folder, and
 * lets the main process attach the Content-Security-Policy header to the page
 * itself. Pure functions; main.ts registers the scheme and app-protocol-serve.ts
 * answers its requests.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * What the scheme may do (Electron's CustomScheme privileges). `standard` and
 * `secure` give it a real origin and a secure context (IndexedDB for the offline
 * cache, getUserMedia for the softphone). Nothing more: no CSP bypass, no
 * service workers (web mode's offline shell is for http only), and no CORS
 * access from other origins, so no web page can read the app's files.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
  stream: false,
} as const;

/**
 * The file under `rootDir` that an app:// request names, or null when the
 * request is for another host or tries to leave the folder (`..`, encoded
 * `%2e%2e`, backslashes, a drive letter, NUL).
 */
export function appFileFor(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // a malformed %-escape
  }
  // ':' would name a drive or an NTFS stream on Windows; built asset names never contain one.
  if (/[\0\\:]/.test(pathname)) return null;
  const relative = pathname.replace(/^\/+/, '') || 'index.html';
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, relative);
  return resolved.startsWith(root + path.sep) ? resolved : null;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wasm': 'application/wasm',
};

/**
 * Headers for a file served to the renderer. The policy rides on every
 * response (only documents read it); nosniff stops a file from being run as
 * a script it was not declared as.
 */
export function appResponseHeaders(filePath: string, contentSecurityPolicy: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // The files change only with an app update; no stale page after one.
    'Cache-Control': 'no-cache',
  };
}

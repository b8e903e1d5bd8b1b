import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { contentTypeFor } from './content-types';
import { SECURITY_HEADERS } from './security-headers';

export const NOT_BUILT_MESSAGE =
  'The Switchboard desktop has not been built yet.\n\nRun `npm run build:renderer` in the repository, then reload this page.\n';

/**
 * The built renderer (web mode). Unknown paths without a file extension get
 * index.html, so the app's own routes survive a reload; a missing *file*
 * (/assets/gone.js) is a plain 404 rather than HTML posing as a script.
 */
export function createStaticFiles(rootDir: string) {
  const root = resolve(rootDir);

  /** The file a URL path names, or null when it would leave the root or names a hidden file. */
  function fileFor(pathname: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return null;
    const segments = decoded.split('/').filter((segment) => segment !== '');
    if (segments.some((segment) => segment.startsWith('.'))) return null;
    const file = resolve(root, ...segments);
    return file === root || file.startsWith(root + sep) ? file : null;
  }

  async function sendFile(request: IncomingMessage, response: ServerResponse, file: string, size: number): Promise<void> {
    const immutable = file.startsWith(resolve(root, 'assets') + sep);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(size),
      // Vite puts content hashes in asset names, so those never change; index.html must always be re-checked.
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    await new Promise<void>((done, failed) => {
      createReadStream(file).on('error', failed).on('end', done).pipe(response);
    });
  }

  const sizeOf = async (file: string): Promise<number | null> => {
    const info = await stat(file).catch(() => null);
    return info?.isFile() ? info.size : null;
  };

  function sendText(response: ServerResponse, status: number, text: string): void {
    response.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-store',
    });
    response.end(text);
  }

  return async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    const file = fileFor(pathname);
    if (file === null) return sendText(response, 404, 'Not found.\n');
    const size = await sizeOf(file);
    if (size !== null) return sendFile(request, response, file, size);
    if (extname(file) !== '') return sendText(response, 404, 'Not found.\n');
    const index = resolve(root, 'index.html');
    const indexSize = await sizeOf(index);
    if (indexSize === null) return sendText(response, 503, NOT_BUILT_MESSAGE);
    return sendFile(request, response, index, indexSize);
  };
}

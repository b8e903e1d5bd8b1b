import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, relative, resolve, sep } from 'node:path';
import { contentTypeFor } from './content-types';
import {
  SECURITY_HEADERS,
  UNKNOWN_WIDGET_FRAME_CONTENT_SECURITY_POLICY,
  WIDGET_LOADER_HEADERS,
  widgetFrameContentSecurityPolicy,
  widgetFrameHeaders,
} from './security-headers';

export const NOT_BUILT_MESSAGE =
  'The Switchboard desktop has not been built yet.\n\nRun `npm run build:renderer` in the repository, then reload this page.\n';

/** A chat widget's allowed origins (empty = any site), or null when there is no such widget. */
export type WidgetOrigins = (widgetId: string) => Promise<readonly string[] | null>;

/** The visitor chat frame: the one page other sites may frame, as its widget allows. */
const WIDGET_FRAME = 'widget/frame.html';

/**
 * The built renderer (web mode). Unknown paths without a file extension get
 * index.html, so the app's own routes survive a reload; a missing *file*
 * (/assets/gone.js) is a plain 404 rather than HTML posing as a script.
 */
export function createStaticFiles(rootDir: string, options: { widgetOrigins?: WidgetOrigins } = {}) {
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

  /** Who may frame the chat frame: the widget named in its address decides, when the hub can look it up. */
  async function frameAncestorsPolicy(request: IncomingMessage): Promise<string> {
    if (!options.widgetOrigins) return widgetFrameContentSecurityPolicy([]);
    const widgetId = new URL(request.url ?? '/', 'http://hub.invalid').searchParams.get('widget') ?? '';
    const origins = widgetId === '' ? null : await options.widgetOrigins(widgetId);
    return origins === null ? UNKNOWN_WIDGET_FRAME_CONTENT_SECURITY_POLICY : widgetFrameContentSecurityPolicy(origins);
  }

  /**
   * Security and cache headers by what the file is: the widget's loader and
   * frame are embedded by other sites, everything else is the desktop's own
   * and framed by nobody.
   */
  async function headersFor(request: IncomingMessage, file: string): Promise<Record<string, string>> {
    const path = relative(root, file).split(sep).join('/');
    // Shops paste the loader's fixed address into their pages: a short cache lets a new version reach them within minutes.
    if (path === 'widget.js') return { ...WIDGET_LOADER_HEADERS, 'Cache-Control': 'public, max-age=300' };
    if (path === WIDGET_FRAME) return { ...widgetFrameHeaders(await frameAncestorsPolicy(request)), 'Cache-Control': 'no-cache' };
    // Vite puts content hashes in asset names, so those never change; pages must always be re-checked.
    const immutable = path.startsWith('assets/') || path.startsWith('widget/assets/');
    return { ...SECURITY_HEADERS, 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' };
  }

  async function sendFile(request: IncomingMessage, response: ServerResponse, file: string, size: number): Promise<void> {
    response.writeHead(200, {
      ...(await headersFor(request, file)),
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(size),
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

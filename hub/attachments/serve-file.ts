import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isPreviewable } from '../../shared/protocol/attachments';
import { fail } from '../../shared/protocol/errors';
import { HTTP_STATUS } from '../http/error-status';
import { sendJson } from '../http/json-body';
import { SECURITY_HEADERS } from '../http/security-headers';
import type { AttachmentStore } from './attachment-store';
import { parseRange } from './byte-range';

/** `download`: never shown in place whatever its type (an email file flagged dangerous when it came in). */
export type ServedFile = { sha256: string; mimeType: string; size: number; name: string; download?: boolean; removedAt?: number | null | undefined };

/**
 * A stored file as a download: one byte range when asked (players seek, and a
 * dropped download resumes), shown inline only when it is a sniffed picture,
 * sound or film, otherwise `attachment` and `application/octet-stream` — and
 * always `nosniff` with a sandboxing CSP, so no file is ever run as a page of
 * the hub's origin whatever its bytes hold.
 */
export async function serveStoredFile(
  request: IncomingMessage,
  response: ServerResponse,
  store: AttachmentStore,
  file: ServedFile,
  extraHeaders: Record<string, string>,
): Promise<void> {
  // Every channel's download passes here, so a file whose bytes were removed (hub/privacy/) answers 410 wherever it is asked for.
  // The record says so even where the same bytes are still kept for another record (the store keeps one copy per content).
  if ((file.removedAt ?? null) !== null || !(await store.has(file.sha256))) {
    return sendJson(response, HTTP_STATUS.gone, fail('gone', 'This file was removed under the retention policy or at the customer\'s request.'), extraHeaders);
  }
  const inline = isPreviewable(file.mimeType) && file.download !== true;
  const range = parseRange(request.headers.range, file.size);
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    ...extraHeaders,
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Content-Type': inline ? file.mimeType : 'application/octet-stream',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, max-age=3600',
  };
  if (range.kind === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.size}`, 'Content-Length': '0' });
    response.end();
    return;
  }
  const partial = range.kind === 'partial' ? range.range : undefined;
  const length = partial ? partial.end - partial.start + 1 : file.size;
  response.writeHead(partial ? 206 : 200, {
    ...headers,
    'Content-Length': String(length),
    ...(partial ? { 'Content-Range': `bytes ${partial.start}-${partial.end}/${file.size}` } : {}),
  });
  if (request.method === 'HEAD' || length === 0) {
    response.end();
    return;
  }
  await pipeline(store.read(file.sha256, partial), response);
}

import type { ServerResponse } from 'node:http';
import type { HubError } from '../../shared/protocol/errors';
import { HTTP_STATUS } from './error-status';
import { sendJson } from './json-body';
import { SECURITY_HEADERS } from './security-headers';

/**
 * What a file download (a CSV export, a customer's data) answers with. The
 * desktop may be loaded from another origin (Electron); the token travels
 * in a header, never a cookie.
 */
export const DOWNLOAD_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization',
  'Access-Control-Expose-Headers': 'Content-Disposition',
  'Access-Control-Max-Age': '600',
};

/** A refused download: its typed error as JSON, readable across origins. */
export const refuseDownload = (response: ServerResponse, error: HubError): void => sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, DOWNLOAD_CORS);

/** The file, saved by the browser under `name`, never cached (it holds customer data). */
export function sendDownload(response: ServerResponse, file: { name: string; type: string; text: string }): void {
  const body = Buffer.from(file.text, 'utf8');
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    ...DOWNLOAD_CORS,
    'Content-Type': `${file.type}; charset=utf-8`,
    'Content-Length': String(body.length),
    'Content-Disposition': `attachment; filename="${file.name}"`,
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

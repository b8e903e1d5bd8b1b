import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubError } from '../../shared/protocol/errors';
import { ORDER_IMPORT_MAX_BYTES, ORDER_IMPORT_PATH, OrderImportQuerySchema } from '../../shared/protocol/orders';
import type { AuthService } from '../auth/auth-service';
import { bearerUser } from '../auth/bearer-user';
import { HTTP_STATUS } from '../http/error-status';
import { sendJson } from '../http/json-body';
import { invalidPayload } from '../sync/payload-issues';
import { Refusal, refuse } from '../sync/refusal';
import { importOrderStream, OrderFileError, type OrderImportDeps } from './order-import-service';

export type OrderImportHttpDeps = OrderImportDeps & {
  auth: AuthService;
  /** Where order dates without an offset are read when the query names no zone; the hub's own zone by default. */
  timeZone?: string;
  maxBytes?: number;
};

/** The admin screen may be loaded from file:// (Electron); the token travels in a header, never a cookie. */
const ORDER_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '600',
};

/**
 * `POST /api/orders/import`: the body is the order file itself (CSV in UTF-8,
 * UTF-16 or GBK), read as it arrives; administrators and supervisors only.
 * Answers `{ ok: true, data: OrderImportAnswer }`, or a typed refusal: 401 no
 * or a bad token, 403 an agent, 400 a bad query or a file that cannot be read
 * (the issue's path is the file error's code), 413 too big.
 */
export function createOrderImportHttp(deps: OrderImportHttpDeps) {
  const hubZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const maxBytes = deps.maxBytes ?? ORDER_IMPORT_MAX_BYTES;
  const megabytes = Math.floor(maxBytes / (1024 * 1024));

  /** A refusal before the body is read: what is left of it is read and dropped so the client gets the answer (see ../http/raw-body.ts). */
  const answerError = (request: IncomingMessage, response: ServerResponse, error: HubError) => {
    const unread = !request.readableEnded;
    if (unread) request.resume();
    sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, unread ? { ...ORDER_CORS, Connection: 'close' } : ORDER_CORS);
  };

  async function importFile(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const user = await bearerUser(deps.auth, request);
    if (user.role !== 'supervisor' && user.role !== 'admin') throw refuse('forbidden', 'Only supervisors and administrators import orders.');
    const params = Object.fromEntries(new URL(request.url ?? '/', 'http://hub.invalid').searchParams);
    const query = OrderImportQuerySchema.safeParse(params);
    if (!query.success) throw new Refusal(invalidPayload(query.error, 'The import query'));
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw refuse('too-large', `Order files up to ${megabytes} MB can be imported; split the file.`);
    const { timeZone, currency, decimalSeparator, delimiter } = query.data;
    try {
      // Not destroyed when the import stops early, so the rest can be drained and the refusal still reaches the client.
      const body = request.iterator({ destroyOnReturn: false });
      const answer = await importOrderStream(deps, body, { timeZone: timeZone ?? hubZone, currency, decimalSeparator, delimiter, maxBytes });
      sendJson(response, 200, { ok: true, data: answer }, ORDER_CORS);
    } catch (error) {
      if (!(error instanceof OrderFileError)) throw error;
      const kept = error.committed > 0 ? ` The ${error.committed} orders before it were imported; importing the corrected file again adds only what is missing.` : '';
      const where = error.line === null ? '' : ` (line ${error.line})`;
      const code = error.code === 'too-large' || error.code === 'too-many-rows' ? 'too-large' : 'invalid-payload';
      throw refuse(code, `${error.message.replace(/\.$/, '')}${where}.${kept}`, { issues: [{ path: error.code, message: error.message }] });
    }
  }

  return {
    handles: (pathname: string): boolean => pathname === ORDER_IMPORT_PATH,

    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, ORDER_CORS);
        response.end();
        return;
      }
      if (request.method !== 'POST') return answerError(request, response, { code: 'invalid-payload', message: `${ORDER_IMPORT_PATH} takes POST.` });
      try {
        await importFile(request, response);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        answerError(request, response, error.error);
      }
    },
  };
}

export type OrderImportHttp = ReturnType<typeof createOrderImportHttp>;

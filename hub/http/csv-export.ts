import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { HubError } from '../../shared/protocol/errors';
import type { AuthService } from '../auth/auth-service';
import { bearerUser } from '../auth/bearer-user';
import { invalidPayload } from '../sync/payload-issues';
import { Refusal, refuse } from '../sync/refusal';
import { HTTP_STATUS } from './error-status';
import { sendJson } from './json-body';
import { SECURITY_HEADERS } from './security-headers';

/** The desktop may be loaded from file:// (Electron); the token travels in a header, never a cookie. */
const EXPORT_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization',
  'Access-Control-Expose-Headers': 'Content-Disposition',
  'Access-Control-Max-Age': '600',
};

const answerError = (response: ServerResponse, error: HubError) => sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, EXPORT_CORS);

/** What an export hands back: the file's name as the browser saves it, and its text. */
export type CsvFile = { name: string; csv: string };

export type CsvExportSpec<Q> = {
  path: string;
  auth: AuthService;
  /** The refusal's message for an agent (only supervisors and administrators export). */
  forbidden: string;
  /** The URL's query parameters, as strings. */
  query: z.ZodType<Q>;
  /** The file for a checked query; throws a Refusal for what the query schema cannot see. */
  file(query: Q): Promise<CsvFile>;
};

/**
 * A CSV download over HTTP (the reports' export, the analysis customer list):
 * GET with a bearer token, supervisors and administrators only, the query
 * checked with its schema, refusals answered as JSON the desktop can word.
 */
export function createCsvExport<Q>({ path, auth, forbidden, query: schema, file }: CsvExportSpec<Q>) {
  async function exportCsv(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET') return answerError(response, { code: 'invalid-payload', message: `${path} takes GET.` });
    try {
      const user = await bearerUser(auth, request);
      if (user.role !== 'supervisor' && user.role !== 'admin') throw refuse('forbidden', forbidden);
      const params = Object.fromEntries(new URL(request.url ?? '/', 'http://hub.invalid').searchParams);
      const query = schema.safeParse(params);
      if (!query.success) throw new Refusal(invalidPayload(query.error, 'The export query'));
      const { name, csv } = await file(query.data);
      const body = Buffer.from(csv, 'utf8');
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        ...EXPORT_CORS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Length': String(body.length),
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
      });
      response.end(body);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      answerError(response, error.error);
    }
  }

  return {
    handles: (pathname: string): boolean => pathname === path,

    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, EXPORT_CORS);
        response.end();
        return;
      }
      return exportCsv(request, response);
    },
  };
}

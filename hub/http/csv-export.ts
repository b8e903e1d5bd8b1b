import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { AuthService } from '../auth/auth-service';
import { bearerUser } from '../auth/bearer-user';
import { invalidPayload } from '../sync/payload-issues';
import { Refusal, refuse } from '../sync/refusal';
import { DOWNLOAD_CORS, refuseDownload, sendDownload } from './download';


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
    if (request.method !== 'GET') return refuseDownload(response, { code: 'invalid-payload', message: `${path} takes GET.` });
    try {
      const user = await bearerUser(auth, request);
      if (user.role !== 'supervisor' && user.role !== 'admin') throw refuse('forbidden', forbidden);
      const params = Object.fromEntries(new URL(request.url ?? '/', 'http://hub.invalid').searchParams);
      const query = schema.safeParse(params);
      if (!query.success) throw new Refusal(invalidPayload(query.error, 'The export query'));
      const { name, csv } = await file(query.data);
      sendDownload(response, { name, type: 'text/csv', text: csv });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      refuseDownload(response, error.error);
    }
  }

  return {
    handles: (pathname: string): boolean => pathname === path,

    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, DOWNLOAD_CORS);
        response.end();
        return;
      }
      return exportCsv(request, response);
    },
  };
}

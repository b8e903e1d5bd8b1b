import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubError } from '../../shared/protocol/errors';
import { REPORT_EXPORT_PATH, ReportExportQuerySchema, ReportRequestSchema } from '../../shared/protocol/reports';
import { reportCsv } from '../../shared/reports/report-csv';
import type { AuthService } from '../auth/auth-service';
import { bearerUser } from '../auth/bearer-user';
import { HTTP_STATUS } from '../http/error-status';
import { sendJson } from '../http/json-body';
import { SECURITY_HEADERS } from '../http/security-headers';
import { invalidPayload } from '../sync/payload-issues';
import { Refusal, refuse } from '../sync/refusal';
import type { ReportService } from './report-service';

export type ReportHttpDeps = { auth: AuthService; reports: ReportService };

/** The desktop may be loaded from file:// (Electron); the token travels in a header, never a cookie. */
const REPORT_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization',
  'Access-Control-Expose-Headers': 'Content-Disposition',
  'Access-Control-Max-Age': '600',
};

const answerError = (response: ServerResponse, error: HubError) => sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, REPORT_CORS);

/**
 * The CSV export: the same report as `report:run`, fetched with GET so the
 * browser can save it, for supervisors and administrators.
 */
export function createReportHttp({ auth, reports }: ReportHttpDeps) {
  async function exportCsv(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET') return answerError(response, { code: 'invalid-payload', message: `${REPORT_EXPORT_PATH} takes GET.` });
    try {
      const user = await bearerUser(auth, request);
      if (user.role !== 'supervisor' && user.role !== 'admin') throw refuse('forbidden', 'Only supervisors and administrators export reports.');
      const params = Object.fromEntries(new URL(request.url ?? '/', 'http://hub.invalid').searchParams);
      const query = ReportExportQuerySchema.safeParse(params);
      if (!query.success) throw new Refusal(invalidPayload(query.error, 'The export query'));
      const { locale, ...fields } = query.data;
      const parsed = ReportRequestSchema.safeParse(fields);
      if (!parsed.success) throw new Refusal(invalidPayload(parsed.error, 'The export query'));
      const csv = Buffer.from(reportCsv(await reports.run(parsed.data), locale), 'utf8');
      const name = `report-${parsed.data.groupBy}-${parsed.data.from}-${parsed.data.to}.csv`;
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        ...REPORT_CORS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Length': String(csv.length),
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
      });
      response.end(csv);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      answerError(response, error.error);
    }
  }

  return {
    handles: (pathname: string): boolean => pathname === REPORT_EXPORT_PATH,

    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, REPORT_CORS);
        response.end();
        return;
      }
      return exportCsv(request, response);
    },
  };
}

export type ReportHttp = ReturnType<typeof createReportHttp>;

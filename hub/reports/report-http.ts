import { REPORT_EXPORT_PATH, ReportExportQuerySchema, ReportRequestSchema } from '../../shared/protocol/reports';
import { reportCsv } from '../../shared/reports/report-csv';
import type { AuthService } from '../auth/auth-service';
import { createCsvExport } from '../http/csv-export';
import { invalidPayload } from '../sync/payload-issues';
import { Refusal } from '../sync/refusal';
import type { ReportService } from './report-service';

export type ReportHttpDeps = { auth: AuthService; reports: ReportService };

/**
 * The CSV export: the same report as `report:run`, fetched with GET so the
 * browser can save it, for supervisors and administrators.
 */
export function createReportHttp({ auth, reports }: ReportHttpDeps) {
  return createCsvExport({
    path: REPORT_EXPORT_PATH,
    auth,
    forbidden: 'Only supervisors and administrators export reports.',
    query: ReportExportQuerySchema,
    async file({ locale, ...fields }) {
      const parsed = ReportRequestSchema.safeParse(fields);
      if (!parsed.success) throw new Refusal(invalidPayload(parsed.error, 'The export query'));
      return { name: `report-${parsed.data.groupBy}-${parsed.data.from}-${parsed.data.to}.csv`, csv: reportCsv(await reports.run(parsed.data), locale) };
    },
  });
}

export type ReportHttp = ReturnType<typeof createReportHttp>;

import { customerCsv } from '../../../shared/crm/analysis/customer-csv';
import { CUSTOMER_EXPORT_MAX, CUSTOMER_EXPORT_PATH, CustomerExportQuerySchema, CustomerFilterSchema } from '../../../shared/protocol/customer-analysis';
import type { AuthService } from '../../auth/auth-service';
import { createCsvExport } from '../../http/csv-export';
import { invalidPayload } from '../../sync/payload-issues';
import { Refusal, refuse } from '../../sync/refusal';
import type { AnalysisService } from './analysis-service';

export type CustomerExportDeps = { auth: AuthService; analysis: AnalysisService };

/**
 * The analysis customer list as a CSV file (supervisors and administrators):
 * the filter of the list screen as JSON in `filter`, sorted by profit, at
 * most CUSTOMER_EXPORT_MAX rows.
 */
export function createCustomerExportHttp({ auth, analysis }: CustomerExportDeps) {
  return createCsvExport({
    path: CUSTOMER_EXPORT_PATH,
    auth,
    forbidden: 'Only supervisors and administrators export the customer list.',
    query: CustomerExportQuerySchema,
    async file(query) {
      let raw: unknown;
      try {
        raw = JSON.parse(query.filter);
      } catch {
        throw refuse('invalid-payload', 'The export filter is not JSON.', { issues: [{ path: 'filter', message: 'not JSON' }] });
      }
      const filter = CustomerFilterSchema.safeParse(raw);
      if (!filter.success) throw new Refusal(invalidPayload(filter.error, 'The export filter'));
      const rows = await analysis.allRows({ ...filter.data, sort: 'profit', direction: 'desc' }, CUSTOMER_EXPORT_MAX);
      return { name: 'customers.csv', csv: customerCsv(rows, query.locale, analysis.timeZone) };
    },
  });
}

export type CustomerExportHttp = ReturnType<typeof createCustomerExportHttp>;

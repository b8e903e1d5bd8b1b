import { REPORT_EXPORT_PATH, type ReportRequest, type ReportResult } from '../../../shared/protocol/reports';
import { HubErrorSchema } from '../../../shared/protocol/errors';
import { type AdminResult, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { ReportResultSchema } from './report-wire';

export type ReportExport = { hubUrl: string; accessToken: string; locale: 'en' | 'zh-CN' };

/**
 * Reports are read-only and need the hub's whole history, so they run live
 * only: nothing is cached in Dexie and nothing waits in the outbox.
 * A long range over a big store can take seconds, hence the long timeout.
 */
export function createReportClient(socket: HubSocket, timeoutMs = 60_000) {
  const call = createLiveCaller(socket, timeoutMs);
  const run = (report: ReportRequest): Promise<AdminResult<ReportResult>> =>
    call('report:run', (s) => s.emitWithAck('report:run', report), ReportResultSchema);

  /** The same report as the hub's CSV file (bearer token: a plain link cannot carry it). */
  async function exportCsv(report: ReportRequest, where: ReportExport): Promise<AdminResult<{ blob: Blob; name: string }>> {
    const query = new URLSearchParams({ from: report.from, to: report.to, timeZone: report.timeZone, groupBy: report.groupBy, locale: where.locale });
    try {
      const response = await fetch(new URL(`${REPORT_EXPORT_PATH}?${query}`, where.hubUrl), { headers: { authorization: `Bearer ${where.accessToken}` } });
      if (!response.ok) {
        const refusal = HubErrorSchema.safeParse(((await response.json().catch(() => null)) as { error?: unknown } | null)?.error);
        return { ok: false, failure: refusal.success ? { kind: 'hub', error: refusal.data } : { kind: 'bad-answer', message: `HTTP ${response.status}` } };
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'report.csv';
      return { ok: true, data: { blob: await response.blob(), name } };
    } catch {
      return { ok: false, failure: { kind: 'network' } };
    }
  }

  return { run, exportCsv };
}

export type ReportClient = ReturnType<typeof createReportClient>;

import type { z } from 'zod';
import {
  type ChurnAnswer,
  CUSTOMER_EXPORT_PATH,
  type CustomerFilterSchema,
  type CustomerListAnswer,
  type CustomerListRequest,
  type LifecycleAnswer,
  type MigrationAnswer,
  type MigrationRequest,
  type PyramidAnswer,
} from '../../../shared/protocol/customer-analysis';
import { HubErrorSchema } from '../../../shared/protocol/errors';
import { type AdminResult, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { ChurnAnswerSchema, CustomerListAnswerSchema, LifecycleAnswerSchema, MigrationAnswerSchema, PyramidAnswerSchema } from './analysis-wire';

export type CustomerFilterInput = z.input<typeof CustomerFilterSchema>;
export type ExportWhere = { hubUrl: string; accessToken: string; locale: 'en' | 'zh-CN' };

/**
 * The Customers tab reads live from the hub: the figures span the whole base,
 * which no desktop caches. Nothing waits in the outbox; offline the tab says so.
 */
export function createAnalysisClient(socket: HubSocket, timeoutMs = 30_000) {
  const call = createLiveCaller(socket, timeoutMs);

  /** The filtered list as the hub's CSV file (bearer token: a plain link cannot carry it). */
  async function exportCsv(filter: CustomerFilterInput, where: ExportWhere): Promise<AdminResult<{ blob: Blob; name: string }>> {
    const query = new URLSearchParams({ filter: JSON.stringify(filter), locale: where.locale });
    try {
      const response = await fetch(new URL(`${CUSTOMER_EXPORT_PATH}?${query}`, where.hubUrl), { headers: { authorization: `Bearer ${where.accessToken}` } });
      if (!response.ok) {
        const refusal = HubErrorSchema.safeParse(((await response.json().catch(() => null)) as { error?: unknown } | null)?.error);
        return { ok: false, failure: refusal.success ? { kind: 'hub', error: refusal.data } : { kind: 'bad-answer', message: `HTTP ${response.status}` } };
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'customers.csv';
      return { ok: true, data: { blob: await response.blob(), name } };
    } catch {
      return { ok: false, failure: { kind: 'network' } };
    }
  }

  return {
    pyramid: (): Promise<AdminResult<PyramidAnswer>> => call('analysis:pyramid', (s) => s.emitWithAck('analysis:pyramid', {}), PyramidAnswerSchema),
    lifecycle: (): Promise<AdminResult<LifecycleAnswer>> => call('analysis:lifecycle', (s) => s.emitWithAck('analysis:lifecycle', {}), LifecycleAnswerSchema),
    migration: (request: MigrationRequest): Promise<AdminResult<MigrationAnswer>> =>
      call('analysis:migration', (s) => s.emitWithAck('analysis:migration', request), MigrationAnswerSchema),
    churn: (): Promise<AdminResult<ChurnAnswer>> => call('analysis:churn', (s) => s.emitWithAck('analysis:churn', {}), ChurnAnswerSchema),
    list: (request: CustomerListRequest): Promise<AdminResult<CustomerListAnswer>> =>
      call('customer:list', (s) => s.emitWithAck('customer:list', request), CustomerListAnswerSchema),
    exportCsv,
  };
}

export type AnalysisClient = ReturnType<typeof createAnalysisClient>;

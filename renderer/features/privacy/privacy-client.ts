import { z } from 'zod';
import { HubErrorSchema } from '../../../shared/protocol/errors';
import {
  type ErasureRecord,
  ErasureRecordSchema,
  PRIVACY_PATHS,
  type RetentionSettings,
  RetentionSettingsSchema,
  type RetentionSweepAnswer,
} from '../../../shared/protocol/privacy';
import { type AdminResult, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';

const SweepAnswerSchema = z.object({ files: z.number().int().nonnegative(), at: z.number() }) satisfies z.ZodType<RetentionSweepAnswer>;

export type ExportWhere = { hubUrl: string; accessToken: string };

/**
 * Data protection, live only: an erasure or a retention change is made with
 * the hub there or not at all (it is irreversible, and the hub checks it
 * against everything else), so nothing waits in the outbox.
 */
export function createPrivacyClient(socket: HubSocket, timeoutMs = 30_000) {
  const call = createLiveCaller(socket, timeoutMs);

  /** The customer's data as the hub's JSON file (bearer token: a plain link cannot carry it). */
  async function exportCustomer(customerId: string, where: ExportWhere): Promise<AdminResult<{ blob: Blob; name: string }>> {
    try {
      const response = await fetch(new URL(`${PRIVACY_PATHS.export}${customerId}`, where.hubUrl), { headers: { authorization: `Bearer ${where.accessToken}` } });
      if (!response.ok) {
        const refusal = HubErrorSchema.safeParse(((await response.json().catch(() => null)) as { error?: unknown } | null)?.error);
        return { ok: false, failure: refusal.success ? { kind: 'hub', error: refusal.data } : { kind: 'bad-answer', message: `HTTP ${response.status}` } };
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'customer.json';
      return { ok: true, data: { blob: await response.blob(), name } };
    } catch {
      return { ok: false, failure: { kind: 'network' } };
    }
  }

  return {
    exportCustomer,
    erase: (customerId: string, reason: string): Promise<AdminResult<ErasureRecord>> =>
      call('privacy:erase', (s) => s.emitWithAck('privacy:erase', { customerId, reason }), ErasureRecordSchema),
    erasure: (customerId: string): Promise<AdminResult<ErasureRecord | null>> =>
      call('privacy:erasure', (s) => s.emitWithAck('privacy:erasure', { customerId }), ErasureRecordSchema.nullable()),
    retention: (): Promise<AdminResult<RetentionSettings>> => call('admin:retention:get', (s) => s.emitWithAck('admin:retention:get', {}), RetentionSettingsSchema),
    saveRetention: (settings: RetentionSettings): Promise<AdminResult<RetentionSettings>> =>
      call('admin:retention:set', (s) => s.emitWithAck('admin:retention:set', settings), RetentionSettingsSchema),
    sweep: (): Promise<AdminResult<RetentionSweepAnswer>> => call('admin:retention:sweep', (s) => s.emitWithAck('admin:retention:sweep', {}), SweepAnswerSchema),
  };
}

export type PrivacyClient = ReturnType<typeof createPrivacyClient>;

import { z } from 'zod';
import { ComplaintSchema } from '../../../shared/complaints/complaint';
import {
  type ComplaintEscalationNotice,
  type ComplaintListRequest,
  type ComplaintSettings,
  ComplaintSettingsSchema,
} from '../../../shared/protocol/complaints';
import { type AdminResult, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';

/**
 * The complaint requests that happen live: the settings (cached for offline
 * use by complaint-settings-cache.ts), the hub's lists across agents, and the
 * administrator's save. Logging and workflow steps are mutations, not these.
 */

/** A listed complaint: the record and whose it is (its clocks are recomputed here, so they tick). */
export const ListedComplaintSchema = ComplaintSchema.extend({ customerName: z.string(), customerNumber: z.string() });
export type ListedComplaint = z.infer<typeof ListedComplaintSchema>;

const EscalationNoticeSchema = z.object({
  key: z.string(),
  complaintId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  clock: z.enum(['first-response', 'resolution']),
  reason: z.enum(['warning', 'breach']),
  level: z.number().int(),
  dueAt: z.number().nullable(),
}) satisfies z.ZodType<ComplaintEscalationNotice>;

export function createComplaintClient(socket: HubSocket, timeoutMs = 15_000) {
  const call = createLiveCaller(socket, timeoutMs);
  return {
    settings: (): Promise<AdminResult<ComplaintSettings>> =>
      call('complaint:settings', (s) => s.emitWithAck('complaint:settings', {}), ComplaintSettingsSchema),
    list: (request: ComplaintListRequest): Promise<AdminResult<ListedComplaint[]>> =>
      call('complaint:list', (s) => s.emitWithAck('complaint:list', request), z.array(ListedComplaintSchema)),
    saveSettings: (settings: ComplaintSettings): Promise<AdminResult<ComplaintSettings>> =>
      call('admin:complaints:set', (s) => s.emitWithAck('admin:complaints:set', settings), ComplaintSettingsSchema),
    /** Escalations addressed to me (a manager on the chain, or any supervisor); what does not parse is dropped. */
    onEscalation(listener: (notice: ComplaintEscalationNotice) => void): () => void {
      const handler = (payload: unknown) => {
        const parsed = EscalationNoticeSchema.safeParse(payload);
        if (parsed.success) listener(parsed.data);
      };
      socket.on('complaint:escalation', handler);
      return () => {
        socket.off('complaint:escalation', handler);
      };
    },
  };
}

export type ComplaintClient = ReturnType<typeof createComplaintClient>;

import { z } from 'zod';
import { FollowUpSchema } from '../../../shared/follow-ups/follow-up';
import { type FollowUpSettings, FollowUpSettingsSchema } from '../../../shared/follow-ups/rules';
import type { FollowUpListRequest, FollowUpView } from '../../../shared/protocol/follow-ups';
import { type AdminResult, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';

/** A listed follow-up: the record, whom it is about and who has it. */
const FollowUpViewSchema = FollowUpSchema.extend({
  customerName: z.string(),
  customerNumber: z.string(),
  assigneeName: z.string().nullable(),
  overdue: z.boolean(),
}) satisfies z.ZodType<FollowUpView>;

/** The follow-up requests that happen live: the hub's lists across agents and the rules' settings. Scheduling and outcomes are mutations, not these. */
export function createFollowUpClient(socket: HubSocket, timeoutMs = 15_000) {
  const call = createLiveCaller(socket, timeoutMs);
  return {
    list: (request: FollowUpListRequest): Promise<AdminResult<FollowUpView[]>> =>
      call('followUp:list', (s) => s.emitWithAck('followUp:list', request), z.array(FollowUpViewSchema)),
    settings: (): Promise<AdminResult<FollowUpSettings>> => call('followUp:settings', (s) => s.emitWithAck('followUp:settings', {}), FollowUpSettingsSchema),
    saveSettings: (settings: FollowUpSettings): Promise<AdminResult<FollowUpSettings>> =>
      call('admin:followUps:set', (s) => s.emitWithAck('admin:followUps:set', settings), FollowUpSettingsSchema),
  };
}

import { type SurveySettings, SurveySettingsSchema } from '../../../shared/protocol/surveys';
import { type AdminResult, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';

/** The admin's survey settings, live (an admin change is made with the hub there or not at all). */
export function createSurveyClient(socket: HubSocket, timeoutMs = 15_000) {
  const call = createLiveCaller(socket, timeoutMs);
  return {
    settings: (): Promise<AdminResult<SurveySettings>> => call('admin:surveys:get', (s) => s.emitWithAck('admin:surveys:get', {}), SurveySettingsSchema),
    save: (settings: SurveySettings): Promise<AdminResult<SurveySettings>> =>
      call('admin:surveys:set', (s) => s.emitWithAck('admin:surveys:set', settings), SurveySettingsSchema),
  };
}

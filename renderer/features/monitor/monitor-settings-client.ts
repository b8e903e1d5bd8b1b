import { type MonitorSettings, MonitorSettingsSchema } from '../../../shared/protocol/monitor';
import { type HubSocket, request } from '../../sync/hub-socket';
import { unwrapAck } from '../../sync/wire';

const TIMEOUT_MS = 15_000;

/** Whether monitored agents are told, as the hub has it. */
export async function loadMonitorSettings(socket: HubSocket): Promise<MonitorSettings> {
  const ack = await request(socket, (s) => s.timeout(TIMEOUT_MS).emitWithAck('monitor:settings', {}));
  return unwrapAck('monitor:settings', ack, MonitorSettingsSchema);
}

/** Saves it (administrators); answers what the hub now has. */
export async function saveMonitorSettings(socket: HubSocket, settings: MonitorSettings): Promise<MonitorSettings> {
  const ack = await request(socket, (s) => s.timeout(TIMEOUT_MS).emitWithAck('admin:monitor:set', settings));
  return unwrapAck('admin:monitor:set', ack, MonitorSettingsSchema);
}

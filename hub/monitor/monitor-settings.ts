import { DEFAULT_MONITOR_SETTINGS, type MonitorSettings, MonitorSettingsSchema } from '../../shared/protocol/monitor';
import { readSetting, saveSetting } from '../db/meta-queries';
import type { Queryable } from '../db/schema';

const MONITOR_SETTINGS_KEY = 'monitor-settings';

/** Whether monitored agents are told; on until an admin turns it off. */
export const readMonitorSettings = (db: Queryable): Promise<MonitorSettings> =>
  readSetting(db, MONITOR_SETTINGS_KEY, MonitorSettingsSchema, DEFAULT_MONITOR_SETTINGS);

export const saveMonitorSettings = (db: Queryable, settings: MonitorSettings): Promise<void> => saveSetting(db, MONITOR_SETTINGS_KEY, settings);

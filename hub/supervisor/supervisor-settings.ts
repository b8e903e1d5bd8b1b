import { type SupervisorSettings, SupervisorSettingsSchema } from '../../shared/protocol/supervisor';
import { DEFAULT_SUPERVISOR_SETTINGS } from '../../shared/supervisor/settings';
import { readSetting, saveSetting } from '../db/meta-queries';
import type { Queryable } from '../db/schema';

const SUPERVISOR_SETTINGS_KEY = 'supervisor-settings';

/** Alert thresholds and who may edit agents, or the defaults until someone saves them. */
export const readSupervisorSettings = (db: Queryable): Promise<SupervisorSettings> =>
  readSetting(db, SUPERVISOR_SETTINGS_KEY, SupervisorSettingsSchema, DEFAULT_SUPERVISOR_SETTINGS);

export const saveSupervisorSettings = (db: Queryable, settings: SupervisorSettings): Promise<void> => saveSetting(db, SUPERVISOR_SETTINGS_KEY, settings);

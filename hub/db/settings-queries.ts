import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings, RoutingSettingsSchema } from '../../shared/protocol/admin';
import { readSetting, saveSetting } from './meta-queries';
import type { Queryable } from './schema';

const ROUTING_SETTINGS_KEY = 'routing-settings';

/** The admin's routing settings, or the defaults until an admin saves some. */
export const readRoutingSettings = (db: Queryable): Promise<RoutingSettings> =>
  readSetting(db, ROUTING_SETTINGS_KEY, RoutingSettingsSchema, DEFAULT_ROUTING_SETTINGS);

export const saveRoutingSettings = (db: Queryable, settings: RoutingSettings): Promise<void> => saveSetting(db, ROUTING_SETTINGS_KEY, settings);

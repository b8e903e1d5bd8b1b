import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings, RoutingSettingsSchema } from '../../shared/protocol/admin';
import type { Queryable } from './schema';

const ROUTING_SETTINGS_KEY = 'routing-settings';

/** The admin's routing settings, or the defaults until an admin saves some. */
export async function readRoutingSettings(db: Queryable): Promise<RoutingSettings> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', ROUTING_SETTINGS_KEY).executeTakeFirst();
  return row ? RoutingSettingsSchema.parse(JSON.parse(row.value)) : DEFAULT_ROUTING_SETTINGS;
}

export async function saveRoutingSettings(db: Queryable, settings: RoutingSettings): Promise<void> {
  const value = JSON.stringify(settings);
  await db
    .insertInto('meta')
    .values({ key: ROUTING_SETTINGS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

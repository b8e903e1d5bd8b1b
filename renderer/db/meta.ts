import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/min';
import { z } from 'zod';
import type { SwitchboardDb } from './schema';

export const META_KEYS = {
  /** Highest change-log seq applied to this cache. */
  cursor: 'sync.cursor',
  /** Customer ids the agent opened, most recent first. */
  recent: 'workspace.recent',
  settings: 'settings',
} as const;

export const RECENT_MAX = 20;

export type CacheSettings = {
  /** Interactions newer than this many days are cached; older ones load from the hub on demand. */
  interactionWindowDays: number;
  /** Region for phone numbers typed without a country code. */
  region: CountryCode;
};

export const DEFAULT_SETTINGS: CacheSettings = { interactionWindowDays: 730, region: 'CN' };

const SettingsSchema = z.object({
  interactionWindowDays: z.number().int().positive().max(36_500),
  region: z.string().regex(/^[A-Z]{2}$/),
});

const DAY_MS = 86_400_000;

export const interactionsSinceFor = (settings: CacheSettings, now: number): number =>
  Math.max(0, now - settings.interactionWindowDays * DAY_MS);

export async function readCursor(db: SwitchboardDb): Promise<number> {
  const row = await db.meta.get(META_KEYS.cursor);
  const parsed = z.number().int().nonnegative().safeParse(row?.value);
  return parsed.success ? parsed.data : 0;
}

export async function readSettings(db: SwitchboardDb): Promise<CacheSettings> {
  const row = await db.meta.get(META_KEYS.settings);
  const parsed = SettingsSchema.safeParse(row?.value);
  if (!parsed.success) return DEFAULT_SETTINGS;
  const { interactionWindowDays, region } = parsed.data;
  return { interactionWindowDays, region: isSupportedCountry(region) ? region : DEFAULT_SETTINGS.region };
}

export async function writeSettings(db: SwitchboardDb, settings: CacheSettings): Promise<void> {
  await db.meta.put({ key: META_KEYS.settings, value: SettingsSchema.parse(settings) });
}

export async function readRecentIds(db: SwitchboardDb): Promise<string[]> {
  const row = await db.meta.get(META_KEYS.recent);
  const parsed = z.array(z.string()).safeParse(row?.value);
  return parsed.success ? parsed.data : [];
}

/** Most recent first, no repeats, capped. */
export function pushRecent(ids: readonly string[], id: string, max = RECENT_MAX): string[] {
  return [id, ...ids.filter((other) => other !== id)].slice(0, max);
}

export async function markRecent(db: SwitchboardDb, customerId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const ids = await readRecentIds(db);
    await db.meta.put({ key: META_KEYS.recent, value: pushRecent(ids, customerId) });
  });
}

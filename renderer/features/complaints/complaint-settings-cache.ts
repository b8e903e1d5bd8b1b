import { type ComplaintSettings, ComplaintSettingsSchema } from '../../../shared/protocol/complaints';
import type { SwitchboardDb } from '../../db/schema';

/**
 * The complaint settings as last read from the hub, kept in the cache's
 * `meta` table: the log form's category tree and the SLA clocks work offline
 * from them. Re-validated when read back, like every stored job.
 */
export const COMPLAINT_SETTINGS_KEY = 'complaints.settings';

export async function readCachedComplaintSettings(db: SwitchboardDb): Promise<ComplaintSettings | null> {
  const row = await db.meta.get(COMPLAINT_SETTINGS_KEY);
  const parsed = ComplaintSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function cacheComplaintSettings(db: SwitchboardDb, settings: ComplaintSettings): Promise<void> {
  await db.meta.put({ key: COMPLAINT_SETTINGS_KEY, value: settings });
}

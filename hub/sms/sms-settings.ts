import { type SmsSettings, SmsSettingsSchema, type SmsSettingsView } from '../../shared/protocol/sms';
import type { SeedConfig } from '../config';
import { readMeta, readSetting, saveSetting } from '../db/meta-queries';
import { listQueues } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import type { Logger } from '../log';
import { demoQueues } from '../routing/demo-routing';

const META_KEY = 'sms-settings';

/** Until an admin saves some: no provider, no numbers (texts to any number are refused). */
export const NO_SMS: SmsSettings = { providerUrl: null, account: '', secret: '', publicUrl: null, numbers: [] };

/** The demo's texting number, into the General queue. */
export const DEMO_SMS_NUMBER = '+8610690000001';

export const readSmsSettings = (db: Queryable): Promise<SmsSettings> => readSetting(db, META_KEY, SmsSettingsSchema, NO_SMS);

export const saveSmsSettings = (db: Queryable, settings: SmsSettings): Promise<void> => saveSetting(db, META_KEY, settings);

export const settingsView = ({ secret, ...rest }: SmsSettings): SmsSettingsView => ({ ...rest, secretSet: secret !== '' });

/** The demo number → General, once, when the demo queues are there; the provider is left for the admin to fill in. */
export async function seedSmsIfEmpty(db: Queryable, seed: SeedConfig, log: Logger): Promise<void> {
  if (!seed.enabled || (await readMeta(db, META_KEY)) !== null) return;
  const general = demoQueues()[0]?.id;
  if (!general || !(await listQueues(db)).some((queue) => queue.id === general)) return;
  await saveSmsSettings(db, { ...NO_SMS, numbers: [{ number: DEMO_SMS_NUMBER, queueId: general }] });
  log.info('demo SMS number seeded');
}

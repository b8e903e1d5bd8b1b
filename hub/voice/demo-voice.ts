import type { SeedConfig } from '../config';
import { listQueues } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import { hasVoiceSettings, saveVoiceSettings } from '../db/voice-queries';
import type { Logger } from '../log';
import { demoQueues } from '../routing/demo-routing';

/**
 * Demo numbers for the demo queues (sip:support@…, sip:vip@…, sip:billing@…),
 * once, and only when those queues are there: an install whose admin has
 * replaced them gets no numbers pointing nowhere.
 */
export async function seedVoiceIfEmpty(db: Queryable, seed: SeedConfig, domain: string, log: Logger): Promise<void> {
  if (!seed.enabled || (await hasVoiceSettings(db))) return;
  const present = new Set((await listQueues(db)).map((queue) => queue.id));
  const [general, vip, billing] = demoQueues().map((queue) => queue.id) as [string, string, string];
  if (![general, vip, billing].every((id) => present.has(id))) return;
  await saveVoiceSettings(db, {
    domain,
    numbers: [
      { dialled: 'support', queueId: general },
      { dialled: 'vip', queueId: vip },
      { dialled: 'billing', queueId: billing },
    ],
    ringSec: 20,
    waitRetrySec: 3,
  });
  log.info('demo voice numbers seeded');
}

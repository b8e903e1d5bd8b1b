import type { SeedConfig } from '../config';
import { readEmailSettings, saveEmailSettings } from '../db/email-queries';
import type { Queryable } from '../db/schema';
import type { Logger } from '../log';
import { demoQueues } from '../routing/demo-routing';

/** The demo shop's support address: mail to it (at the hub's SMTP port) opens email tasks in the General queue. */
export const DEMO_MAILBOX = 'support@switchboard.local';

export async function seedEmailIfEmpty(db: Queryable, seed: SeedConfig, log: Logger): Promise<void> {
  if (!seed.enabled) return;
  const settings = await readEmailSettings(db);
  if (settings.mailboxes.length > 0) return;
  const [general] = demoQueues();
  if (!general) throw new Error('the demo has no queues');
  await saveEmailSettings(db, { ...settings, mailboxes: [{ address: DEMO_MAILBOX, queueId: general.id, imap: null }] });
  log.info(`demo email: mail to ${DEMO_MAILBOX} goes to ${general.name}`);
}

import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import type { User } from '../../shared/domain/user';
import type { Change } from '../../shared/protocol/changes';
import { type ErasureRecord, KEEP_FOREVER, type RetentionSettings, RetentionSettingsSchema, type RetentionSweepAnswer } from '../../shared/protocol/privacy';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { Clock } from '../clock';
import { startNightly } from '../crm/nightly';
import { commitInQueue } from '../db/commit-changes';
import { readSetting, saveSetting } from '../db/meta-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import { eraseCustomer, findErasure } from './erase-customer';
import { deleteUnreferencedBytes } from './removed-files';
import { retentionCuts } from './retention';
import { sweepRetention } from './retention-sweep';

export type PrivacyDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  store: AttachmentStore;
  /** The sync broadcast: the erasure notice and the anonymised rows reach every desktop. */
  broadcast: (changes: Change[]) => void;
  log: Logger;
  /** The zone the daily sweep's hour is read in; the machine's by default. */
  timeZone?: string;
};

const RETENTION_KEY = 'retention-settings';
/** In the quiet of the night, after the value recompute and the snapshots. */
const SWEEP_HOUR = 4;

/** Erasure, retention settings and the daily retention sweep (hub/privacy/). */
export function createPrivacyService(deps: PrivacyDeps) {
  const { db, writeQueue, clock, store, broadcast, log } = deps;
  const commit = commitInQueue({ db, writeQueue, broadcast });
  let sweeping: Promise<number> | null = null;

  async function erase(user: User, request: { customerId: string; reason: string }): Promise<ErasureRecord> {
    const now = clock();
    const work = await commit(async (trx) => {
      const result = await eraseCustomer(trx, { ...request, erasureId: ulid(now), user, now });
      return { result, drafts: result.drafts };
    });
    // Bytes go only once the records saying so are committed.
    await deleteUnreferencedBytes(db, store, work.sha256s);
    log.info(`customer ${work.record.number} erased by ${user.username}: ${JSON.stringify(work.record.counts)}`);
    return work.record;
  }

  const retention = (): Promise<RetentionSettings> => readSetting(db, RETENTION_KEY, RetentionSettingsSchema, KEEP_FOREVER);

  async function saveRetention(settings: RetentionSettings): Promise<RetentionSettings> {
    await writeQueue(() => saveSetting(db, RETENTION_KEY, settings));
    return settings;
  }

  /** One sweep at a time: a manual one while the daily one runs joins it. */
  function sweep(): Promise<RetentionSweepAnswer> {
    const at = clock();
    sweeping ??= retention()
      .then((settings) => sweepRetention({ db, writeQueue, store }, retentionCuts(settings, at), at))
      .finally(() => {
        sweeping = null;
      });
    return sweeping.then((files) => ({ files, at }));
  }

  /** The daily sweep at SWEEP_HOUR in the hub's zone (hub/crm/nightly.ts); answers the stop for shutdown (waits for a sweep in progress). */
  function start(): () => Promise<void> {
    const run = () => {
      sweep().then(
        (answer) => answer.files > 0 && log.info(`retention: ${answer.files} files removed`),
        (error: unknown) => log.error('the retention sweep failed', error),
      );
    };
    return startNightly({ hour: SWEEP_HOUR, timeZone: deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, clock, run, inProgress: () => sweeping ?? Promise.resolve() });
  }

  return { erase, erasure: (customerId: string) => findErasure(db, customerId), retention, saveRetention, sweep, start };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;

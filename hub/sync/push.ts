import type { Kysely } from 'kysely';
import type { CountryCode } from 'libphonenumber-js/min';
import { z } from 'zod';
import type { User } from '../../shared/domain/user';
import type { Change } from '../../shared/protocol/changes';
import { type Mutation, type MutationResult, MutationSchema } from '../../shared/protocol/mutations';
import type { Clock } from '../clock';
import { appendChanges, readHead } from '../db/change-log';
import { findMutationResult, recordMutation } from '../db/mutation-log';
import type { Database } from '../db/schema';
import type { MutationContext } from './mutations/mutation-handler';
import type { WriteQueue } from '../db/write-queue';
import { applyMutation } from './mutations/apply-mutation';
import { invalidPayload } from './payload-issues';

export type PushDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  defaultRegion: CountryCode;
  /** Called after each commit, inside the write queue, so broadcasts leave in seq order. */
  broadcast: (changes: Change[]) => void;
  /** After a commit whose mutation rewrote open task rows (routing reads its open tasks again). */
  tasksRewritten?: () => void;
  /** Customer value recomputed for customers a mutation moved orders onto (hub/crm/value-service.ts refreshCustomers). */
  refreshCustomerValues?: MutationContext['refreshCustomerValues'];
};

const MaybeIdSchema = z.object({ id: z.string().max(64) });

/**
 * Applies a desktop's outbox in order. Each mutation is validated and applied
 * on its own, so one refusal does not hold back the others. An unexpected
 * error (the store is down) aborts the rest of the batch: the desktop retries
 * it all later, and the ones already applied answer `duplicate`.
 */
export async function pushMutations(deps: PushDeps, user: User, batch: readonly unknown[]): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  for (const raw of batch) {
    const parsed = MutationSchema.safeParse(raw);
    if (parsed.success) {
      results.push(await pushOne(deps, user, parsed.data));
    } else {
      // A malformed mutation fails the same way every time, so it needs no record to be answered consistently.
      const id = MaybeIdSchema.safeParse(raw);
      results.push({ id: id.success ? id.data.id : '', status: 'rejected', error: invalidPayload(parsed.error, 'The mutation') });
    }
  }
  return results;
}

function pushOne(deps: PushDeps, user: User, mutation: Mutation): Promise<MutationResult> {
  return deps.writeQueue(async () => {
    let rewroteTasks = false;
    const { result, changes } = await deps.db.transaction().execute(async (trx) => {
      const earlier = await findMutationResult(trx, mutation.id);
      if (earlier) return { result: earlier, changes: [] };
      const at = deps.clock();
      const record = { id: mutation.id, userId: user.id, name: mutation.name, at };
      const tasksRewritten = () => {
        rewroteTasks = true;
      };
      const outcome = await applyMutation(mutation, { trx, user, now: at, defaultRegion: deps.defaultRegion, tasksRewritten, refreshCustomerValues: deps.refreshCustomerValues });
      if (!outcome.ok) {
        // Recorded, so a re-send gets the same refusal even if the state has changed since.
        await recordMutation(trx, { ...record, status: 'rejected', error: outcome.error });
        return { result: { id: mutation.id, status: 'rejected', error: outcome.error } satisfies MutationResult, changes: [] };
      }
      const appended = await appendChanges(trx, outcome.changes);
      const seq = appended.at(-1)?.seq ?? (await readHead(trx));
      await recordMutation(trx, { ...record, status: 'applied', seq });
      return { result: { id: mutation.id, status: 'applied', seq } satisfies MutationResult, changes: appended };
    });
    // Still inside the write queue: no routing step runs on the old tasks in between.
    if (rewroteTasks) deps.tasksRewritten?.();
    if (changes.length > 0) deps.broadcast(changes);
    return result;
  });
}

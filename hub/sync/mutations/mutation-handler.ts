import type { Transaction } from 'kysely';
import type { CountryCode } from 'libphonenumber-js/min';
import type { User } from '../../../shared/domain/user';
import type { ErrorCode, HubError } from '../../../shared/protocol/errors';
import type { MutationArgs, MutationName } from '../../../shared/protocol/mutations';
import type { ChangeDraft } from '../../db/change-log';
import type { Database } from '../../db/schema';

export type MutationContext = {
  /** The mutation's own transaction: reads see current state, writes commit with the change log. */
  trx: Transaction<Database>;
  /** Who pushed it: notes are signed with this agent. */
  user: User;
  now: number;
  defaultRegion: CountryCode;
  /**
   * The handler rewrote open task rows (a merge moving their customer):
   * routing keeps open tasks in memory, so it reads them again after commit.
   */
  tasksRewritten: () => void;
  /** Customer value afresh for customers whose orders just moved (a merge); the changes to append. Absent in hubs without it. */
  refreshCustomerValues?: (trx: Transaction<Database>, customerIds: readonly string[]) => Promise<ChangeDraft[]>;
};

/** Either the changes to append (the handler has written them), or a refusal (the handler wrote nothing). */
export type MutationOutcome = { ok: true; changes: ChangeDraft[] } | { ok: false; error: HubError };

export type MutationHandler<N extends MutationName> = (args: MutationArgs<N>, context: MutationContext) => Promise<MutationOutcome>;

export const applied = (...changes: ChangeDraft[]): MutationOutcome => ({ ok: true, changes });

export const refused = (code: ErrorCode, message: string, extra?: Omit<HubError, 'code' | 'message'>): MutationOutcome => ({
  ok: false,
  error: { code, message, ...extra },
});

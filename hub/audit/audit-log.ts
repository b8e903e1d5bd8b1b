import type { Kysely } from 'kysely';
import { monotonicFactory } from 'ulid';
import { type AuditEntry, type AuditPage, type AuditQuery, AuditQuerySchema } from '../../shared/protocol/audit';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import { readStoredJson } from '../db/stored-json';

/** Who did it: a signed-in user, or only a username someone typed (a failed sign-in). */
export type AuditActor = { id: string | null; username: string; role: string };

export type AuditRecord = { actor: AuditActor; action: string; targetIds: readonly string[]; summary: Record<string, unknown>; outcome: string };

export type AuditLog = {
  /** Appends one line; never throws (a lost audit line is logged, the action's answer still goes out). */
  record(entry: AuditRecord): Promise<void>;
  list(query: AuditQuery): Promise<AuditPage>;
};

/**
 * The audit log: append-only through the write queue like every other write.
 * There is no update or delete here, and no event or route that reaches one.
 */
export function createAuditLog({ db, writeQueue, clock, log }: { db: Kysely<Database>; writeQueue: WriteQueue; clock: Clock; log: Logger }): AuditLog {
  // Monotonic: lines written in the same millisecond keep their order, so the id alone orders the list.
  const nextId = monotonicFactory();
  return {
    async record(entry) {
      const at = clock();
      try {
        await writeQueue(() =>
          db
            .insertInto('audit_log')
            .values({
              id: nextId(at),
              at,
              actor_id: entry.actor.id,
              actor_username: entry.actor.username,
              actor_role: entry.actor.role,
              action: entry.action,
              target_ids: JSON.stringify(entry.targetIds),
              summary: JSON.stringify(entry.summary),
              outcome: entry.outcome,
            })
            .execute(),
        );
      } catch (error) {
        log.error(`audit: could not record ${entry.action} by ${entry.actor.username}`, error);
      }
    },

    async list(input) {
      const query = AuditQuerySchema.parse(input);
      let select = db.selectFrom('audit_log').selectAll();
      if (query.actor) select = select.where('actor_username', '=', query.actor);
      if (query.action) {
        // The schema admits no LIKE wildcards, so only a trailing `*` (or `:`) makes this a prefix search.
        const prefix = query.action.endsWith('*') ? query.action.slice(0, -1) : query.action.endsWith(':') ? query.action : null;
        select = prefix !== null ? select.where('action', 'like', `${prefix}%`) : select.where('action', '=', query.action);
      }
      if (query.from !== undefined) select = select.where('at', '>=', query.from);
      if (query.to !== undefined) select = select.where('at', '<', query.to);
      if (query.before) select = select.where('id', '<', query.before);
      const rows = await select.orderBy('id', 'desc').limit(query.limit + 1).execute();
      const entries: AuditEntry[] = rows.slice(0, query.limit).map((row) => ({
        id: row.id,
        at: Number(row.at),
        actor: { id: row.actor_id, username: row.actor_username, role: row.actor_role },
        action: row.action,
        targetIds: readStoredJson<string[]>(row.target_ids),
        summary: readStoredJson<Record<string, unknown>>(row.summary),
        outcome: row.outcome,
      }));
      return { entries, more: rows.length > query.limit };
    },
  };
}

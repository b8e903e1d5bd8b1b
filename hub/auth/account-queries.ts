import { RoleSchema, type User } from '../../shared/domain/user';
import type { Queryable } from '../db/schema';

/** A user with what decides whether their sessions are good: disabled, and the time before which every session is void. */
export type Account = { user: User; disabled: boolean; sessionsValidFrom: number };

const COLUMNS = ['id', 'username', 'display_name', 'role', 'disabled', 'sessions_valid_from'] as const;

type AccountRow = { id: string; username: string; display_name: string; role: string; disabled: number; sessions_valid_from: number };

const accountFromRow = (row: AccountRow): Account => ({
  user: { id: row.id, username: row.username, displayName: row.display_name, role: RoleSchema.parse(row.role) },
  disabled: Number(row.disabled) === 1,
  sessionsValidFrom: Number(row.sessions_valid_from),
});

export async function findAccount(db: Queryable, userId: string): Promise<Account | null> {
  const row = await db.selectFrom('users').select(COLUMNS).where('id', '=', userId).executeTakeFirst();
  return row ? accountFromRow(row) : null;
}

export async function listAccounts(db: Queryable): Promise<Account[]> {
  const rows = await db.selectFrom('users').select(COLUMNS).orderBy('username').execute();
  return rows.map(accountFromRow);
}

export async function readPasswordHash(db: Queryable, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash ?? null;
}

export async function writePasswordHash(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function writeDisabled(db: Queryable, userId: string, disabled: boolean): Promise<void> {
  await db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).execute();
}

/**
 * Every session of the user ends: access tokens issued before `validFrom` are
 * refused from now on, and every refresh token goes. Answers how many refresh
 * tokens (signed-in devices, roughly) there were.
 */
export async function endSessions(db: Queryable, userId: string, validFrom: number): Promise<number> {
  await db.updateTable('users').set({ sessions_valid_from: validFrom }).where('id', '=', userId).execute();
  const deleted = await db.deleteFrom('refresh_tokens').where('user_id', '=', userId).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

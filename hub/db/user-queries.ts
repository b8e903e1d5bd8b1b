import { RoleSchema, type User } from '../../shared/domain/user';
import type { Queryable, UsersTable } from './schema';

export type UserWithPassword = { user: User; passwordHash: string };

const userFromRow = (row: Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role'>): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: RoleSchema.parse(row.role),
});

export async function findUserForLogin(db: Queryable, username: string): Promise<UserWithPassword | null> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? { user: userFromRow(row), passwordHash: row.password_hash } : null;
}

export async function findUser(db: Queryable, id: string): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? userFromRow(row) : null;
}

export async function listUsers(db: Queryable): Promise<User[]> {
  const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role']).orderBy('username').execute();
  return rows.map(userFromRow);
}

export async function countUsers(db: Queryable): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertUsers(db: Queryable, users: readonly UserWithPassword[], createdAt: number): Promise<void> {
  if (users.length === 0) return;
  await db
    .insertInto('users')
    .values(
      users.map(({ user, passwordHash }) => ({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        password_hash: passwordHash,
        created_at: createdAt,
      })),
    )
    .execute();
}

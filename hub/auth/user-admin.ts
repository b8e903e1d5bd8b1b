import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import type { User } from '../../shared/domain/user';
import type { CreateUserRequest } from '../../shared/protocol/events';
import type { Clock } from '../clock';
import { isUniqueViolation } from '../db/errors';
import type { Database } from '../db/schema';
import { findUserForLogin, insertUsers, listUsers } from '../db/user-queries';
import { refuse } from '../sync/refusal';
import { hashPassword } from './password';
import { assertStrongPassword } from './password-rules';

export type UserAdmin = {
  list(): Promise<User[]>;
  create(request: CreateUserRequest): Promise<User>;
};

export function createUserAdmin(db: Kysely<Database>, clock: Clock): UserAdmin {
  const taken = (username: string) => refuse('conflict', `The username "${username}" is already taken.`);
  return {
    list: () => listUsers(db),
    async create(request) {
      assertStrongPassword(request.password, request.username);
      if (await findUserForLogin(db, request.username)) throw taken(request.username);
      const user: User = { id: ulid(), username: request.username, displayName: request.displayName, role: request.role };
      const passwordHash = await hashPassword(request.password);
      try {
        await insertUsers(db, [{ user, passwordHash }], clock());
      } catch (error) {
        // Two admins creating the same name at once: the unique index decides.
        if (isUniqueViolation(error)) throw taken(request.username);
        throw error;
      }
      return user;
    },
  };
}

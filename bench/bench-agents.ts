import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { hashPassword } from '../hub/auth/password';
import type { Database } from '../hub/db/schema';
import { insertUsers } from '../hub/db/user-queries';
import { DEMO_PASSWORD } from '../shared/demo';
import type { AgentProfile } from '../shared/domain/routing';
import type { User } from '../shared/domain/user';
import type { HubClient } from './hub-client';
import { pool, unwrap } from './pool';

/**
 * `count` agents `bench.agent.N` (demo password), members of one queue with
 * `capacity`. Users go straight into the store (one argon2 hash shared by all:
 * 500 hashes would take a minute); profiles go through the admin event, as an
 * administrator would save them.
 */
export async function createBenchAgents(
  db: Kysely<Database>,
  admin: HubClient,
  count: number,
  queueId: string,
  capacity: AgentProfile['capacity'],
): Promise<User[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = Array.from({ length: count }, (_, i) => ({
    user: { id: ulid(), username: `bench.agent.${i}`, displayName: `Bench agent ${i}`, role: 'agent' as const },
    passwordHash,
  }));
  for (let i = 0; i < users.length; i += 100) await insertUsers(db, users.slice(i, i + 100), Date.now());
  await pool(users, 50, async ({ user }) =>
    unwrap(
      await admin.timeout(60_000).emitWithAck('admin:agent:upsert', { userId: user.id, skills: {}, queueIds: [queueId], capacity, autoAccept: {}, maxMissedBeforeAway: 0 }),
      'admin:agent:upsert',
    ),
  );
  return users.map(({ user }) => user);
}

import type { Kysely } from 'kysely';
import { DEMO_DEFAULTS, DEMO_PASSWORD, type ChunkLimits, type DemoOptions, demoChunks, demoUsers } from '../shared/demo';
import type { User } from '../shared/domain/user';
import { hashPassword } from './auth/password';
import type { Clock } from './clock';
import type { SeedConfig } from './config';
import { appendChanges, type ChangeDraft, readHead } from './db/change-log';
import { insertCustomers } from './db/customer-queries';
import { insertIdentities } from './db/identity-queries';
import { insertInteractions } from './db/interaction-queries';
import type { Database, Queryable } from './db/schema';
import { countUsers, insertUsers } from './db/user-queries';
import type { Logger } from './log';

export type SeedReport = { customers: number; identities: number; interactions: number; lastSeq: number; ms: number };

export type DemoLogins = { password: string; users: User[] };

/** Users with one shared password, each hashed on its own (own salt). */
export async function seedUsers(db: Queryable, users: readonly User[], password: string, now: number): Promise<void> {
  const hashed = await Promise.all(users.map(async (user) => ({ user, passwordHash: await hashPassword(password) })));
  await insertUsers(db, hashed, now);
}

/**
 * Streams demo customers into the store, one transaction per chunk, each
 * with its change rows (customers, then identities, then interactions), so
 * desktops sync the demo like any other data. Writes directly, outside the
 * hub's write queue: run it before desktops connect (start-up, benchmarks).
 */
export async function seedCustomers(db: Kysely<Database>, options: DemoOptions, limits?: ChunkLimits): Promise<SeedReport> {
  const started = performance.now();
  const report: SeedReport = { customers: 0, identities: 0, interactions: 0, lastSeq: 0, ms: 0 };
  for (const chunk of demoChunks(options, limits)) {
    await db.transaction().execute(async (trx) => {
      await insertCustomers(trx, chunk.customers);
      await insertIdentities(trx, chunk.identities);
      await insertInteractions(trx, chunk.interactions);
      const drafts: ChangeDraft[] = [];
      for (const data of chunk.customers) drafts.push({ entity: 'customer', op: 'put', data });
      for (const data of chunk.identities) drafts.push({ entity: 'identity', op: 'put', data });
      for (const data of chunk.interactions) drafts.push({ entity: 'interaction', op: 'put', data });
      const changes = await appendChanges(trx, drafts);
      report.lastSeq = changes.at(-1)?.seq ?? report.lastSeq;
    });
    report.customers += chunk.customers.length;
    report.identities += chunk.identities.length;
    report.interactions += chunk.interactions.length;
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

export type BulkSeedOptions = {
  customers: number;
  /** Exact total, spread evenly over the customers. */
  interactions: number;
  seed?: number;
  now?: number;
};

/**
 * For benchmarks: exactly N more customers and M interactions, no heavy
 * customer, no users. Numbering continues after the customers already there,
 * so it can run again on the same store.
 */
export async function seedBulk(db: Kysely<Database>, options: BulkSeedOptions): Promise<SeedReport> {
  const existing = await db.selectFrom('customers').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return seedCustomers(db, {
    seed: options.seed ?? DEMO_DEFAULTS.seed,
    customers: options.customers,
    totalInteractions: options.interactions,
    heavyCustomerInteractions: 0,
    now: options.now ?? Date.now(),
    firstIndex: Number(existing.count),
  });
}

/** The demo (users, customers, C000001's long history) on a store that has nothing yet; null when it had something. */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  settings: SeedConfig,
  clock: Clock,
  log: Logger,
): Promise<DemoLogins | null> {
  if (!settings.enabled) return null;
  if ((await countUsers(db)) > 0 || (await readHead(db)) > 0) return null;
  const now = clock();
  const users = demoUsers();
  log.info(`seeding the demo: ${settings.customers} customers…`);
  await seedUsers(db, users, DEMO_PASSWORD, now);
  const report = await seedCustomers(db, {
    seed: DEMO_DEFAULTS.seed,
    customers: settings.customers,
    now,
    maxInteractionsPerCustomer: settings.maxInteractionsPerCustomer,
    heavyCustomerInteractions: settings.heavyCustomerInteractions,
    agentIds: users.filter((user) => user.role === 'agent').map((user) => user.id),
  });
  log.info(
    `demo seeded in ${report.ms} ms: ${report.customers} customers, ${report.identities} identities, ${report.interactions} interactions; ` +
      `sign in as agent1…agent5, supervisor or admin with password ${DEMO_PASSWORD}`,
  );
  return { password: DEMO_PASSWORD, users };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHead } from '../../hub/db/change-log';
import { seedBulk } from '../../hub/seed';
import { expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import { TEST_STORES, type TestStore } from './helpers/test-stores';

const count = async (t: TestHub, table: 'customers' | 'identities' | 'interactions' | 'changes' | 'users'): Promise<number> => {
  const row = await t.hub.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

describe.each(TEST_STORES)('seeding on %s', (_label, makeStore) => {
  let store: TestStore;
  afterAll(async () => {
    await store?.cleanup();
  });
  beforeAll(async () => {
    store = await makeStore();
  });

  it('seeds the demo once, logs its change rows, and keeps the token secret across restarts', async () => {
    const first = await startTestHub(store);
    expect(first.hub.seeded?.users.map((user) => user.username)).toContain('agent1');
    expect(await count(first, 'users')).toBe(7);
    expect(await count(first, 'customers')).toBe(12);
    const rows = (await count(first, 'customers')) + (await count(first, 'identities')) + (await count(first, 'interactions'));
    expect(await count(first, 'changes')).toBe(rows);
    expect(await readHead(first.hub.db)).toBe(rows);
    const session = await first.login('agent1');
    await first.close();

    const second = await startTestHub(store);
    try {
      expect(second.hub.seeded).toBeNull();
      expect(await count(second, 'customers')).toBe(12);
      // The generated secret lives in the store, so a token from before the restart still opens a socket.
      const desktop = await second.connect(session.accessToken);
      expect(expectOk(await desktop.emitWithAck('session:whoami', {})).username).toBe('agent1');
    } finally {
      await second.close();
    }
  });

  it('seeds routing queues and profiles into a store that has none, on its next start', async () => {
    const first = await startTestHub(store);
    try {
      await first.hub.db.deleteFrom('agent_profiles').execute();
      await first.hub.db.deleteFrom('queues').execute();
    } finally {
      await first.close();
    }
    const second = await startTestHub(store);
    try {
      expect(second.hub.seeded).toBeNull();
      const queues = await second.hub.db.selectFrom('queues').select('name').orderBy('name').execute();
      expect(queues.map((queue) => queue.name)).toEqual(['Billing / 账务', 'General / 综合服务', 'VIP Service / 贵宾服务']);
      const profiles = await second.hub.db.selectFrom('agent_profiles').select('user_id').execute();
      expect(profiles).toHaveLength(5);
    } finally {
      await second.close();
    }
  });

  it('bulk-seeds exact sizes for benchmarks, continuing the change log', async () => {
    const t = await startTestHub(store, { SEED: '0' });
    try {
      const before = await readHead(t.hub.db);
      const report = await seedBulk(t.hub.db, { customers: 150, interactions: 1_234, seed: 9 });
      expect(report).toMatchObject({ customers: 150, interactions: 1_234 });
      expect(report.lastSeq).toBe(before + 150 + report.identities + 1_234);
      expect(await readHead(t.hub.db)).toBe(report.lastSeq);
      expect(await count(t, 'customers')).toBe(12 + 150);
    } finally {
      await t.close();
    }
  });
});

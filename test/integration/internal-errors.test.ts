import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../hub/log';
import { expectError, startTestHub, type TestHub } from './helpers/test-hub';
import { sqliteTestStore, type TestStore } from './helpers/test-stores';

describe('a handler that fails unexpectedly', () => {
  let store: TestStore;
  let t: TestHub;
  const logged: string[] = [];
  const log: Logger = {
    error: (message, detail) => logged.push(`${message} ${detail instanceof Error ? detail.message : ''}`),
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
  };

  beforeAll(async () => {
    store = await sqliteTestStore();
    t = await startTestHub(store, {}, { log });
  });

  afterAll(async () => {
    await t?.close();
    await store?.cleanup();
  });

  it('answers internal with a reference, logs the cause, and leaks nothing', async () => {
    const desktop = await t.desktop('agent1');
    // Break the store under the hub: the change log disappears.
    await sql`drop table changes`.execute(t.hub.db);
    const error = expectError(await desktop.emitWithAck('sync:pull', { since: 0 }));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/^The hub hit an unexpected error \(ref [0-9a-f]{8}\); try again\.$/);
    expect(error.message).not.toMatch(/changes|sqlite|table/i);
    const reference = error.message.match(/ref ([0-9a-f]{8})/)?.[1] ?? 'none';
    expect(logged.some((line) => line.includes(`ref ${reference}`) && line.includes('no such table: changes'))).toBe(true);
    // The socket and the rest of the hub carry on.
    expect(expectError(await desktop.emitWithAck('sync:pull', { since: -5 })).code).toBe('invalid-payload');
    expect((await fetch(`${t.hub.url}/healthz`)).status).toBe(200);
  });
});

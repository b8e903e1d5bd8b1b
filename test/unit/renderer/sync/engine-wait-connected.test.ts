// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import type { SwitchboardDb } from '../../../../renderer/db/schema';
import { createSyncEngine, type SyncEngine } from '../../../../renderer/sync/engine';
import { addNote, type MutationContext } from '../../../../renderer/sync/mutations';
import { fail, type Response } from '../../../../shared/protocol/errors';
import { makeCustomer, openTestDb } from '../fixtures';
import { FakeHub, waitFor } from './fake-hub';

/** A hub shutting down: it still answers, but refuses every request until it is gone (hub/ops/drain.ts). */
class DrainingHub extends FakeHub {
  draining = false;

  override handle(event: string, payload: unknown): Response<unknown> | null {
    if (this.draining) return fail('rate-limited', 'The hub is shutting down; try again shortly.');
    return super.handle(event, payload);
  }
}

let engine: SyncEngine | undefined;
let db: SwitchboardDb | undefined;

afterEach(async () => {
  await engine?.stop();
  await db?.delete();
});

// Found by the sync chaos property (test/integration/sync-chaos.test.ts): a desktop still off line when a restart's refusal was its last error.
it('waits for socket.io to reconnect rather than failing pullAll on a refusal left from a draining hub', async () => {
  const hub = new DrainingHub();
  const customer = makeCustomer();
  hub.add(customer);
  db = openTestDb();
  const now = Date.UTC(2026, 0, 1);
  const ctx: MutationContext = { db, agentId: 'AGENT00000000000000000000A', region: 'CN', now: () => now };
  engine = createSyncEngine({ hubUrl: 'http://hub.test', token: 'T', db, now: () => now, socketFactory: () => hub.asHubSocket() });
  await engine.pullAll();

  hub.draining = true;
  await addNote(ctx, customer.id, 'typed while the hub drains');
  await waitFor(() => {
    const error = engine?.status.getState().lastError;
    return error?.kind === 'hub' && error.code === 'rate-limited';
  });
  // The hub goes; socket.io keeps trying on its own.
  hub.socket.drop();
  const pulled = engine.pullAll();
  await addNote(ctx, customer.id, 'typed while it is gone');
  await waitFor(() => engine?.status.getState().pending === 2);

  hub.draining = false;
  hub.socket.connect();
  await expect(pulled).resolves.toMatchObject({ cursor: 1, head: 1 });
  await waitFor(async () => (await db?.outbox.count()) === 0);
});

// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChangePage, planChanges } from '../../../../renderer/db/apply-changes';
import type { SwitchboardDb } from '../../../../renderer/db/schema';
import type { Change } from '../../../../shared/protocol/changes';
import { changesFrom, makeCustomer, makeIdentity, makeNote, openTestDb } from '../fixtures';

const erasure = (seq: number, customerId: string): Change => ({ seq, entity: 'erasure', op: 'put', data: { id: ulid(), customerId, erasedAt: 1 } });

describe('an erasure notice in a page of changes', () => {
  const customer = makeCustomer();
  const other = makeCustomer({ name: 'Li Na' });
  const phone = makeIdentity(customer.id, 'phone', '+8613800000001');
  const note = makeNote(customer.id, 10, 'lives at 1 Secret Road');
  const othersNote = makeNote(other.id, 10, 'kept');

  it('drops what the page planned for that customer before the notice and keeps what follows it', () => {
    const anonymous = { ...note, text: '—' };
    const page = [...changesFrom(1, customer, phone, note, othersNote), erasure(5, customer.id), ...changesFrom(6, anonymous)];
    const plan = planChanges(page, 0);
    expect([...plan.identities.keys()]).toEqual([]);
    expect(plan.customers.has(customer.id)).toBe(false);
    expect([...plan.interactions.values()]).toEqual([othersNote, anonymous]);
  });

  describe('applied to the cache', () => {
    let db: SwitchboardDb;
    beforeEach(() => {
      db = openTestDb();
    });
    afterEach(async () => {
      await db.delete();
    });

    it('forgets every cached row of the customer, history fetched by scrolling too, and files the anonymous rows after', async () => {
      const older = makeNote(customer.id, 1, 'fetched while scrolling');
      await applyChangePage(db, changesFrom(1, customer, other, phone, note, othersNote), 5, { interactionsSince: 0 });
      // History streamed in from the hub is cached without a change naming it.
      await db.interactions.put(older);
      const renamed = { ...customer, name: 'Erased customer #C1', tags: ['erased'] };
      const anonymous = { ...note, text: '—' };
      await applyChangePage(db, [erasure(6, customer.id), ...changesFrom(7, renamed, anonymous)], 8, { interactionsSince: 0 });
      expect(await db.identities.where('customerId').equals(customer.id).count()).toBe(0);
      expect((await db.interactions.toArray()).map((row) => row.id).sort()).toEqual([anonymous.id, othersNote.id].sort());
      expect(await db.interactions.get(anonymous.id)).toEqual(anonymous);
      expect((await db.customers.get(customer.id))?.name).toBe('Erased customer #C1');
      expect((await db.customers.get(other.id))?.name).toBe('Li Na');
    });
  });
});

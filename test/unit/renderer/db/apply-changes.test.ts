// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChangePage, planChanges, resetCache } from '../../../../renderer/db/apply-changes';
import { readCursor } from '../../../../renderer/db/meta';
import type { SwitchboardDb } from '../../../../renderer/db/schema';
import { addNote } from '../../../../renderer/sync/mutations';
import { changesFrom, makeCustomer, makeIdentity, makeNote, openTestDb } from '../fixtures';

describe('planChanges', () => {
  const customer = makeCustomer();
  const phone = makeIdentity(customer.id, 'phone', '+8613800000000');

  it('keeps the last change per key, deletes included', () => {
    const plan = planChanges(changesFrom(1, phone, { delete: phone }), 0);
    expect(plan.identities.get(phone.id)).toBeNull();
    const readded = planChanges(changesFrom(1, { delete: phone }, phone), 0);
    expect(readded.identities.get(phone.id)).toEqual(phone);
  });

  it('adds search terms to customers', () => {
    expect(planChanges(changesFrom(1, customer), 0).customers.get(customer.id)?.terms).toContain('wang');
  });

  it('skips interactions older than the cache window', () => {
    const old = makeNote(customer.id, 1_000);
    const recent = makeNote(customer.id, 5_000);
    const plan = planChanges(changesFrom(1, old, recent), 2_000);
    expect([...plan.interactions.keys()]).toEqual([recent.id]);
  });
});

describe('applyChangePage', () => {
  let db: SwitchboardDb;
  beforeEach(() => {
    db = openTestDb();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('writes rows and the cursor together', async () => {
    const customer = makeCustomer();
    const phone = makeIdentity(customer.id, 'phone', '+8613800000000');
    await applyChangePage(db, changesFrom(1, customer, phone, makeNote(customer.id, 10)), 7, { interactionsSince: 0 });
    expect(await db.customers.count()).toBe(1);
    expect(await db.identities.count()).toBe(1);
    expect(await db.interactions.count()).toBe(1);
    // The hub's cursor may run past the last change (filtered rows): it is stored as given.
    expect(await readCursor(db)).toBe(7);
    await applyChangePage(db, changesFrom(8, { delete: phone }), 8, { interactionsSince: 0 });
    expect(await db.identities.count()).toBe(0);
  });

  it('changes nothing when the transaction fails', async () => {
    const customer = makeCustomer();
    const broken = changesFrom(1, { ...customer, id: undefined as unknown as string });
    await expect(applyChangePage(db, broken, 1, { interactionsSince: 0 })).rejects.toThrow();
    expect(await readCursor(db)).toBe(0);
  });
});

describe('resetCache', () => {
  it('empties the cache and the cursor but keeps waiting work visible', async () => {
    const db = openTestDb();
    const customer = makeCustomer();
    await applyChangePage(db, changesFrom(1, customer), 1, { interactionsSince: 0 });
    const note = await addNote({ db, agentId: null, region: 'CN' }, customer.id, 'kept');
    await resetCache(db);
    expect(await db.customers.count()).toBe(0);
    expect(await readCursor(db)).toBe(0);
    expect(await db.outbox.count()).toBe(1);
    if (note.name !== 'interaction.addNote') throw new Error('expected a note');
    expect(await db.interactions.get(note.args.interactionId)).toMatchObject({ channel: 'note', text: 'kept' });
    await db.delete();
  });
});

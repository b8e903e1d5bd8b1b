// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '../../../../shared/protocol/mutations';
import { applyChangePage } from '../../../../renderer/db/apply-changes';
import type { SwitchboardDb } from '../../../../renderer/db/schema';
import {
  addIdentity,
  addNote,
  InvalidIdentityError,
  InvalidMutationError,
  type MutationContext,
  removeIdentity,
  updateCustomer,
} from '../../../../renderer/sync/mutations';
import { settleResults, takeBatch } from '../../../../renderer/sync/outbox';
import { changesFrom, makeCustomer, makeIdentity, openTestDb } from '../fixtures';

const refusal = (id: string) => ({ id, status: 'rejected' as const, error: { code: 'conflict' as const, message: 'no' } });

describe('mutations and the outbox', () => {
  let db: SwitchboardDb;
  let ctx: MutationContext;
  const customer = makeCustomer({ name: 'Wang Wei', company: 'Acme', tags: ['x'] });
  const phone = makeIdentity(customer.id, 'phone', '+8613812345678');

  beforeEach(async () => {
    db = openTestDb();
    ctx = { db, agentId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', region: 'CN', now: () => 1_800_000_000_000 };
    const changes = changesFrom(1, customer, phone);
    await applyChangePage(db, changes, 2, { interactionsSince: 0 });
  });

  afterEach(async () => {
    await db.delete();
  });

  it('writes the optimistic row and the outbox entry together', async () => {
    const mutation = await addNote(ctx, customer.id, '  promised a refund  ');
    const note = mutation.name === 'interaction.addNote' ? await db.interactions.get(mutation.args.interactionId) : undefined;
    expect(note).toMatchObject({ channel: 'note', text: 'promised a refund', customerId: customer.id, agentId: ctx.agentId });
    const outbox = await db.outbox.toArray();
    expect(outbox.map((entry) => entry.mutation)).toEqual([mutation]);
    expect(outbox[0]?.preimage).toBeNull();
  });

  it('writes nothing when the mutation breaks the contract', async () => {
    await expect(addNote(ctx, customer.id, '   ')).rejects.toBeInstanceOf(InvalidMutationError);
    await expect(addIdentity(ctx, customer.id, 'phone', 'not a phone')).rejects.toBeInstanceOf(InvalidIdentityError);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.interactions.count()).toBe(0);
  });

  it('normalises a new phone to E.164 before it is stored or sent', async () => {
    const mutation = await addIdentity(ctx, customer.id, 'phone', '139 0000 1111');
    expect(mutation.name === 'customer.addIdentity' && mutation.args.value).toBe('+8613900001111');
    expect(await db.identities.where('customerId').equals(customer.id).count()).toBe(2);
  });

  it('removes applied and duplicate entries, keeps unanswered ones', async () => {
    const a = await addNote(ctx, customer.id, 'a');
    const b = await addNote(ctx, customer.id, 'b');
    const c = await addNote(ctx, customer.id, 'c');
    const refused = await settleResults(db, [
      { id: a.id, status: 'applied', seq: 3 },
      { id: b.id, status: 'duplicate', seq: 4 },
    ]);
    expect(refused).toEqual([]);
    expect((await db.outbox.toArray()).map((entry) => entry.id)).toEqual([c.id]);
    expect(await db.interactions.count()).toBe(3);
  });

  it('rolls a refused note back and reports it', async () => {
    const note = await addNote(ctx, customer.id, 'refused');
    const refused = await settleResults(db, [refusal(note.id)]);
    expect(refused).toEqual([{ mutation: note, error: { code: 'conflict', message: 'no' } }]);
    expect(await db.interactions.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('rolls back only the refused profile field, keeping a later waiting edit', async () => {
    const rename = await updateCustomer(ctx, customer.id, { name: 'Refused Name' });
    await updateCustomer(ctx, customer.id, { tags: ['kept'] });
    expect(await db.customers.get(customer.id)).toMatchObject({ name: 'Refused Name', tags: ['kept'] });
    await settleResults(db, [refusal(rename.id)]);
    const row = await db.customers.get(customer.id);
    expect(row).toMatchObject({ name: 'Wang Wei', tags: ['kept'], company: 'Acme' });
    expect(row?.terms).toContain('wang');
    expect(await db.outbox.count()).toBe(1);
  });

  it('puts a removed identity back when the removal is refused', async () => {
    const removal = await removeIdentity(ctx, phone);
    expect(await db.identities.get(phone.id)).toBeUndefined();
    await settleResults(db, [refusal(removal.id)]);
    expect(await db.identities.get(phone.id)).toEqual(phone);
  });

  it('keeps typed work on top of a hub change, and rolls back to the hub row, not the stale one', async () => {
    const rename = await updateCustomer(ctx, customer.id, { name: 'Typed Name' });
    // Another agent changed the company meanwhile; the hub streams the row.
    await applyChangePage(db, changesFrom(3, { ...customer, company: 'Hub Co', updatedAt: customer.updatedAt + 1 }), 3, {
      interactionsSince: 0,
    });
    expect(await db.customers.get(customer.id)).toMatchObject({ name: 'Typed Name', company: 'Hub Co' });
    await settleResults(db, [refusal(rename.id)]);
    expect(await db.customers.get(customer.id)).toMatchObject({ name: 'Wang Wei', company: 'Hub Co' });
  });

  it('lets the hub echo of an applied mutation replace the optimistic row', async () => {
    const note = await addNote(ctx, customer.id, 'echoed');
    if (note.name !== 'interaction.addNote') throw new Error('expected a note');
    await settleResults(db, [{ id: note.id, status: 'applied', seq: 3 }]);
    const hubRow = {
      id: note.args.interactionId,
      customerId: customer.id,
      occurredAt: note.args.occurredAt,
      agentId: ctx.agentId,
      channel: 'note' as const,
      text: 'echoed (hub)',
    };
    await applyChangePage(db, changesFrom(3, hubRow), 3, { interactionsSince: 0 });
    expect(await db.interactions.get(hubRow.id)).toEqual(hubRow);
  });

  // Found by the sync chaos property (test/integration/sync-chaos.test.ts): a lost answer left a repeated tag for good.
  it('takes the hub row when the hub echo arrived before the answer, instead of keeping a replay of the edit', async () => {
    const edit = await updateCustomer(ctx, customer.id, { tags: ['late', 'late'], company: '' });
    // The hub folds the repeated tag and stores the blank company as none; its change beats the push's answer.
    const hubRow = { ...customer, tags: ['late'], company: null, updatedAt: customer.updatedAt + 5 };
    await applyChangePage(db, changesFrom(3, hubRow), 3, { interactionsSince: 0 });
    expect(await db.customers.get(customer.id)).toMatchObject({ tags: ['late', 'late'], company: '' });
    await settleResults(db, [{ id: edit.id, status: 'duplicate', seq: 3 }]);
    expect(await db.customers.get(customer.id)).toMatchObject({ tags: ['late'], company: null, updatedAt: hubRow.updatedAt });
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('takeBatch', () => {
  const entry = (size: number): { mutation: Mutation } => ({
    mutation: {
      id: ulid(),
      name: 'interaction.addNote',
      createdAt: 0,
      args: { interactionId: ulid(), customerId: ulid(), text: 'y'.repeat(size), occurredAt: 0 },
    },
  });
  const bytes = (e: { mutation: Mutation }) => JSON.stringify(e.mutation).length;

  it('takes entries in order up to a count and a size', () => {
    const first = entry(10);
    const entries = [first, entry(10), entry(10)];
    expect(takeBatch(entries, 2, 10_000)).toEqual(entries.slice(0, 2));
    expect(takeBatch(entries, 10, bytes(first) * 2 + 1)).toEqual(entries.slice(0, 2));
  });

  it('always sends the first entry, even when it alone is over the size', () => {
    const entries = [entry(5_000), entry(1)];
    expect(takeBatch(entries, 10, 100)).toEqual(entries.slice(0, 1));
  });
});

import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../../shared/protocol/mutations';
import type { CustomerRow } from '../../../../renderer/db/rows';
import { withTerms } from '../../../../renderer/db/search-terms';
import { applyOptimistic, parseTargetKey, rebase, rollback, targetKey, targetOf } from '../../../../renderer/sync/optimistic';
import { makeCustomer } from '../fixtures';

const base: CustomerRow = withTerms(makeCustomer({ name: 'Wang Wei', company: 'Acme', tags: ['a'] }));

const update = (patch: Extract<Mutation, { name: 'customer.update' }>['args']['patch'], createdAt = 1_800_000_000_000): Mutation => ({
  id: ulid(),
  name: 'customer.update',
  createdAt,
  args: { customerId: base.id, patch },
});

const entry = (mutation: Mutation, preimage: CustomerRow | null = null) => ({ id: mutation.id, mutation, agentId: 'A', preimage });

describe('targets', () => {
  it('names the row each mutation changes, and reads back', () => {
    const m = update({ name: 'x' });
    expect(targetOf(m)).toEqual({ table: 'customers', key: base.id });
    expect(parseTargetKey(targetKey(targetOf(m)))).toEqual(targetOf(m));
  });
});

describe('applyOptimistic', () => {
  it('merges a profile patch and recomputes the search terms', () => {
    const row = applyOptimistic(update({ name: 'Zhao Lei' }), base, 'A');
    expect(row).toMatchObject({ name: 'Zhao Lei', company: 'Acme', tags: ['a'] });
    expect(row && 'terms' in row && row.terms).toContain('zhao');
    expect(row && 'terms' in row && row.terms).not.toContain('wang');
  });

  it('builds a note row, but defers to the hub row once it exists', () => {
    const note: Mutation = {
      id: ulid(),
      name: 'interaction.addNote',
      createdAt: 5,
      args: { interactionId: ulid(), customerId: base.id, text: 'hello', occurredAt: 5 },
    };
    expect(applyOptimistic(note, null, 'A')).toMatchObject({ channel: 'note', text: 'hello', agentId: 'A', occurredAt: 5 });
    const hubRow = { id: note.args.interactionId, customerId: base.id, occurredAt: 5, agentId: 'HUB', channel: 'note' as const, text: 'hello' };
    expect(applyOptimistic(note, hubRow, 'A')).toBe(hubRow);
  });

  it('removes an identity', () => {
    const m: Mutation = { id: ulid(), name: 'customer.removeIdentity', createdAt: 1, args: { identityId: ulid(), customerId: base.id } };
    expect(applyOptimistic(m, { id: m.args.identityId, customerId: base.id, kind: 'phone', value: '+8613800000000' }, 'A')).toBeNull();
  });
});

describe('rebase', () => {
  it('replays waiting patches over the hub row and records each preimage', () => {
    const hub = { ...base, company: 'Hub Co' };
    const first = update({ name: 'A' });
    const second = update({ tags: ['b'] });
    const result = rebase(hub, [entry(first), entry(second)]);
    expect(result.row).toMatchObject({ name: 'A', company: 'Hub Co', tags: ['b'] });
    expect(result.preimages[0]).toBe(hub);
    expect(result.preimages[1]).toMatchObject({ name: 'A', tags: ['a'] });
  });
});

describe('rollback', () => {
  it('undoes only the refused patch and keeps the later waiting one', () => {
    const first = update({ name: 'Refused' });
    const firstRow = applyOptimistic(first, base, 'A');
    const second = update({ tags: ['kept'] });
    const result = rollback(first.id, [entry(first, base), { ...entry(second), preimage: firstRow as CustomerRow }]);
    expect(result.row).toMatchObject({ name: 'Wang Wei', tags: ['kept'] });
    expect(result.remaining.map((e) => e.id)).toEqual([second.id]);
    expect(result.preimages).toEqual([base]);
  });

  it('puts the hub row back when the only change is refused', () => {
    const only = update({ company: null });
    expect(rollback(only.id, [entry(only, base)]).row).toBe(base);
  });
});

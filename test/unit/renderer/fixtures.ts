import 'fake-indexeddb/auto';
import { ulid } from 'ulid';
import type { Customer, Identity } from '../../../shared/domain/customer';
import type { Interaction } from '../../../shared/domain/interaction';
import type { Change } from '../../../shared/protocol/changes';
import { SwitchboardDb } from '../../../renderer/db/schema';

let dbCounter = 0;

/** A fresh, empty cache in fake IndexedDB. */
export function openTestDb(): SwitchboardDb {
  dbCounter += 1;
  return new SwitchboardDb(`test-${dbCounter}-${ulid()}`);
}

export function makeCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: ulid(),
    number: 'C000001',
    name: 'Wang Xiaoming',
    company: null,
    tags: [],
    tier: 'ordinary',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

export function makeIdentity(customerId: string, kind: Identity['kind'], value: string): Identity {
  return { id: ulid(), customerId, kind, value };
}

export function makeNote(customerId: string, occurredAt: number, text = 'called back'): Interaction {
  return { id: ulid(), customerId, occurredAt, agentId: null, channel: 'note', text };
}

/** Numbers changes from `firstSeq`, in order. */
export function changesFrom(firstSeq: number, ...items: (Customer | Identity | Interaction | { delete: Identity })[]): Change[] {
  return items.map((item, i): Change => {
    const seq = firstSeq + i;
    if ('delete' in item) return { seq, entity: 'identity', op: 'delete', data: { id: item.delete.id, customerId: item.delete.customerId } };
    if ('channel' in item) return { seq, entity: 'interaction', op: 'put', data: item };
    if ('kind' in item) return { seq, entity: 'identity', op: 'put', data: item };
    return { seq, entity: 'customer', op: 'put', data: item };
  });
}

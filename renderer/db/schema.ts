import { Dexie, type EntityTable } from 'dexie';
import type { CustomerRow, Identity, Interaction, MetaRow, OutboxEntry } from './rows';

/**
 * The desktop cache: one database per hub and user. Indexes are chosen for
 * the look-ups the agent waits on — search (`*terms`, `[kind+value]`), the
 * timeline (`[customerId+occurredAt]`) — and nothing else, because every
 * extra index slows the initial sync.
 */
export class SwitchboardDb extends Dexie {
  customers!: EntityTable<CustomerRow, 'id'>;
  identities!: EntityTable<Identity, 'id'>;
  interactions!: EntityTable<Interaction, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'order'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      customers: 'id, *terms',
      identities: 'id, customerId, [kind+value]',
      interactions: 'id, [customerId+occurredAt]',
      outbox: '++order, &id, targetKey',
      meta: 'key',
    });
  }
}

/** One cache per hub and user, so two agents sharing a PC never see each other's outbox. */
export function databaseNameFor(hubUrl: string, userId: string): string {
  return `switchboard:${new URL(hubUrl).origin}:${userId}`;
}

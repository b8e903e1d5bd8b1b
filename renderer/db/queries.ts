import { Dexie } from 'dexie';
import type { Identity } from '../../shared/domain/customer';
import type { Interaction } from '../../shared/domain/interaction';
import { readRecentIds } from './meta';
import type { CustomerRow } from './rows';
import type { SwitchboardDb } from './schema';

/** Reads the UI needs, as plain async functions over the cache; hooks.ts binds them to components. */

export const getCustomer = async (db: SwitchboardDb, id: string): Promise<CustomerRow | null> =>
  (await db.customers.get(id)) ?? null;

export async function getIdentities(db: SwitchboardDb, customerId: string): Promise<Identity[]> {
  const identities = await db.identities.where('customerId').equals(customerId).toArray();
  const order: Record<Identity['kind'], number> = { phone: 0, email: 1, visitor: 2 };
  return identities.sort((a, b) => order[a.kind] - order[b.kind] || a.value.localeCompare(b.value));
}

/**
 * A customer's cached interaction ids, newest first — keys only, from the
 * `[customerId+occurredAt]` index, so 10,000 of them cost milliseconds; rows
 * are read for the visible part of the timeline only.
 */
export const timelineIds = (db: SwitchboardDb, customerId: string): Promise<string[]> =>
  db.interactions
    .where('[customerId+occurredAt]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .reverse()
    .primaryKeys();

/**
 * The newest few rows of a timeline, straight from the index. Listing every id
 * of a 10,000-interaction customer takes tens of milliseconds; this takes one
 * or two, so the first screen paints from it while the full list is read.
 */
export const timelineHead = (db: SwitchboardDb, customerId: string, limit: number): Promise<Interaction[]> =>
  db.interactions
    .where('[customerId+occurredAt]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();

export const getInteractions = (db: SwitchboardDb, ids: readonly string[]): Promise<(Interaction | undefined)[]> =>
  db.interactions.bulkGet([...ids]);

export async function recentCustomers(db: SwitchboardDb): Promise<CustomerRow[]> {
  const ids = await readRecentIds(db);
  const rows = await db.customers.bulkGet(ids);
  return rows.filter((row): row is CustomerRow => row !== undefined);
}

/** Target keys of waiting mutations, to mark optimistic rows "waiting to send". */
export async function waitingTargets(db: SwitchboardDb): Promise<Set<string>> {
  const keys = await db.outbox.orderBy('targetKey').uniqueKeys();
  return new Set(keys.map(String));
}

/** The customer a phone number (E.164) belongs to, from the identity index: the screen pop's look-up, offline too. */
export async function customerByPhone(db: SwitchboardDb, e164: string): Promise<CustomerRow | null> {
  const identity = await db.identities.where('[kind+value]').equals(['phone', e164]).first();
  return identity ? getCustomer(db, identity.customerId) : null;
}

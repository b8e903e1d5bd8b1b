import type { CountryCode } from 'libphonenumber-js/min';
import { useDb } from './context';
import { type Live, useLiveQuery } from './live';
import { getCustomer, getIdentities, recentCustomers, timelineHead, timelineIds, waitingTargets } from './queries';
import { type CustomerHit, searchCustomers } from './search';

/** Components read the cache only through these hooks: each re-renders when its data changes. */

export function useCustomer(id: string) {
  const db = useDb();
  return useLiveQuery(() => getCustomer(db, id), [db, id]);
}

export function useIdentities(customerId: string) {
  const db = useDb();
  return useLiveQuery(() => getIdentities(db, customerId), [db, customerId]);
}

/** `null` until `enabled`: the timeline holds this read back so the first screen's rows are not queued behind it. */
export function useTimelineIds(customerId: string, enabled: boolean) {
  const db = useDb();
  return useLiveQuery(() => (enabled ? timelineIds(db, customerId) : Promise.resolve(null)), [db, customerId, enabled]);
}

export function useTimelineHead(customerId: string, limit: number) {
  const db = useDb();
  return useLiveQuery(() => timelineHead(db, customerId, limit), [db, customerId, limit]);
}

export function useRecentCustomers() {
  const db = useDb();
  return useLiveQuery(() => recentCustomers(db), [db]);
}

export function useWaitingTargets() {
  const db = useDb();
  return useLiveQuery(() => waitingTargets(db), [db]);
}

export function useCustomerSearch(query: string, region: CountryCode): Live<CustomerHit[]> {
  const db = useDb();
  return useLiveQuery(() => searchCustomers(db, query, region), [db, query, region]);
}

import { useMemo } from 'react';
import type { FollowUp } from '../../../shared/follow-ups/follow-up';
import { useDb } from '../../db/context';
import { useLiveQuery } from '../../db/live';
import { useSync } from '../../sync/context';
import { type FollowUpDraft, recordFollowUp, scheduleFollowUp } from '../../sync/mutations';

/** Follow-up screens read the cache through these hooks and change it only through the two mutations. */

export const useMe = (): string | null => useSync().mutation.agentId;

/** Mine and open, from the cache (offline too). */
export function useMyOpenFollowUps(me: string | null) {
  const db = useDb();
  return useLiveQuery(
    async (): Promise<FollowUp[]> =>
      me === null ? [] : (await db.followUps.where('assigneeId').equals(me).toArray()).filter((f) => f.status === 'scheduled' || f.status === 'due'),
    [db, me],
  );
}

/** This customer's open follow-ups, soonest first. */
export function useCustomerFollowUps(customerId: string) {
  const db = useDb();
  return useLiveQuery(
    async (): Promise<FollowUp[]> =>
      (await db.followUps.where('customerId').equals(customerId).toArray())
        .filter((f) => f.status === 'scheduled' || f.status === 'due')
        .sort((a, b) => a.dueAt - b.dueAt),
    [db, customerId],
  );
}

/** Names for a list of customers, from the cache. */
export function useCustomerNames(ids: readonly string[]) {
  const db = useDb();
  const key = [...new Set(ids)].sort().join(',');
  return useLiveQuery(async () => {
    const unique = key ? key.split(',') : [];
    const rows = await db.customers.bulkGet(unique);
    return new Map(rows.flatMap((row) => (row ? [[row.id, row.name] as const] : [])));
  }, [db, key]);
}

export function useFollowUpActions() {
  const { mutation } = useSync();
  return useMemo(
    () => ({
      schedule: (draft: FollowUpDraft) => scheduleFollowUp(mutation, draft),
      record: (followUpId: string, outcome: Parameters<typeof recordFollowUp>[2]) => recordFollowUp(mutation, followUpId, outcome),
    }),
    [mutation],
  );
}

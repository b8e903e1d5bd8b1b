import { Dexie } from 'dexie';
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Complaint } from '../../../shared/complaints/complaint';
import { DEFAULT_COMPLAINT_SETTINGS } from '../../../shared/complaints/settings-defaults';
import type { InteractionOf } from '../../../shared/domain/interaction';
import type { ComplaintSettings } from '../../../shared/protocol/complaints';
import { useDb } from '../../db/context';
import { useLiveQuery, valueOr } from '../../db/live';
import { useSync } from '../../sync/context';
import { actOnComplaint, type ComplaintDraft, type ComplaintStep, logComplaint } from '../../sync/mutations';
import { createComplaintClient } from './complaint-client';
import { isOpen, refusalCodeOf } from './complaint-logic';
import { cacheComplaintSettings, readCachedComplaintSettings } from './complaint-settings-cache';
import { useComplaintUi } from './complaint-store';

/** Complaint screens read the cache through these hooks and change it only through the two mutations. */

export function useOnline(): boolean {
  const { engine } = useSync();
  return useStore(engine.status, (state) => state.connection.kind === 'online' || state.connection.kind === 'syncing');
}

export function useComplaintClient() {
  const { engine } = useSync();
  return useMemo(() => createComplaintClient(engine.socket), [engine]);
}

/** Who I am, as the hub names owners. */
export const useMe = (): string | null => useSync().mutation.agentId;

/** The settings from the cache (so the form and the clocks work offline); the hub's defaults until it has ever answered. */
export function useComplaintSettings(): ComplaintSettings {
  const db = useDb();
  const cached = useLiveQuery(() => readCachedComplaintSettings(db), [db]);
  return valueOr(cached, null) ?? DEFAULT_COMPLAINT_SETTINGS;
}

/** An administrator's change is not pushed: the session re-reads the settings this often, and whenever a form or complaint opens. */
export const SESSION_SETTINGS_REFRESH_MS = 10 * 60_000;

/**
 * Reads the settings from the hub into the cache while it is reachable: at
 * once, then every few minutes (`everyMs`), or just once on mount without it.
 */
export function useComplaintSettingsRefresh(everyMs?: number): void {
  const db = useDb();
  const online = useOnline();
  const client = useComplaintClient();
  useEffect(() => {
    if (!online) return;
    let active = true;
    const read = () =>
      void client.settings().then((answer) => {
        if (active && answer.ok) void cacheComplaintSettings(db, answer.data);
      });
    read();
    const timer = everyMs ? setInterval(read, everyMs) : null;
    return () => {
      active = false;
      if (timer) clearInterval(timer);
    };
  }, [online, client, db, everyMs]);
}

export function useCustomerComplaints(customerId: string) {
  const db = useDb();
  return useLiveQuery(() => db.complaints.where('customerId').equals(customerId).toArray(), [db, customerId]);
}

/** Open complaints I own, from the cache (offline too). */
export function useMyOpenComplaints(me: string | null) {
  const db = useDb();
  return useLiveQuery(async () => (me === null ? [] : (await db.complaints.where('ownerId').equals(me).toArray()).filter(isOpen)), [db, me]);
}

/** Cached customers' names by id, for lists that mix customers. */
export function useCustomerNames(ids: readonly string[]) {
  const db = useDb();
  const key = [...new Set(ids)].sort().join(',');
  return useLiveQuery(async () => {
    const rows = await db.customers.bulkGet(key === '' ? [] : key.split(','));
    return new Map(rows.flatMap((row) => (row ? [[row.id, row.name] as const] : [])));
  }, [db, key]);
}

/** The newest complaint change this cache holds (id and time), to know when a hub-side list is stale. */
export function useLatestComplaintChange() {
  const db = useDb();
  return useLiveQuery(async () => {
    const latest = await db.complaints.orderBy('updatedAt').last();
    return latest ? `${latest.id}@${latest.updatedAt}` : null;
  }, [db]);
}

export function useComplaint(id: string) {
  const db = useDb();
  return useLiveQuery(async () => (await db.complaints.get(id)) ?? null, [db, id]);
}

/** The complaint's history: its lines on the customer's timeline, oldest first. */
export function useComplaintLines(complaint: Pick<Complaint, 'id' | 'customerId' | 'openedAt'>) {
  const db = useDb();
  return useLiveQuery(async () => {
    const rows = await db.interactions
      .where('[customerId+occurredAt]')
      .between([complaint.customerId, complaint.openedAt], [complaint.customerId, Dexie.maxKey])
      .toArray();
    return rows.filter((row): row is InteractionOf<'complaint'> => row.channel === 'complaint' && row.complaintId === complaint.id);
  }, [db, complaint.id, complaint.customerId, complaint.openedAt]);
}

/** Whether a mutation on this complaint waits in the outbox (its timeline line comes with the hub's answer). */
export function useComplaintPending(complaintId: string): boolean {
  const db = useDb();
  const live = useLiveQuery(() => db.outbox.where('targetKey').equals(`complaints/${complaintId}`).count(), [db, complaintId]);
  return valueOr(live, 0) > 0;
}

export function useComplaintMutations() {
  const { mutation } = useSync();
  return useMemo(
    () => ({
      log: (draft: ComplaintDraft) => logComplaint(mutation, draft),
      act: (complaintId: string, step: ComplaintStep) => {
        useComplaintUi.getState().clearRefusal(complaintId);
        return actOnComplaint(mutation, complaintId, step);
      },
    }),
    [mutation],
  );
}

/** Hub refusals of complaint mutations, kept per complaint so its view can say exactly why (the notice strip says that one happened). */
export function useComplaintRefusals(): void {
  const { engine } = useSync();
  useEffect(
    () =>
      engine.onRefusal(({ mutation, error }) => {
        if (mutation.name === 'complaint.log') {
          useComplaintUi.getState().refused(mutation.args.complaint.id, { code: refusalCodeOf(error), hubCode: error.code, step: 'logged' });
        } else if (mutation.name === 'complaint.act') {
          useComplaintUi.getState().refused(mutation.args.complaintId, { code: refusalCodeOf(error), hubCode: error.code, step: mutation.args.event.type });
        }
      }),
    [engine],
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { Role } from '../../../shared/domain/user';
import type { CustomerValueAnswer, CustomerValueRecord } from '../../../shared/protocol/customer-value';
import { CLIENT_EVENTS } from '../../../shared/protocol/events';
import { useDb } from '../../db/context';
import { type Live, useLiveQuery } from '../../db/live';
import { useSession } from '../../store/session';
import { useSync } from '../../sync/context';
import { createValueClient } from './value-client';

export function useOnline(): boolean {
  const { engine } = useSync();
  return useStore(engine.status, (state) => state.connection.kind === 'online' || state.connection.kind === 'syncing');
}

export function useValueClient() {
  const { engine } = useSync();
  return useMemo(() => createValueClient(engine.socket), [engine]);
}

/** The cached figures (kept current by sync), so the panel shows them offline too. */
export function useCachedValue(customerId: string): Live<CustomerValueRecord | undefined> {
  const db = useDb();
  return useLiveQuery(() => db.customerValues.get(customerId), [db, customerId]);
}

/** Whether my role may call `event`: the same list the hub checks, so a button is never offered only to be refused. */
export function useMayCall(event: 'loyalty:adjust' | 'customer:credit' | 'order:add'): boolean {
  const role = useSession((state) => state.current?.user.role);
  return role !== undefined && (CLIENT_EVENTS[event].roles as readonly Role[]).includes(role);
}

/**
 * The hub's answer (figures and the newest ledger lines) while online,
 * fetched again when the cached figures move (an order, an adjustment from
 * another desk). Offline it is null and the panel shows the cache alone.
 */
export function useLiveValue(customerId: string, cachedAt: number | null) {
  const online = useOnline();
  const client = useValueClient();
  const [answer, setAnswer] = useState<CustomerValueAnswer | null>(null);
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `cachedAt` and `round` are triggers for a fresh read, not inputs
  useEffect(() => {
    if (!online) {
      setAnswer(null);
      return;
    }
    let active = true;
    void client.read(customerId).then((result) => {
      if (active && result.ok) setAnswer(result.data);
    });
    return () => {
      active = false;
    };
  }, [online, client, customerId, cachedAt, round]);
  return { online, answer, refresh };
}

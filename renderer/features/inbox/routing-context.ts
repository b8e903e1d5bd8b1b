import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { RoutingState, RoutingStore } from '../../store/routing';
import type { RoutingClient } from '../../sync/routing-client';
import { useOpenCustomer } from '../search/use-open-customer';

export type RoutingServices = { store: RoutingStore; client: RoutingClient };

export const RoutingContext = createContext<RoutingServices | null>(null);

export function useRoutingServices(): RoutingServices {
  const services = useContext(RoutingContext);
  if (!services) throw new Error('useRouting outside a signed-in session');
  return services;
}

export function useRouting<T>(selector: (state: RoutingState) => T): T {
  return useStore(useRoutingServices().store, selector);
}

/** The clock, re-read every `intervalMs` while mounted: drives timers and countdowns. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Accepting an offer pops the customer's 360 once the hub has given us the task. */
export function useAcceptOffer(): (taskId: string) => Promise<void> {
  const { client, store } = useRoutingServices();
  const openCustomer = useOpenCustomer();
  return useCallback(
    async (taskId: string) => {
      const result = await client.accept(taskId);
      if (!result.ok) return;
      store.setState({ selectedTaskId: taskId });
      if (result.data.customerId) openCustomer(result.data.customerId);
    },
    [client, store, openCustomer],
  );
}

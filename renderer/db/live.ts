import { liveQuery } from 'dexie';
import { type DependencyList, useEffect, useState } from 'react';

export type Live<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

/**
 * Subscribes a component to a Dexie query: it re-renders when a transaction
 * touches what the query read. `deps` are the query's inputs.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): Live<T> {
  const [state, setState] = useState<Live<T>>({ status: 'loading' });
  useEffect(() => {
    let active = true;
    const subscription = liveQuery(query).subscribe({
      next: (value) => active && setState({ status: 'ready', value }),
      error: (error: unknown) => active && setState({ status: 'error', error }),
    });
    return () => {
      active = false;
      subscription.unsubscribe();
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps are the query's inputs
  }, deps);
  return state;
}

export const valueOr = <T>(live: Live<T>, fallback: T): T => (live.status === 'ready' ? live.value : fallback);

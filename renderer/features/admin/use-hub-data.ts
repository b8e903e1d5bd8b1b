import { useCallback, useEffect, useState } from 'react';
import type { AdminClient, AdminFailure, AdminResult } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import { useAdmin } from './admin-context';

export type HubData<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; failure: AdminFailure };

/**
 * A list the admin screens read from the hub: loaded on mount and again on
 * every reconnect, so a screen opened while the hub was away fills itself in.
 * `load` must keep its identity (a module-level function), or it reloads on every render;
 * it gets the socket too, for the areas with their own client (complaints, surveys, follow-ups, customer value).
 */
export function useHubData<T>(load: (client: AdminClient, socket: HubSocket) => Promise<AdminResult<T>>) {
  const { client, socket } = useAdmin();
  const [state, setState] = useState<HubData<T>>({ status: 'loading' });
  const reload = useCallback(() => {
    let current = true;
    void load(client, socket).then((result) => {
      if (current) setState(result.ok ? { status: 'ready', data: result.data } : { status: 'failed', failure: result.failure });
    });
    return () => {
      current = false;
    };
  }, [client, socket, load]);

  useEffect(() => {
    let cancel = reload();
    const onConnect = () => {
      cancel();
      cancel = reload();
    };
    socket.on('connect', onConnect);
    return () => {
      cancel();
      socket.off('connect', onConnect);
    };
  }, [reload, socket]);

  /** After a save: the hub's answer goes into the list without another round trip. */
  const update = useCallback((change: (data: T) => T) => {
    setState((previous) => (previous.status === 'ready' ? { status: 'ready', data: change(previous.data) } : previous));
  }, []);

  return { state, reload, update };
}

/** Puts a saved record in its list: replaced where its key matches, else added at the end. */
export function upsertBy<T>(list: readonly T[], item: T, key: (value: T) => string): T[] {
  const id = key(item);
  return list.some((existing) => key(existing) === id) ? list.map((existing) => (key(existing) === id ? item : existing)) : [...list, item];
}

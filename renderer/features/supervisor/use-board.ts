import { useEffect, useState } from 'react';
import type { SupervisorBoard } from '../../../shared/protocol/supervisor';
import type { AdminFailure } from '../../sync/admin-client';
import type { SupervisorClient } from './supervisor-client';

/** The latest board the hub pushed, drawn as soon as it arrives (a benchmark times it on screen). */
export function useBoard(client: SupervisorClient): { board: SupervisorBoard | null; failure: AdminFailure | null } {
  const [board, setBoard] = useState<SupervisorBoard | null>(null);
  const [failure, setFailure] = useState<AdminFailure | null>(null);
  useEffect(
    () =>
      client.watch(
        (next) => {
          setFailure(null);
          // Pushes can overtake the watch ack: never draw an older board over a newer one.
          setBoard((current) => (current && current.at > next.at ? current : next));
        },
        setFailure,
      ),
    [client],
  );
  return { board, failure };
}

import { useEffect, useState } from 'react';
import type { AgentDirectory } from '../../../shared/protocol/routing';
import { useRoutingServices } from '../inbox/routing-context';
import { useOnline } from './use-complaints';

/** Colleagues and queues (teams) to own a complaint, read live from the hub; null while offline or loading. */
export function useDirectory(): AgentDirectory | null {
  const online = useOnline();
  const { client } = useRoutingServices();
  const [directory, setDirectory] = useState<AgentDirectory | null>(null);
  useEffect(() => {
    if (!online) return;
    let active = true;
    void client.directory().then((answer) => {
      if (active && answer.ok) setDirectory(answer.data);
    });
    return () => {
      active = false;
    };
  }, [client, online]);
  return online ? directory : null;
}

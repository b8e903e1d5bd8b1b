import { useEffect, useState } from 'react';
import type { HubSocket } from '../../sync/hub-socket';

/** Whether the hub's socket is up right now (uploads and "retry now" need it; writing a reply does not). */
export function useHubReachable(socket: HubSocket): boolean {
  const [up, setUp] = useState(socket.connected);
  useEffect(() => {
    const on = () => setUp(true);
    const off = () => setUp(false);
    socket.on('connect', on);
    socket.on('disconnect', off);
    setUp(socket.connected);
    return () => {
      socket.off('connect', on);
      socket.off('disconnect', off);
    };
  }, [socket]);
  return up;
}

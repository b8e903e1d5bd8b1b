import { createContext, useContext } from 'react';
import type { AdminClient } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';

export type AdminServices = {
  client: AdminClient;
  socket: HubSocket;
  /** False for supervisors: every form is shown read-only, without save buttons. */
  canEdit: boolean;
  /** For the widget's embed snippet. */
  hubUrl: string;
};

export const AdminContext = createContext<AdminServices | null>(null);

export function useAdmin(): AdminServices {
  const services = useContext(AdminContext);
  if (!services) throw new Error('useAdmin outside the administration area');
  return services;
}

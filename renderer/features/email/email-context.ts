import { createContext, useContext } from 'react';
import type { HubSocket } from '../../sync/hub-socket';

/** What the email view needs from the session: the hub's socket, and its address and token for files (fetched as blobs). */
export type EmailServices = { socket: HubSocket; hubUrl: string; getToken: () => string };

export const EmailContext = createContext<EmailServices | null>(null);

export function useEmailServices(): EmailServices {
  const services = useContext(EmailContext);
  if (!services) throw new Error('useEmailServices outside a signed-in session');
  return services;
}

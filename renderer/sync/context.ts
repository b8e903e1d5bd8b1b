import { createContext, useContext, useMemo } from 'react';
import type { CustomerPatch, Identity, IdentityKind } from '../../shared/domain/customer';
import type { SyncEngine } from './engine';
import { addIdentity, addNote, type MutationContext, mergeCustomers, removeIdentity, updateCustomer } from './mutations';

export type SyncServices = { engine: SyncEngine; mutation: MutationContext };

export const SyncContext = createContext<SyncServices | null>(null);

export function useSync(): SyncServices {
  const services = useContext(SyncContext);
  if (!services) throw new Error('useSync outside a signed-in session');
  return services;
}

/** The changes an agent can make, bound to the session: each is optimistic and queued for the hub. */
export function useMutations() {
  const { mutation } = useSync();
  return useMemo(
    () => ({
      addNote: (customerId: string, text: string) => addNote(mutation, customerId, text),
      updateCustomer: (customerId: string, patch: CustomerPatch) => updateCustomer(mutation, customerId, patch),
      addIdentity: (customerId: string, kind: IdentityKind, value: string) => addIdentity(mutation, customerId, kind, value),
      removeIdentity: (identity: Pick<Identity, 'id' | 'customerId'>) => removeIdentity(mutation, identity),
      mergeCustomers: (survivorId: string, duplicateId: string) => mergeCustomers(mutation, survivorId, duplicateId),
    }),
    [mutation],
  );
}
